"""What became of a signed copy: the outcome and what the receipt, the log and --json say.
Light on purpose (no PDF libraries), so the CLI and the receipts can import it."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from ..common.names import shown
from ..documents.identity import DocumentIdentity


class SignedOutcome(StrEnum):
    """What became of a signed copy (the values are what receipts, logs and --json say)."""

    ARKIVERT = "arkivert"
    AVVIST = "avvist"
    KONTROLL = "til kontroll"
    VENTER = "venter"
    FORSVANT = "forsvant"


@dataclass
class SignedResult:
    outcome: SignedOutcome
    names: list[str]
    identity: DocumentIdentity | None = None
    saksnummer: str | None = None
    version: int | None = None
    message: str | None = None
    kind: str | None = None
    method: str | None = None
    signatures: list[dict[str, Any]] = field(default_factory=list)
    wait: float = 0.0
    pages: int = 0
    seconds: float = 0.0
    replaced_by: int | None = None
    """The document's current version when the copy signs an older one (filed, with a warning)."""

    def log_line(self) -> str:
        names = ", ".join(shown(n) for n in self.names)
        if self.outcome is SignedOutcome.ARKIVERT and self.identity:
            return (f"signert arkivert {names}: {self.identity.dokumenttype} i sak {self.saksnummer} som v{self.version} "
                    f"({self.kind}, fra {self.method}, {self.seconds:.1f} s)")
        return f"signert {self.outcome} {names}: {self.message or ''}".rstrip(": ")
