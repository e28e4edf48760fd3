"""What the case's event log says about its state: when it was closed, and whether a records
system was last sent the case as closed (so a later export must reopen it before adding to it)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from .metadata import SAKSSTATUS_AVSLUTTET
from .store import CaseFiles
from ..common.localtime import local, local_date


def closed_at(case: CaseFiles, events: list[dict[str, Any]]) -> datetime | None:
    """When the case was closed (Oslo time): its last case-level status change to «Avsluttet»,
    or its creation if it was registered closed; None while it is open."""
    if case.meta["saksstatus"] != SAKSSTATUS_AVSLUTTET:
        return None
    for item in reversed(events):
        if item.get("type") == "status endret" and "felt" not in item and item.get("til") == "Avsluttet":
            return local(item["tid"])
    return local(case.meta["opprettetDato"])


def last_sent_closed(events: list[dict[str, Any]], target: str) -> bool:
    """True when the last export of the case to `target` may have left it closed in the
    receiver: it ended with the case closed, or it was made before exports recorded that (they
    created closed cases as «Avsluttet»); reopening an open case does no harm."""
    for item in reversed(events):
        if item.get("type") == "eksportert" and item.get("mal") == target:
            return bool(item.get("avsluttet", True))
    return False


def journal_date(journal_meta: dict[str, Any]) -> date:
    """A journal post's journaldato: the date in Norway it was registered (its opprettetDato).
    The same as the stored journaldato for everything written in Oslo time; for posts written
    before, in another offset, the stored date may be the day before or after."""
    return local_date(journal_meta["opprettetDato"])
