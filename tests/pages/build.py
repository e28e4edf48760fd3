"""Registry rows for the page tests, made through the project's own registry code (no
LibreOffice): a case, its documents with an archival «PDF» file each, and the overview facts."""

from __future__ import annotations

import hashlib
from datetime import date

from pipeline.common.config import Config
from pipeline.archive.overview_state import CaseFacts, SigningState, ensure_tables, put_case, put_document
from pipeline.archive.registry import JournalRow, Registry


def add_case(config: Config, number: int, status: str, enhet: str, start: date, end: date, navn: str,
             documents: dict[str, SigningState] | None = None, tiltak: str = "arbeidstrening",
             **facts: object) -> str:
    """Case 2026/<number> with `documents` (dokumenttype → state); returns the case number."""
    saksnummer = f"2026/{number}"
    registry = Registry(config.workspace.registry)
    try:
        ensure_tables(registry.db)
        with registry.transaction():
            registry.upsert_case(saksnummer, 2026, number, f"sys-{number}", f"P-{number}", "hmac", status, tiltak,
                                 enhet, start.isoformat(), end.isoformat(), "Under behandling", "2026-01-01T00:00:00")
            put_case(registry.db, CaseFacts(saksnummer, navn, **facts))  # type: ignore[arg-type]
            for index, (name, state) in enumerate((documents or {}).items(), start=1):
                registry.upsert_journal(JournalRow(saksnummer, name, index, 2026, number * 10 + index,
                                                   f"jp-{number}-{index}", "Ferdigstilt"))
                pdf = f"2026/2026-{number:05d}/{index:03d}-{name}/v{state.current}/{name}.pdf"
                data = f"%PDF-1.4 {saksnummer} {name} v{state.current}".encode()
                (config.workspace.archive / pdf).parent.mkdir(parents=True, exist_ok=True)
                (config.workspace.archive / pdf).write_bytes(data)
                sha = hashlib.sha256(data).hexdigest()
                for version in range(1, state.current + 1):
                    old = f"%PDF-1.4 {saksnummer} {name} v{version}".encode()
                    registry.upsert_version(saksnummer, name, version, "f", "d", hashlib.sha256(old).hexdigest(),
                                            "ny", "2026-01-01T00:00:00")
                put_document(registry.db, saksnummer, name, state, pdf, sha)
    finally:
        registry.close()
    return saksnummer


def pdf_bytes(saksnummer: str, name: str, version: int) -> bytes:
    return f"%PDF-1.4 {saksnummer} {name} v{version}".encode()

