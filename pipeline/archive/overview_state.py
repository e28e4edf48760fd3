"""What the inbox pages and til_signering/ need about each case, kept in the registry.

The registry's own tables say which versions exist and whether each is signed; these two
tables add what is read from the case files once, when the case is synced (ingest, signed
filing, reindex), so that the pages and the folder are made from the registry alone (10,000
cases in well under the 2 s limit) and never from thousands of JSON files:

- `oversikt_sak`: the praktikant's name (never the fødselsnummer), the politiattest and
  MRSA requirements and the dates they were shown, and the three meeting dates;
- `oversikt_dokument`: per document, the version that waits for a signed copy (if any), its
  archival PDF (path below archive/ and SHA-256), and signed copies filed for a version that
  had been replaced by then (a warning on the page).

Like the rest of the registry these rows are derived from the files: `reindex` rebuilds them.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from .store import GRUNNLAG, ArchiveStore, CaseFiles, JournalFiles, read_json

SCHEMA = """
CREATE TABLE IF NOT EXISTS oversikt_sak (
    saksnummer TEXT PRIMARY KEY, navn TEXT, krav_politiattest INTEGER NOT NULL, politiattest_fremvist TEXT,
    krav_mrsa INTEGER NOT NULL, mrsa_fremvist TEXT, oppstartsmoete TEXT, midtveisevaluering TEXT,
    avslutningsmoete TEXT);
CREATE TABLE IF NOT EXISTS oversikt_dokument (
    saksnummer TEXT NOT NULL, dokumenttype TEXT NOT NULL, gjeldende INTEGER NOT NULL, venter INTEGER NOT NULL,
    pdf TEXT NOT NULL, pdf_sha256 TEXT NOT NULL, utdatert_signert TEXT NOT NULL,
    PRIMARY KEY (saksnummer, dokumenttype));
"""


def ensure_tables(db: sqlite3.Connection) -> None:
    """Statement by statement: `executescript` would commit the transaction the caller is in."""
    for statement in SCHEMA.split(";"):
        if statement.strip():
            db.execute(statement)


@dataclass(frozen=True)
class SigningState:
    """Where one document stands. `current` is the newest generated (unsigned) version;
    `waiting` is True while no signed copy of it has been filed; `superseded` lists
    (signed version, version it signs) for copies filed after a newer version replaced the
    one they sign."""

    current: int
    waiting: bool
    superseded: tuple[tuple[int, int], ...]


def signing_state(journal: JournalFiles) -> SigningState | None:
    """The signing state of a journal post from its versions' metadata (None: no generated version)."""
    generated = [v for v in journal.versions if not v.meta.get("signert")]
    if not generated:
        return None
    current = generated[-1].number
    signed = [(v.number, int(v.meta.get("signerer_versjon") or 0)) for v in journal.versions if v.meta.get("signert")]
    waiting = not any(signs == current for _number, signs in signed)
    superseded = tuple((number, signs) for number, signs in signed if number > current and signs < current)
    return SigningState(current, waiting, superseded)


def _archival(store: ArchiveStore, case: CaseFiles, journal: JournalFiles, number: int) -> tuple[str, str]:
    version = next(v for v in journal.versions if v.number == number)
    for item in version.meta["dokumentobjekt"]:
        if item["variantformat"] == "Arkivformat":
            path = (case.folder / item["referanseDokumentfil"]).relative_to(store.root)
            return path.as_posix(), item["sjekksum"]
    return "", ""


def _newest_record(case: CaseFiles) -> dict[str, Any]:
    newest = max((j.latest for j in case.journals.values() if j.latest),
                 key=lambda v: v.meta["opprettetDato"], default=None)
    return read_json(newest.folder / GRUNNLAG) if newest is not None else {}


def _name_from_title(case: CaseFiles) -> str | None:
    """A case with no document yet has no record filed: its title «Praksisplass – navn – enhet» names the person."""
    title, unit = case.meta.get("tittel", ""), case.meta["praksis"].get("enhet", "")
    prefix, suffix = "Praksisplass – ", f" – {unit}"
    if title.startswith(prefix) and title.endswith(suffix):
        return title[len(prefix):-len(suffix)] or None
    return None


@dataclass(frozen=True)
class CaseFacts:
    """One `oversikt_sak` row (ISO dates)."""

    saksnummer: str
    navn: str | None
    krav_politiattest: bool = False
    politiattest_fremvist: str | None = None
    krav_mrsa: bool = False
    mrsa_fremvist: str | None = None
    oppstartsmoete: str | None = None
    midtveisevaluering: str | None = None
    avslutningsmoete: str | None = None


def put_case(db: sqlite3.Connection, facts: CaseFacts) -> None:
    db.execute("INSERT OR REPLACE INTO oversikt_sak VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
               (facts.saksnummer, facts.navn, int(facts.krav_politiattest), facts.politiattest_fremvist,
                int(facts.krav_mrsa), facts.mrsa_fremvist, facts.oppstartsmoete, facts.midtveisevaluering,
                facts.avslutningsmoete))


def put_document(db: sqlite3.Connection, saksnummer: str, dokumenttype: str, state: SigningState, pdf: str,
                 pdf_sha256: str) -> None:
    db.execute("INSERT OR REPLACE INTO oversikt_dokument VALUES (?, ?, ?, ?, ?, ?, ?)",
               (saksnummer, dokumenttype, state.current, int(state.waiting), pdf, pdf_sha256,
                json.dumps([list(pair) for pair in state.superseded])))


def record_case(db: sqlite3.Connection, store: ArchiveStore, case: CaseFiles) -> None:
    """Upsert the case's rows from its files (call inside the registry transaction that syncs the case)."""
    ensure_tables(db)
    record = _newest_record(case)
    krav = record.get("krav") or {}
    put_case(db, CaseFacts(case.saksnummer, (record.get("praktikant") or {}).get("navn") or _name_from_title(case),
                           bool(krav.get("politiattest")), record.get("politiattest_fremvist"),
                           bool(krav.get("mrsa_tuberkulose")), record.get("mrsa_tuberkulose_fremvist"),
                           record.get("oppstartsmoete"), record.get("midtveisevaluering"), record.get("avslutningsmoete")))
    db.execute("DELETE FROM oversikt_dokument WHERE saksnummer = ?", (case.saksnummer,))
    for name, journal in case.journals.items():
        state = signing_state(journal)
        if state is not None:
            put_document(db, case.saksnummer, name, state, *_archival(store, case, journal, state.current))
