"""The PDF/A claim of a PDF (XMP pdfaid:part / pdfaid:conformance).

LibreOffice ignores some filter-option spellings silently and writes a plain PDF with
exit 0 (TOOLING.md), so every output is checked here before it is used.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pikepdf

from ..programs.errors import ConversionError


PRONOM = {(1, "A"): "fmt/95", (1, "B"): "fmt/354", (2, "A"): "fmt/476", (2, "B"): "fmt/477", (2, "U"): "fmt/478"}
"""PRONOM format ids of PDF/A-1 and -2 (praksis writes 1a, 1b or 2b; the others can be read as claims)."""
SETTINGS = {"1a": (1, "A"), "1b": (1, "B"), "2b": (2, "B")}
"""The `[konvertering] pdfa` values; the old numbers 1 and 2 mean 1b and 2b (see config)."""


@dataclass(frozen=True)
class PdfaLevel:
    part: int  # 1 or 2
    conformance: str = "B"

    @classmethod
    def parse(cls, setting: str) -> PdfaLevel:
        """A `[konvertering] pdfa` value («1a», «1b», «2b») as a level."""
        part, conformance = SETTINGS[setting.lower()]
        return cls(part, conformance)

    @property
    def pronom(self) -> str:
        """PRONOM format id: PDF/A-1a fmt/95, PDF/A-1b fmt/354, PDF/A-2b fmt/477."""
        # an odd conformance letter read from a file's claim counts as level B of its part
        return PRONOM.get((self.part, self.conformance)) or PRONOM[(self.part if self.part in (1, 2) else 1, "B")]

    @property
    def tagged(self) -> bool:
        """Level A: the file must carry a logical structure (checked in `accessibility`)."""
        return self.conformance == "A"

    @property
    def image_only(self) -> PdfaLevel:
        """The level for a scanned (image-only) copy: the same part at level B, since a scan
        has no text structure to tag."""
        return PdfaLevel(self.part, "B")

    def __str__(self) -> str:
        return f"PDF/A-{self.part}{self.conformance.lower()}"


def pdfa_claim(path: Path) -> PdfaLevel | None:
    """The PDF/A level the file claims in its XMP metadata, or None if it claims none."""
    try:
        with pikepdf.open(path) as pdf:
            meta = pdf.open_metadata()
            part = meta.get("pdfaid:part")
            conformance = meta.get("pdfaid:conformance")
    except (pikepdf.PdfError, OSError, ValueError):
        return None
    if not part or not str(part).isdigit():
        return None
    return PdfaLevel(int(part), str(conformance or "").upper())


_CLAIM_A = b"<pdfaid:conformance>A</pdfaid:conformance>"
_CLAIM_B = b"<pdfaid:conformance>B</pdfaid:conformance>"


def _settle_to_b(path: Path) -> None:
    """Rewrite a level-A claim as level B (in place, via a temp file).

    LibreOffice 7.4 forces tagging for PDF/A-1 and so always claims 1a. Level A is level B
    plus tagging: a valid 1a file meets every 1b requirement, so claiming B is true. The
    configured level is what the archive records (PDF/A-1b, fmt/354); Preflight checks it.

    PDF/A forbids compressing the metadata stream, so the claim is plain text in the file:
    swapping one byte keeps every offset and every other byte as LibreOffice wrote them.
    Other spellings of the claim go through pikepdf instead.
    """
    partial = path.with_name(path.name + ".b.tmp")
    data = path.read_bytes()
    if data.count(_CLAIM_A) == 1:
        partial.write_bytes(data.replace(_CLAIM_A, _CLAIM_B))
    else:
        with pikepdf.open(path) as pdf:
            with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
                meta["pdfaid:conformance"] = "B"
            pdf.save(partial)
    os.replace(partial, path)


def require_pdfa(path: Path, level: PdfaLevel, document: str | None = None) -> PdfaLevel:
    """Fail loudly unless `path` claims `level`; a stricter level A claim of the same part is
    settled to the configured level B."""
    claim = pdfa_claim(path)
    if claim is not None and claim.part == level.part and claim.conformance == "A" and level.conformance == "B":
        _settle_to_b(path)
        claim = pdfa_claim(path)
    if claim != level:
        found = "ingen PDF/A-erklæring" if claim is None else str(claim)
        raise ConversionError(
            document or path.name,
            f"LibreOffice skrev ikke {level} (fant {found}). Filen kan ikke arkiveres; sjekk LibreOffice-versjonen.",
        )
    return claim
