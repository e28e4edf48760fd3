"""What was exported when: an «eksportert» event in the case's log (the truth, which
`reindex` reads back) and a row in the registry's `eksport` table (for quick lookups).

A case's signature is the SHA-256 of its metadata files (saksmappe, journal posts, versions):
it changes when anything that goes into an export changes, and not when only events are added.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

from ..archive.events import event
from ..archive.store import JOURNALPOST, SAKSMAPPE, VERSJON, ArchiveStore, CaseFiles
from ..archive.registry import Registry


def signature(case: CaseFiles) -> str:
    digest = hashlib.sha256()
    digest.update((case.folder / SAKSMAPPE).read_bytes())
    for journal in case.journals.values():
        digest.update((journal.folder / JOURNALPOST).read_bytes())
        for version in journal.versions:
            digest.update((version.folder / VERSJON).read_bytes())
    return digest.hexdigest()


def exported_as(registry: Registry, saksnummer: str, target: str) -> str | None:
    """The signature the case had when it was last exported to `target` (None: never)."""
    last = registry.last_export(saksnummer, target)
    return last["signatur"] if last else None


def record(store: ArchiveStore, registry: Registry, case_folder: Path, saksnummer: str, sig: str, target: str,
           bundle: str, when: datetime, closed: bool = False) -> None:
    """`closed`: the export left the case closed in the receiver (a later one must reopen it first)."""
    item = event(saksnummer, "eksportert", f"{target}|{sig}", at=when, mal=target, signatur=sig, bunt=bundle,
                 avsluttet=closed)
    store.append_events(case_folder, [item])
    with registry.transaction():
        registry.record_export(saksnummer, target, sig, when.isoformat(), bundle)
