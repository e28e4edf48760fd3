"""Which generated document a returned PDF belongs to.

1. the QR code in the footer (programs/qr.py: pdfium and zxing-cpp), the footer strip
   first, then the whole page, at 150 dpi and then 200 dpi;
2. else the document id in the file name (`2026-17_praksisavtale_v1.pdf`, `2026_17-praksisavtale-v1`);
3. else the id in the text layer (an e-signed PDF keeps the footer text `2026/17:praksisavtale:v1`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from ..documents.identity import DocumentIdentity
from ..programs import qr

_IN_TEXT = re.compile(r"\d{4}/\d+:[a-z_]+:v\d+")
_IN_NAME = re.compile(r"(\d{4})[-_/ ](\d+)[-_: ]+([a-z_]+?)[-_: ]+v(\d+)", re.IGNORECASE)


@dataclass
class Identification:
    identity: DocumentIdentity | None
    method: str | None  # qr, filnavn, tekst
    page_ids: list[DocumentIdentity | None] = field(default_factory=list)  # per page, from QR codes


def qr_identities(path: Path, dpis: tuple[int, ...] = (150, 200)) -> list[DocumentIdentity | None]:
    """The identity on each page ([] if pdfium cannot open the file: the name and text still may)."""
    return qr.page_codes(path, dpis, DocumentIdentity.parse)


def from_name(name: str) -> DocumentIdentity | None:
    match = _IN_NAME.search(name)
    if not match:
        return None
    return DocumentIdentity(match[3].lower(), int(match[4]), f"{match[1]}/{int(match[2])}")


def from_text(path: Path, max_pages: int = 10) -> DocumentIdentity | None:
    try:
        reader = PdfReader(str(path))
        for page in reader.pages[:max_pages]:
            match = _IN_TEXT.search(page.extract_text() or "")
            if match:
                return DocumentIdentity.parse(match[0])  # the footer id: the same parser as the QR code
    except (PdfReadError, ValueError, KeyError, TypeError):
        return None
    return None


def identify(path: Path, use_qr: bool = True) -> Identification:
    page_ids = qr_identities(path) if use_qr else []
    found = [p for p in page_ids if p is not None]
    if found:
        # the document most pages name (a stray page of another document does not decide)
        best = max(set(found), key=found.count)
        return Identification(best, "qr", page_ids)
    by_name = from_name(path.name)
    if by_name is not None:
        return Identification(by_name, "filnavn", page_ids)
    by_text = from_text(path)
    if by_text is not None:
        return Identification(by_text, "tekst", page_ids)
    return Identification(None, None, page_ids)
