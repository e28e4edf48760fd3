"""`praksis render`: drafts made outside the archive, shown as they are made."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .output import Echo

if TYPE_CHECKING:
    from pathlib import Path

    from ..documents.preview import PreviewDocument, PreviewResult


def print_drafts_start(out: Path, pdf: bool, echo: Echo) -> None:
    echo(f"Lager utkast i {out} …" + (" (starter LibreOffice for PDF/A; det tar noen sekunder)" if pdf else ""))


class DraftProgress:
    """One numbered line per draft as it is made (passed to `render_previews` as `on_document`)."""

    def __init__(self, echo: Echo) -> None:
        self.echo = echo
        self.count = 0

    def __call__(self, document: PreviewDocument) -> None:
        self.count += 1
        state = f"FEIL: {document.error}" if document.error else str(document.pdf or document.docx)
        self.echo(f"  [{self.count}] {document.record_id:<20} {document.dokumenttype:<18} {state}")


def print_drafts(result: PreviewResult, out: Path, echo: Echo) -> None:
    """The rejected files and rows, then what was made: every draft is marked UTKAST."""
    for file_result in result.files:
        if file_result.file_error:
            echo(f"{file_result.path}: AVVIST: {file_result.file_error}")
        for error in file_result.errors:
            echo(f"{error.fil}, {error.plassering}, kolonne «{error.kolonne}»: {error.melding}")
    made = [d for d in result.documents if not d.error]
    invalid = sum(f.n_invalid for f in result.files)
    echo(f"\n{len(made)} dokument(er) laget i {out}"
         + (f", {len(result.documents) - len(made)} feilet" if len(made) < len(result.documents) else "")
         + (f"; {invalid} praksisplass(er) avvist (se feilene over)" if invalid else "") + ".")
    echo("Alle er UTKAST: de har ikke saksnummer og er ikke arkivert.")
