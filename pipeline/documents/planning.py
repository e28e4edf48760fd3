"""Which documents are due for a placement: the document set in config, per tiltak and status."""

from __future__ import annotations

from typing import Any

from ..common.config import DocumentSet
from ..domain.record import Praksisplass


def field_value(record: Praksisplass, path: str) -> Any:
    """The value of a dotted field path (`krav.politiattest`) on a record."""
    value: Any = record
    for part in path.split("."):
        value = getattr(value, part)
    return value


def due_documents(record: Praksisplass, documents: DocumentSet) -> list[str]:
    """The document types due now: status reached, tiltak covered and any betingelse true."""
    return [
        name
        for name, spec in documents.due(record.tiltak, record.status)
        if not spec.betingelse or field_value(record, spec.betingelse)
    ]


def applicable_documents(record: Praksisplass, documents: DocumentSet) -> list[str]:
    """Every document type that applies to the record's tiltak, whatever the status (previews)."""
    return [name for name, spec in documents.specs.items() if record.tiltak in spec.tiltak]
