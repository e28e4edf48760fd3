"""What was exported when: an «eksportert» event in the case's log (the truth, which
`reindex` reads back) and a row in the registry's `eksport` table (for quick lookups).

A case's signature is the SHA-256 of its metadata files (saksmappe, journal posts, versions):
it changes when anything that goes into an export changes, and not when only events are added.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from ..archive.store import JOURNALPOST, SAKSMAPPE, VERSJON, ArchiveStore, CaseFiles
from ..registry import Registry


def signature(case: CaseFiles) -> str:
    digest = hashlib.sha256()
    digest.update((case.folder / SAKSMAPPE).read_bytes())
    for journal in case.journals.values():
        digest.update((journal.folder / JOURNALPOST).read_bytes())
        for version in journal.versions:
            digest.update((version.folder / VERSJON).read_bytes())
    return digest.hexdigest()


def needs_export(registry: Registry, case: CaseFiles, target: str) -> bool:
    last = registry.last_export(case.saksnummer, target)
    return last is None or last["signatur"] != signature(case)


def record(store: ArchiveStore, registry: Registry, case: CaseFiles, target: str, bundle: str,
           when: datetime) -> None:
    from ..ingest import event  # the same deterministic event ids as everything else in the log

    sig = signature(case)
    item = event(case.saksnummer, "eksportert", f"{target}|{sig}", mal=target, signatur=sig, bunt=bundle)
    item["tid"] = when.isoformat()
    store.append_events(case.folder, [item])
    with registry.transaction():
        registry.record_export(case.saksnummer, target, sig, when.isoformat(), bundle)
