"""How far a returned scan can be trusted to be the signed document (docs/signert.md).

A PAdES signature proves itself (programs/pyhanko.py). A scan proves nothing by itself: praksis files it
as signed only when it looks like what a signed paper copy must be, and sends everything
else to a person (signert/til_kontroll/):
- it is not the very bytes of a PDF praksis generated (SHA-256 against the archive);
- every page is a picture of a page (a raster image the shape of the page), not text;
- its pages carry this document's QR code (an id in the file name or the text alone is not
  enough: anyone can type it), no page carries another document's, and no more pages carry
  it than the generated version has.
This catches forged and mistaken copies (a blank page named after the id, a text PDF with the
id, the unsigned PDF sent back); it cannot see whether the signature itself is real.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pikepdf

from ..archive.store import JournalFiles
from ..documents.identity import DocumentIdentity
from .identify import Identification

ASPECT_TOLERANCE = 0.2
"""How far an image's width:height may be from its page's and still count as a picture of it."""
MIN_SCAN_DPI = 50
"""The least resolution (over the page's longer side) an image needs to count as a scanned page."""


@dataclass(frozen=True)
class Part:
    """One received file: where it is, its SHA-256 and what the QR codes on its pages say."""

    path: Path
    sha256: str
    identification: Identification


class NeedsReview(Exception):
    """A scan praksis will not file as signed on its own; `reason` is Norwegian, for the note."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _page_is_picture(page: pikepdf.Page) -> bool:
    """True when the page holds a raster image of about the page's shape and size."""
    box = [float(v) for v in page.mediabox]
    width, height = abs(box[2] - box[0]), abs(box[3] - box[1])
    if width <= 0 or height <= 0:
        return False
    rotated = int(page.obj.get("/Rotate", 0)) % 180 == 90
    page_ratio = height / width if rotated else width / height
    longest_inches = max(width, height) / 72
    for image in page.get_images().values():
        try:
            w, h = int(image.get("/Width", 0)), int(image.get("/Height", 0))
        except (TypeError, ValueError):
            continue
        if w <= 0 or h <= 0:
            continue
        ratio = w / h
        fits = any(abs(ratio - r) / r <= ASPECT_TOLERANCE for r in (page_ratio, 1 / page_ratio))
        if fits and max(w, h) >= MIN_SCAN_DPI * longest_inches:
            return True
    return False


def _pictures(path: Path) -> tuple[int, list[int]]:
    """(images in the file, 1-based numbers of pages that are not pictures of a page)."""
    images = 0
    not_pictures = []
    with pikepdf.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            images += len(page.get_images())
            if not _page_is_picture(page):
                not_pictures.append(number)
    return images, not_pictures


def _pages_of(pdf: Path) -> int:
    with pikepdf.open(pdf) as document:
        return len(document.pages)


def _numbers(pages: list[int]) -> str:
    shown = ", ".join(str(n) for n in pages[:5])
    return shown + (" …" if len(pages) > 5 else "")


def review_reason(identity: DocumentIdentity, journal: JournalFiles, parts: list[Part]) -> str | None:
    """None when the scan parts may be filed as signed; else why a person must look at them."""
    generated: dict[str, int] = {}  # SHA-256 of each generated (unsigned) PDF → its version
    for version in journal.versions:
        if not version.meta.get("signert"):
            for item in version.meta["dokumentobjekt"]:
                generated[item["sjekksum"]] = version.number
    signed_version = next(v for v in journal.versions if v.number == identity.versjon)
    archival = next(o for o in signed_version.meta["dokumentobjekt"] if o["variantformat"] == "Arkivformat")
    page_count = _pages_of(signed_version.folder / archival["filnavn"])
    for part in parts:
        name = part.path.name
        if part.sha256 in generated:
            return (f"«{name}» er den usignerte PDF-en som praksis laget (samme innhold som versjon "
                    f"{generated[part.sha256]} i arkivet), ikke en signert kopi.")
        images, not_pictures = _pictures(part.path)
        if images == 0:
            return (f"«{name}» har ingen bilder, bare tekst: en skannet signert kopi består av bilder av sidene. "
                    "Er dokumentet signert elektronisk, mangler signaturen i filen.")
        if not_pictures:
            return (f"«{name}»: side {_numbers(not_pictures)} er ikke et skannet bilde av en side "
                    "(ingen bilde som dekker siden).")
        page_ids = part.identification.page_ids
        ours = [n for n, found in enumerate(page_ids, start=1) if found == identity]
        others = [(n, found) for n, found in enumerate(page_ids, start=1) if found is not None and found != identity]
        if others:
            number, other = others[0]
            return f"«{name}»: side {number} har QR-koden til et annet dokument ({other.id}), ikke {identity.id}."
        if not ours:
            return (f"«{name}»: ingen side har QR-koden til {identity.id} (dokumentet ble funnet fra "
                    f"{'filnavnet' if part.identification.method == 'filnavn' else 'teksten'}). Det kan være en "
                    "blank side, et annet dokument eller en kopi uten bunntekst.")
        if len(ours) > page_count:
            return (f"«{name}» har {len(ours)} sider med QR-koden til {identity.id}, men dokumentet har bare "
                    f"{page_count} side(r).")
    return None
