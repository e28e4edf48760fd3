"""The entries of a case's event log (hendelser.jsonl), one format for every writer.

An event's id is derived from what it records (case, type, key), so appending the same event
twice is a no-op: that is what makes a re-run after a crash complete the log without duplicates.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from ..common.localtime import now as oslo_now
from .metadata import OPPRETTET_AV

NAMESPACE = uuid.UUID("5b0b7c1e-2d0c-4f37-9d65-7e0b1f0a9c11")


def now() -> datetime:
    """Oslo time: the archive's metadata is written in Norwegian local time (see localtime.py)."""
    return oslo_now()


def event(saksnummer: str, kind: str, key: str, *, at: datetime | None = None, **details: Any) -> dict[str, Any]:
    """An event whose id is derived from what it records: appending it twice is a no-op."""
    return {"id": str(uuid.uuid5(NAMESPACE, f"{saksnummer}|{kind}|{key}")), "tid": (at or now()).isoformat(),
            "type": kind, "aktoer": OPPRETTET_AV, "saksnummer": saksnummer, **details}
