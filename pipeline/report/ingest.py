"""An ingest (or regenerate) run's outcome, per placement and in all, and its report: the table
for people and `ingest --json`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..domain.texts import Texts
from .output import Echo

if TYPE_CHECKING:  # for the annotations only: the report of a run does not load the run's modules
    from ..common.workspace import Workspace
    from ..documents.planning import Outcome, Skip
    from ..validation.validator import FileResult, RecordResult


@dataclass
class RecordOutcome:
    """What happened to one placement of an ingest, for the CLI, --json and receipts."""

    source: str
    where: str
    praksisplass_id: str | None
    kind: Outcome
    saksnummer: str | None = None
    row: int | None = None  # line, row or post number in the source (for rejected-row files)
    name: str | None = None  # the praktikant's name, for receipts
    documents: list[str] = field(default_factory=list)
    message: str | None = None
    skipped: list[Skip] = field(default_factory=list)  # documents due but not made again, with why


@dataclass
class IngestReport:
    """A whole ingest (or regenerate) run."""

    files: list[FileResult] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, when it was processed)
    outcomes: list[RecordOutcome] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    documents: int = 0
    source_copies: dict[str, str] = field(default_factory=dict)  # input path → its copy in archive/

    def count(self, kind: Outcome) -> int:
        return sum(1 for o in self.outcomes if o.kind == kind)

    @property
    def ok(self) -> bool:
        from ..documents.planning import Outcome  # at run time only where used: see the imports
        return all(f.ok for f in self.files) and self.count(Outcome.AVVIST) == 0


def describe_errors(result: RecordResult, texts: Texts) -> str:
    """Every error of a record, with its column and (masked) value, one per line (the messages
    are in the målform already: the validator wrote them)."""
    _ = texts
    return "\n".join(
        _("kolonne «{kolonne}» = «{verdi}»: {melding}", kolonne=e.kolonne, verdi=e.verdi, melding=e.melding) if e.verdi
        else _("kolonne «{kolonne}»: {melding}", kolonne=e.kolonne, melding=e.melding) for e in result.errors)


def print_ingest(report: IngestReport, workspace: Workspace, echo: Echo) -> None:
    """Per record: what happened (case number, documents made); then every error and a summary."""
    from ..documents.planning import Outcome
    for outcome in report.outcomes:
        what = outcome.kind.upper() if outcome.kind is Outcome.AVVIST else outcome.kind
        case = f" {outcome.saksnummer}" if outcome.saksnummer else ""
        docs = f": {', '.join(outcome.documents)}" if outcome.documents else ""
        echo(f"  {outcome.source}, {outcome.where}  {outcome.praksisplass_id or '—'}  {what}{case}{docs}")
        for line in (outcome.message or "").splitlines():
            echo(f"      {line}")
    for result in report.files:
        for warning in result.warnings:
            echo(f"  Merk ({result.path}): {warning}")
    counts = ", ".join(f"{report.count(k)} {k}" for k in Outcome)
    echo(f"\nFerdig: {len(report.outcomes)} praksisplasser ({counts}); {report.documents} dokument(er) arkivert.")
    rejected_files = [f for f in report.files if f.file_error]
    if rejected_files:
        echo(f"{len(rejected_files)} fil(er) avvist i sin helhet (se «AVVIST» over): "
             + ", ".join(f.path for f in rejected_files) + ".")
    if report.skipped:
        echo(f"{len(report.skipped)} fil(er) var behandlet før og ble hoppet over (bruk --tving for å behandle på nytt).")
    echo(f"Sakene ligger i {workspace.archive} (DOCX og PDF/A under hver sak). Se dem med «praksis list».")


def ingest_json(report: IngestReport) -> dict[str, Any]:
    return {
        "poster": [
            {"fil": o.source, "plassering": o.where, "id": o.praksisplass_id, "utfall": o.kind,
             "saksnummer": o.saksnummer, "dokumenter": o.documents, "melding": o.message,
             "ikke_laget": [{"dokument": s.dokumenttype, "grunn": s.reason} for s in o.skipped]}
            for o in report.outcomes
        ],
        "hoppet_over": [{"fil": f, "behandlet": when, "grunn": f"allerede behandlet {when[:16].replace('T', ' ')}"}
                        for f, when in report.skipped],
        "dokumenter": report.documents,
        "tider_sekunder": {k: round(v, 3) for k, v in report.timings.items()},
    }
