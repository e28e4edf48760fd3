"""What became of one file dropped in the inbox: the outcome, and the numbers for the log."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from ..common.names import shown


class InboxOutcome(StrEnum):
    """What became of one dropped file (the values are what logs and the overview say)."""

    BEHANDLET = "behandlet"
    DELVIS = "delvis"
    AVVIST = "avvist"
    DUPLIKAT = "duplikat"
    USTOETTET = "ustøttet"
    VENTER = "venter"  # the workspace is busy, or nothing could be read yet: try again
    FORSVANT = "forsvant"  # gone before it was taken


@dataclass
class InboxResult:
    """What happened to one file."""

    outcome: InboxOutcome
    name: str
    moved_to: Path | None = None
    notice: Path | None = None
    cases: list[str] = field(default_factory=list)
    records: int = 0
    rejected: int = 0
    documents: int = 0
    seconds: float = 0.0
    wait: float = 2.0  # for «venter»: seconds before trying again (another command holds the workspace)
    rows: str = "praksisplass(er)"  # what a record is in this sheet (a free-places sheet: «enhet(er)»)

    def log_line(self) -> str:
        name = shown(self.name)
        if self.outcome in (InboxOutcome.BEHANDLET, InboxOutcome.DELVIS):
            cases = ", ".join(self.cases[:5]) + (" …" if len(self.cases) > 5 else "")
            return (f"{self.outcome} {name}: {self.records} {self.rows}, {self.rejected} avvist, "
                    f"{self.documents} dokument(er); saker {cases or '—'} ({self.seconds:.1f} s)")
        if self.outcome is InboxOutcome.AVVIST:
            return f"avvist {name}: se {self.notice.name if self.notice else 'feillisten'} ({self.seconds:.1f} s)"
        if self.outcome is InboxOutcome.DUPLIKAT:
            return f"duplikat {name}: behandlet før, flyttet til {self.moved_to.parent.name if self.moved_to else '?'}"
        return f"{self.outcome} {name}"
