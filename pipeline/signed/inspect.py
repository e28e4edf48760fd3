"""The first look at a returned file: what makes it unusable, in Norwegian, before anything else."""

from __future__ import annotations

from pathlib import Path

import pikepdf

from ..common.errors import PraksisError


class SignedRejected(PraksisError):
    """A returned file that cannot be filed; the message says why and what to do."""


def inspect_pdf(path: Path, max_bytes: int, max_pages: int) -> int:
    """The number of pages; SignedRejected for a file praksis must not or cannot take."""
    size = path.stat().st_size
    if size == 0:
        raise SignedRejected("Filen er tom.")
    if size > max_bytes:
        raise SignedRejected(f"Filen er {size / 1e6:.0f} MB; grensen er {max_bytes / 1e6:.0f} MB. "
                             "Skann med lavere oppløsning (200 dpi, gråtoner) og prøv igjen.")
    with path.open("rb") as handle:
        head = handle.read(1024)
    if b"%PDF-" not in head:
        raise SignedRejected("Filen er ikke en PDF. Lagre eller skann dokumentet som PDF.")
    try:
        with pikepdf.open(path) as pdf:
            pages = len(pdf.pages)
    except pikepdf.PasswordError:
        raise SignedRejected("PDF-en er passordbeskyttet (kryptert). Send en utgave uten passord.") from None
    except (pikepdf.PdfError, OSError, ValueError, RecursionError) as exc:
        raise SignedRejected(f"PDF-en er skadet og kan ikke leses ({type(exc).__name__}). Skann eller lagre den på nytt.") from None
    if pages == 0:
        raise SignedRejected("PDF-en har ingen sider.")
    if pages > max_pages:
        raise SignedRejected(f"PDF-en har {pages} sider; grensen er {max_pages}. Del den opp per dokument.")
    return pages
