"""Scans into the archival format: parts merged, then PDF/A by Ghostscript, then Preflight.

- merge with pikepdf (`pages.extend`): pypdf's append would drop the catalog;
- Ghostscript with a PDFA definition file naming an sRGB ICC profile, so the output has a
  real OutputIntent (without one gs writes a false PDF/A claim and no warning), run with
  TZ=Europe/Oslo (with UTC its dates end in `Z00'00'`, which Preflight rejects);
- PDFBox Preflight for PDF/A-1b (the only validator available here); for PDF/A-2b the claim
  is checked.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pikepdf

from ..convert import PdfaLevel
from ..convert.errors import ConverterUnavailable
from ..convert.pdfa import pdfa_claim
from ..convert.preflight import preflight
from .inspect import SignedRejected

ICC_CANDIDATES = ("/usr/share/color/icc/ghostscript/srgb.icc", "/usr/share/ghostscript/*/iccprofiles/srgb.icc")

PDFA_DEF = """%!
/ICCProfile ({icc}) def
[/_objdef {{icc_PDFA}} /type /stream /OBJ pdfmark
[{{icc_PDFA}} << /N 3 >> /PUT pdfmark
[{{icc_PDFA}} ICCProfile (r) file /PUT pdfmark
[/_objdef {{OutputIntent_PDFA}} /type /dict /OBJ pdfmark
[{{OutputIntent_PDFA}} <<
  /Type /OutputIntent /S /GTS_PDFA1 /DestOutputProfile {{icc_PDFA}}
  /OutputConditionIdentifier (sRGB IEC61966-2.1) /Info (sRGB IEC61966-2.1)
>> /PUT pdfmark
[{{Catalog}} << /OutputIntents [ {{OutputIntent_PDFA}} ] >> /PUT pdfmark
"""


def srgb_profile() -> Path:
    for pattern in ICC_CANDIDATES:
        for found in sorted(glob.glob(pattern)):
            return Path(found)
    raise ConverterUnavailable("Fant ingen sRGB ICC-profil fra Ghostscript. Installer ghostscript (make setup).")


def merge(parts: list[Path], target: Path) -> int:
    """All pages of `parts`, in order, into `target`; returns the page count."""
    try:
        with pikepdf.new() as merged:
            for part in parts:
                with pikepdf.open(part) as source:
                    merged.pages.extend(source.pages)
            merged.save(target)
            return len(merged.pages)
    except (pikepdf.PdfError, OSError, ValueError) as exc:
        raise SignedRejected(f"Delene kunne ikke slås sammen ({type(exc).__name__}). Skann dem på nytt.") from None


def to_pdfa(source: Path, target: Path, level: PdfaLevel, timeout: float = 300) -> None:
    """Ghostscript: `source` as PDF/A at `level` in `target`; SignedRejected if it fails."""
    gs = shutil.which("gs")
    if gs is None:
        raise ConverterUnavailable("Ghostscript (gs) mangler. Installer ghostscript (make setup).")
    icc = srgb_profile()
    with tempfile.TemporaryDirectory(prefix="praksis-gs-") as tmp:
        definition = Path(tmp) / "PDFA_def.ps"
        definition.write_text(PDFA_DEF.format(icc=str(icc).replace("(", r"\(").replace(")", r"\)")), encoding="ascii")
        command = [gs, "-sDEVICE=pdfwrite", f"-dPDFA={level.part}", "-dBATCH", "-dNOPAUSE", "-dQUIET", "-dNOOUTERSAVE",
                   "-sColorConversionStrategy=RGB", "-sProcessColorModel=DeviceRGB", "-dPDFACompatibilityPolicy=1",
                   f"--permit-file-read={icc}", f"-sOutputFile={target}", str(definition), str(source)]
        env = {**os.environ, "TZ": "Europe/Oslo"}
        try:
            run = subprocess.run(command, capture_output=True, timeout=timeout, env=env)
        except subprocess.TimeoutExpired:
            raise SignedRejected("Ghostscript brukte for lang tid på å gjøre skanningen om til PDF/A.") from None
    if run.returncode != 0 or not target.exists() or target.stat().st_size == 0:
        detail = (run.stderr or run.stdout).decode(errors="replace").strip().splitlines()[-1:] or ["ukjent feil"]
        raise SignedRejected(f"Skanningen kunne ikke gjøres om til PDF/A: {detail[0]}")
    claim = pdfa_claim(target)
    if claim is None or claim.part != level.part:
        raise SignedRejected(f"Ghostscript laget ikke {level} av skanningen.")


def check_pdfa(path: Path, level: PdfaLevel) -> list[str]:
    """Preflight's errors for PDF/A-1b (none: valid); for other levels, the claim only."""
    if level.part == 1:
        result = preflight([path])[0]
        return [] if result.valid else result.errors or ["Preflight: ugyldig PDF/A-1b"]
    claim = pdfa_claim(path)
    return [] if claim is not None and claim.part == level.part else [f"oppgir ikke {level}"]
