"""`praksis reindex`: rebuild the registry from the files in archive/ (the truth)."""

from __future__ import annotations

from collections import Counter

from ..config import Config
from ..locking import workspace_lock
from ..pages.state import record_case
from ..registry import JournalRow, Registry
from .store import ArchiveStore, CaseFiles


def reindex(store: ArchiveStore, registry: Registry) -> dict[str, int]:
    """Empty the registry and fill it from the case files; sequences continue after the
    highest numbers found, and processed inputs come back from the «mottatt» events."""
    with registry.transaction():
        registry.clear()
    cases = journals = versions = 0
    case_max: Counter[int] = Counter()
    journal_max: Counter[int] = Counter()
    inputs: dict[str, tuple[str, str, int]] = {}
    exports: dict[tuple[str, str], dict] = {}
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
            elif item["type"] == "eksportert":
                exports[(case.saksnummer, item["mal"])] = item  # the log is in time order: the last one wins
    with registry.transaction():
        for name, maxima in (("sak", case_max), ("journal", journal_max)):
            for year, last in maxima.items():
                registry.db.execute("INSERT INTO sekvens VALUES (?, ?, ?)", (name, year, last))
        for sha, (name, when, count) in inputs.items():
            registry.record_input(sha, name, when, count, count)
        for (saksnummer, target), item in exports.items():
            registry.record_export(saksnummer, target, item["signatur"], item["tid"], item["bunt"])
    return {"saker": cases, "journalposter": journals, "versjoner": versions, "inndata": len(inputs)}


def sync_case(registry: Registry, store: ArchiveStore, case: CaseFiles) -> None:
    """Upsert one case's registry rows from its files (used by ingest and by reindex)."""
    meta, summary = case.meta, case.meta["praksis"]
    with registry.transaction():
        registry.upsert_case(case.saksnummer, meta["saksaar"], meta["sakssekvensnummer"], meta["systemID"],
                             summary["praksisplass_id"], summary["person"], summary["status"], summary["tiltak"],
                             summary["enhet"], summary["startdato"], summary["sluttdato"], meta["saksstatus"],
                             meta.get("oppdatertDato", meta["opprettetDato"]))
        for journal in case.journals.values():
            jp = journal.meta
            registry.upsert_journal(JournalRow(case.saksnummer, journal.dokumenttype, jp["journalpostnummer"],
                                               jp["journalaar"], jp["journalsekvensnummer"], jp["systemID"],
                                               jp["journalstatus"]))
            for version in journal.versions:
                objects = {o["variantformat"]: o for o in version.meta["dokumentobjekt"]}
                registry.upsert_version(case.saksnummer, journal.dokumenttype, version.number,
                                        version.meta["fakta_sha256"], objects.get("Produksjonsformat", {}).get("sjekksum", ""),
                                        objects.get("Arkivformat", {}).get("sjekksum", ""), version.meta["arsak"],
                                        version.meta["opprettetDato"], bool(version.meta.get("signert")))
        for item in store.events(case.folder):
            registry.index_event(item["id"], case.saksnummer, item["tid"], item["type"])
        record_case(registry.db, store, case)  # what the inbox pages and til_signering/ need


def reindex_workspace(config: Config) -> dict[str, int]:
    workspace = config.workspace
    with workspace_lock(workspace.root, "reindex"):
        registry = Registry(workspace.registry)
        try:
            return reindex(ArchiveStore(workspace.archive), registry)
        finally:
            registry.close()
