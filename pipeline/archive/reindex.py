"""`praksis reindex`: rebuild the registry from the files in archive/ (the truth)."""

from __future__ import annotations

from collections import Counter

from ..registry import Registry
from .store import ArchiveStore


def reindex(store: ArchiveStore, registry: Registry, sync_case) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Empty the registry and fill it from the case files; sequences continue after the
    highest numbers found, and processed inputs come back from the «mottatt» events."""
    with registry.transaction():
        registry.clear()
    cases = journals = versions = 0
    case_max: Counter[int] = Counter()
    journal_max: Counter[int] = Counter()
    inputs: dict[str, tuple[str, str, int]] = {}
    for case in store.iter_cases():
        sync_case(registry, store, case)
        cases += 1
        year = case.meta["saksaar"]
        case_max[year] = max(case_max[year], case.meta["sakssekvensnummer"])
        for journal in case.journals.values():
            journals += 1
            versions += len(journal.versions)
            jy = journal.meta["journalaar"]
            journal_max[jy] = max(journal_max[jy], journal.meta["journalsekvensnummer"])
        for item in store.events(case.folder):
            if item["type"] == "mottatt":
                source = item["kilde"]
                name, when, count = inputs.get(source["sha256"], (source["fil"], item["tid"], 0))
                inputs[source["sha256"]] = (name, min(when, item["tid"]), count + 1)
    with registry.transaction():
        for name, maxima in (("sak", case_max), ("journal", journal_max)):
            for year, last in maxima.items():
                registry.db.execute("INSERT INTO sekvens VALUES (?, ?, ?)", (name, year, last))
        for sha, (name, when, count) in inputs.items():
            registry.record_input(sha, name, when, count, count)
    return {"saker": cases, "journalposter": journals, "versjoner": versions, "inndata": len(inputs)}
