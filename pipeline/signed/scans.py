"""Scans into the archival format: parts merged, then PDF/A by Ghostscript, then Preflight.

- merge with pikepdf (`pages.extend`): pypdf's append would drop the catalog;
- Ghostscript (programs/ghostscript.py) makes the PDF/A, with a real sRGB OutputIntent;
- PDFBox Preflight (programs/preflight.py) for PDF/A-1b (the only validator available here);
  for PDF/A-2b the claim is checked.
"""

from __future__ import annotations

from pathlib import Path

import pikepdf

from ..convert import PdfaLevel
from ..convert.pdfa import pdfa_claim
from ..programs import ghostscript
from ..programs.errors import ProgramFailed
from ..programs.preflight import preflight
from .inspect import SignedRejected


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
    try:
        ghostscript.to_pdfa(source, target, level.part, timeout)
    except ProgramFailed as exc:
        if exc.timeout:
            raise SignedRejected("Ghostscript brukte for lang tid på å gjøre skanningen om til PDF/A.") from None
        raise SignedRejected(f"Skanningen kunne ikke gjøres om til PDF/A: {exc.message}") from None
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
