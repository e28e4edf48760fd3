"""`praksis reindex`: rebuild the registry from the files in archive/ (the truth).

`open_registry` is how every command opens the registry: a damaged one is set aside (never
used, never deleted), and one that does not know every case folder on disk (deleted, empty,
restored from an old backup) is rebuilt from the files before anything is read from it, so
a number that is already used on disk is never handed out again.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from ..common.config import Config
from ..common.errors import ConfigError
from .locking import workspace_lock
from .overview_state import record_case
from .registry import JournalRow, Registry
from ..common.workspace import Workspace
from .store import SAKSMAPPE, ArchiveStore, CaseFiles


class RegistryDamaged(ConfigError):
    """registry.sqlite cannot be read as a database; it has been set aside."""

    def __init__(self, message: str, aside: Path | None) -> None:
        super().__init__(message)
        self.aside = aside


SQLITE_MAGIC = b"SQLite format 3\x00"


def _header_problem(path: Path) -> str | None:
    """What the file's 100-byte SQLite header says is wrong (not a database, cut short), in O(1)."""
    size = path.stat().st_size
    if size == 0:
        return None  # SQLite treats an empty file as an empty database (then rebuilt: it knows no case)
    with path.open("rb") as handle:
        head = handle.read(100)
    if len(head) < 100 or not head.startswith(SQLITE_MAGIC):
        return "filen er ikke en SQLite-database"
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return "ugyldig sidestørrelse i filhodet"
    pages = int.from_bytes(head[28:32], "big")
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size:
        return None  # pages may still be in the WAL (e.g. a checkpoint the full disk cut off): SQLite replays it
    if head[24:28] == head[92:96] and pages and size < pages * page_size:  # the page count is valid: compare
        return f"filen er avkortet ({size} av {pages * page_size} byte)"
    return None


def registry_problem(path: Path, thorough: bool = False) -> str | None:
    """None when the file is a whole SQLite database, else what is wrong with it. Always: the
    header and SQLite opening the schema (milliseconds); `thorough` adds SQLite's quick_check
    of every page (≈0.3 s per 10,000 cases: for reindex and verify, not every command)."""
    try:
        problem = _header_problem(path)
    except OSError as exc:
        return exc.strerror or str(exc)
    if problem is not None:
        return problem
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    except sqlite3.Error as exc:
        return str(exc)
    try:
        rows = db.execute("PRAGMA quick_check" if thorough else "SELECT count(*) FROM sqlite_schema").fetchall()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc):
            return None  # a writer holds it: busy, not broken
        return str(exc)
    except sqlite3.DatabaseError as exc:
        return str(exc)
    finally:
        db.close()
    return None if not thorough or rows == [("ok",)] else "; ".join(str(r[0]) for r in rows[:3])


def set_aside(path: Path) -> Path:
    """Rename the registry (and its WAL files) to registry.sqlite.oedelagt-<time>; returns the new name."""
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    aside = path.with_name(f"{path.name}.oedelagt-{stamp}")
    n = 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.name}.oedelagt-{stamp}-{n}")
    for suffix in ("", "-wal", "-shm"):
        part = Path(f"{path}{suffix}")
        if part.exists():
            part.rename(Path(f"{aside}{suffix}"))
    return aside


def damaged_message(path: Path, detail: str, aside: Path | None) -> str:
    where = f"er flyttet til {aside.name}" if aside else "er ikke endret"
    return (f"Registeret {path.name} er ødelagt ({detail}) og {where}. Filene i archive/ er ikke berørt. "
            f"Kjør «praksis reindex» for å bygge registeret på nytt fra arkivet, og prøv igjen.")


def unknown_case_folders(store: ArchiveStore, registry: Registry) -> list[str]:
    """Case numbers that have a folder in archive/ but no row in the registry."""
    known: dict[int, set[int]] = {}
    for year, sequence in registry.db.execute("SELECT saksaar, sakssekvensnummer FROM sak"):
        known.setdefault(year, set()).add(sequence)
    missing = []
    for year, sequence in store.case_numbers_on_disk():
        saksnummer = f"{year}/{sequence}"
        if sequence not in known.get(year, ()) and (store.case_folder(saksnummer) / SAKSMAPPE).exists():
            missing.append(saksnummer)
    return missing


def guard_registry(path: Path) -> None:
    """Set a damaged registry aside and raise RegistryDamaged; nothing when it is whole or missing."""
    if path.exists():
        problem = registry_problem(path)
        if problem is not None:
            aside = set_aside(path)
            raise RegistryDamaged(damaged_message(path, problem, aside), aside)


def open_registry(workspace: Workspace, say: Callable[[str], None] | None = None) -> Registry:
    """The registry, whole and knowing every case on disk; call with the workspace lock held.

    Damaged (not a database, truncated, malformed): set aside and RegistryDamaged raised, so a
    command that hands out numbers refuses until `praksis reindex` has rebuilt it. Missing,
    empty or behind the files: rebuilt from archive/ here, before any number is handed out."""
    guard_registry(workspace.registry)
    registry = Registry(workspace.registry)
    try:
        store = ArchiveStore(workspace.archive)
        unknown = unknown_case_folders(store, registry)
        if unknown:
            counts = reindex(store, registry)
            if say is not None:
                shown = ", ".join(unknown[:3]) + (" …" if len(unknown) > 3 else "")
                say(f"Registeret kjente ikke {len(unknown)} sak(er) som finnes i archive/ ({shown}); "
                    f"det er bygd på nytt fra arkivet ({counts['saker']} saker).")
    except BaseException:
        registry.close()
        raise
    return registry


REINDEX_CACHE_KIB = 65_536
"""SQLite's page cache while rebuilding (64 MiB; the default is 2 MiB). An event's id is a hash,
so its index is written in random order: with a cache smaller than that index (some 36 MB at
30,000 cases) and a commit every 100 cases, most of its pages were written to the WAL again at
every commit (at 30,000 cases, 21 s of system time against 7 s in one transaction)."""


def reindex(store: ArchiveStore, registry: Registry) -> dict[str, int]:
    """Empty the registry and fill it from the case files; sequences continue after the
    highest numbers found, and processed inputs come back from the «mottatt» events.

    One transaction: a crash or an unreadable case file leaves the registry as it was, and
    each page is written once (a commit per case took two thirds of the time at 1,000 cases,
    a commit per 100 cases grew faster than the archive). The WAL the transaction filled is
    truncated afterwards."""
    registry.db.execute(f"PRAGMA cache_size = -{REINDEX_CACHE_KIB}")
    cases = journals = versions = 0
    case_max: Counter[int] = Counter()
    journal_max: Counter[int] = Counter()
    inputs: dict[str, tuple[str, str, int]] = {}
    exports: dict[tuple[str, str], dict] = {}
    with registry.transaction():
        registry.clear()
        for case in store.iter_cases():
            events = store.events(case.folder)
            _sync_rows(registry, store, case, events)
            cases += 1
            year = case.meta["saksaar"]
            case_max[year] = max(case_max[year], case.meta["sakssekvensnummer"])
            for journal in case.journals.values():
                journals += 1
                versions += len(journal.versions)
                jy = journal.meta["journalaar"]
                journal_max[jy] = max(journal_max[jy], journal.meta["journalsekvensnummer"])
            for item in events:
                if item["type"] == "mottatt":
                    source = item["kilde"]
                    name, when, count = inputs.get(source["sha256"], (source["fil"], item["tid"], 0))
                    inputs[source["sha256"]] = (name, min(when, item["tid"]), count + 1)
                elif item["type"] == "eksportert":
                    exports[(case.saksnummer, item["mal"])] = item  # in time order: the last one wins
        for name, maxima in (("sak", case_max), ("journal", journal_max)):
            for year, last in maxima.items():
                registry.db.execute("INSERT INTO sekvens VALUES (?, ?, ?)", (name, year, last))
        for sha, (name, when, count) in inputs.items():
            registry.record_input(sha, name, when, count, count)
        for (saksnummer, target), item in exports.items():
            registry.record_export(saksnummer, target, item["signatur"], item["tid"], item["bunt"])
    registry.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return {"saker": cases, "journalposter": journals, "versjoner": versions, "inndata": len(inputs)}


def sync_case(registry: Registry, store: ArchiveStore, case: CaseFiles) -> None:
    """Upsert one case's registry rows from its files (used by ingest and by the signed filing)."""
    with registry.transaction():
        _sync_rows(registry, store, case, store.events(case.folder))


def _sync_rows(registry: Registry, store: ArchiveStore, case: CaseFiles, events: list[dict[str, Any]]) -> None:
    """One case's rows, inside the caller's transaction."""
    meta, summary = case.meta, case.meta["praksis"]
    registry.upsert_case(case.saksnummer, meta["saksaar"], meta["sakssekvensnummer"], meta["systemID"],
                         summary["praksisplass_id"], summary["person"], summary["status"], summary["tiltak"],
                         summary["enhet"], summary["startdato"], summary["sluttdato"], meta["saksstatus"],
                         meta.get("oppdatertDato", meta["opprettetDato"]), summary.get("faktisk_sluttdato") or "")
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
    registry.index_events(case.saksnummer, events)
    record_case(registry.db, store, case)  # what the inbox pages and til_signering/ need


def reindex_workspace(config: Config, say: Callable[[str], None] | None = None) -> dict[str, int]:
    """Rebuild the registry; a damaged one is first set aside (and said so)."""
    workspace = config.workspace
    with workspace_lock(workspace.root, "reindex"):
        if workspace.registry.exists():
            problem = registry_problem(workspace.registry, thorough=True)
            if problem is not None:
                aside = set_aside(workspace.registry)
                if say is not None:
                    say(f"Registeret var ødelagt ({problem}); det er flyttet til {aside.name} og bygges på nytt.")
        registry = Registry(workspace.registry)
        try:
            return reindex(ArchiveStore(workspace.archive), registry)
        finally:
            registry.close()
