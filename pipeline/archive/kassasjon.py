"""`praksis kassasjon`: the closed cases whose retention period has run out, for an archivist
to decide on. praksis never deletes anything: the list is all it does.

A case's decision and period come from `[bevaring]` (see retention.py); its period runs from
the day it was closed (Norwegian date), so an open case is never due.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from .store import ArchiveStore
from ..common.config import Config
from .case_state import closed_at
from ..domain.retention import case_decision, kassasjon


@dataclass(frozen=True)
class Due:
    saksnummer: str
    tiltak: str
    enhet: str
    avsluttet: str
    kassasjonsvedtak: str
    bevaringstid: int
    kassasjonsdato: str
    kassasjonshjemmel: str

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def due_cases(config: Config, on: date) -> list[Due]:
    """Closed cases whose kassasjonsdato is on or before `on`, oldest first (the public facts
    only: no names)."""
    store = ArchiveStore(config.workspace.archive)
    found = []
    for case in store.iter_cases():
        closed = closed_at(case, ArchiveStore.events(case.folder))
        if closed is None:
            continue
        summary = case.meta["praksis"]
        rule = kassasjon(case_decision(config.settings.bevaring, summary["tiltak"], list(case.journals)), closed.date())
        if rule.kasseres and rule.kassasjonsdato is not None and rule.kassasjonsdato <= on:
            found.append(Due(case.saksnummer, summary["tiltak"], summary["enhet"], closed.date().isoformat(),
                             rule.kassasjonsvedtak, rule.bevaringstid, rule.kassasjonsdato.isoformat(),
                             rule.kassasjonshjemmel))
    return sorted(found, key=lambda d: (d.kassasjonsdato, *map(int, d.saksnummer.split("/"))))
