"""The registry: SQLite in the workspace (registry.sqlite), used in transactions.

It holds the sequences (case numbers per year, journal numbers per year), placement id →
case, documents and their versions, the inputs already processed (by SHA-256), and an
index of events. The files in archive/ are the truth: `praksis reindex` rebuilds all of
this from them. Numbers are reserved here, committed, before any file is written, so a
crash never hands the same number out twice and a re-run reuses what it reserved.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..common.workspace import file_mode

SCHEMA = """
CREATE TABLE IF NOT EXISTS sekvens (
    navn TEXT NOT NULL, aar INTEGER NOT NULL, siste INTEGER NOT NULL, PRIMARY KEY (navn, aar));
CREATE TABLE IF NOT EXISTS sak (
    saksnummer TEXT PRIMARY KEY, saksaar INTEGER NOT NULL, sakssekvensnummer INTEGER NOT NULL,
    system_id TEXT NOT NULL UNIQUE, praksisplass_id TEXT NOT NULL UNIQUE, person_hmac TEXT NOT NULL,
    status TEXT, tiltak TEXT, enhet TEXT, startdato TEXT, sluttdato TEXT, saksstatus TEXT,
    opprettet TEXT NOT NULL, oppdatert TEXT NOT NULL, faktisk_sluttdato TEXT);
CREATE TABLE IF NOT EXISTS journalpost (
    saksnummer TEXT NOT NULL REFERENCES sak(saksnummer), dokumenttype TEXT NOT NULL,
    journalpostnummer INTEGER NOT NULL, journalaar INTEGER NOT NULL, journalsekvensnummer INTEGER NOT NULL,
    system_id TEXT NOT NULL UNIQUE, journalstatus TEXT,
    PRIMARY KEY (saksnummer, dokumenttype), UNIQUE (saksnummer, journalpostnummer));
CREATE TABLE IF NOT EXISTS versjon (
    saksnummer TEXT NOT NULL, dokumenttype TEXT NOT NULL, versjon INTEGER NOT NULL,
    fakta_sha256 TEXT NOT NULL, docx_sha256 TEXT NOT NULL, pdf_sha256 TEXT NOT NULL, arsak TEXT NOT NULL,
    opprettet TEXT NOT NULL, signert INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (saksnummer, dokumenttype, versjon));
CREATE TABLE IF NOT EXISTS inndata (
    sha256 TEXT PRIMARY KEY, filnavn TEXT NOT NULL, behandlet TEXT NOT NULL, poster INTEGER NOT NULL,
    gyldige INTEGER NOT NULL, kanal TEXT NOT NULL DEFAULT 'kommando', kvittering TEXT);
CREATE TABLE IF NOT EXISTS eksport (
    saksnummer TEXT NOT NULL, mal TEXT NOT NULL, signatur TEXT NOT NULL, tid TEXT NOT NULL, bunt TEXT NOT NULL,
    PRIMARY KEY (saksnummer, mal));
CREATE TABLE IF NOT EXISTS hendelse (
    id TEXT PRIMARY KEY, saksnummer TEXT NOT NULL, tid TEXT NOT NULL, type TEXT NOT NULL);
"""


@dataclass(frozen=True)
class CaseRow:
    saksnummer: str
    system_id: str
    praksisplass_id: str
    person_hmac: str
    status: str | None
    tiltak: str | None
    enhet: str | None
    startdato: str | None
    sluttdato: str | None
    saksstatus: str | None


@dataclass(frozen=True)
class JournalRow:
    saksnummer: str
    dokumenttype: str
    journalpostnummer: int
    journalaar: int
    journalsekvensnummer: int
    system_id: str
    journalstatus: str | None


class Registry:
    def __init__(self, path: Path) -> None:
        self.path = path
        created = not path.exists()
        self.db = sqlite3.connect(path, isolation_level=None, timeout=30)
        if created:  # SQLite makes it 0644 less the umask; its -wal and -shm files copy this mode
            os.chmod(path, file_mode())
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.executescript(SCHEMA)
        self._migrate()

    def _migrate(self) -> None:
        """Columns added after a registry was first made (the registry is derived, but an
        existing one should keep working without a reindex)."""
        have = {row["name"] for row in self.db.execute("PRAGMA table_info(inndata)")}
        for column, ddl in (("kanal", "kanal TEXT NOT NULL DEFAULT 'kommando'"), ("kvittering", "kvittering TEXT")):
            if column not in have:
                self.db.execute(f"ALTER TABLE inndata ADD COLUMN {ddl}")
        if "faktisk_sluttdato" not in {row["name"] for row in self.db.execute("PRAGMA table_info(sak)")}:
            # NULL until the case is synced again: `praksis list` then reads that case's files
            self.db.execute("ALTER TABLE sak ADD COLUMN faktisk_sluttdato TEXT")

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # --- sequences ------------------------------------------------------------------------

    def next_number(self, name: str, year: int) -> int:
        """The next number of a per-year sequence; call inside a transaction."""
        row = self.db.execute("SELECT siste FROM sekvens WHERE navn = ? AND aar = ?", (name, year)).fetchone()
        number = (row["siste"] if row else 0) + 1
        self.db.execute("INSERT INTO sekvens (navn, aar, siste) VALUES (?, ?, ?) "
                        "ON CONFLICT (navn, aar) DO UPDATE SET siste = excluded.siste", (name, year, number))
        return number

    # --- cases ----------------------------------------------------------------------------

    def case_for(self, praksisplass_id: str) -> CaseRow | None:
        row = self.db.execute("SELECT * FROM sak WHERE praksisplass_id = ?", (praksisplass_id,)).fetchone()
        return _case(row)

    def cases(self) -> list[CaseRow]:
        rows = self.db.execute("SELECT * FROM sak ORDER BY saksaar, sakssekvensnummer").fetchall()
        return [c for c in (_case(r) for r in rows) if c]

    def filed_cases(self) -> Iterator[sqlite3.Row]:
        """The cases that have files (a reserved number has no status yet), in case number order."""
        return self.db.execute("SELECT saksnummer, status, tiltak, enhet, startdato, sluttdato, faktisk_sluttdato, "
                               "saksstatus FROM sak WHERE status IS NOT NULL "
                               "ORDER BY saksaar, sakssekvensnummer")

    def document_states(self) -> Iterator[sqlite3.Row]:
        """Per journal post with a version: its latest version, whether that one is signed
        (`siste_signert`), when it was made, and how many versions are signed. (SQLite takes
        the bare columns from the row of the one max().)"""
        return self.db.execute(
            """SELECT j.saksnummer, j.dokumenttype, j.journalpostnummer, max(v.versjon) AS versjon,
                      v.signert AS siste_signert, v.opprettet AS siste_opprettet, sum(v.signert) AS signerte
               FROM journalpost j JOIN versjon v ON v.saksnummer = j.saksnummer AND v.dokumenttype = j.dokumenttype
               GROUP BY j.saksnummer, j.dokumenttype ORDER BY j.saksnummer, j.journalpostnummer""")

    def case_list_json(self, signable: list[str]) -> Iterator[tuple[str, bool, str, str | None, str | None]]:
        """What `praksis list --json` says of each filed case, made as JSON text by SQLite:
        per journal post with a version one row, in case number and journal post order, as
        (saksnummer, whether the case's real end date is unknown here (NULL: synced before
        the registry kept it), the case's fields as the start of a JSON object, the document
        as a JSON object, its type as a JSON string if it is in `signable` and has no signed
        version). A case with no document has one row with the last two NULL. The text is
        what `json.dumps(..., ensure_ascii=False)` writes (SQLite's json_quote escapes alike),
        without a Python object per row: 30,000 cases and 100,000 documents in C."""
        cursor = self.db.cursor()
        cursor.row_factory = None
        return cursor.execute(
            """WITH dokument AS (
                 SELECT j.saksnummer, j.journalpostnummer,
                        '{"dokumenttype": ' || json_quote(j.dokumenttype) || ', "journalpost": '
                        || json_quote(j.saksnummer || '-' || j.journalpostnummer) || ', "versjon": ' || max(v.versjon)
                        || ', "signert": ' || iif(max(v.signert), 'true', 'false') || '}' AS tekst,
                        iif(max(v.signert) = 0 AND j.dokumenttype IN (SELECT value FROM json_each(?1)),
                            json_quote(j.dokumenttype), NULL) AS usignert
                 FROM journalpost j JOIN versjon v ON v.saksnummer = j.saksnummer AND v.dokumenttype = j.dokumenttype
                 GROUP BY j.saksnummer, j.dokumenttype)
               SELECT s.saksnummer, s.faktisk_sluttdato IS NULL,
                      '{"saksnummer": ' || json_quote(s.saksnummer) || ', "status": ' || json_quote(s.status)
                      || ', "tiltak": ' || json_quote(s.tiltak) || ', "enhet": ' || json_quote(s.enhet)
                      || ', "startdato": ' || json_quote(s.startdato) || ', "sluttdato": '
                      || json_quote(coalesce(nullif(s.faktisk_sluttdato, ''), s.sluttdato))
                      || ', "saksstatus": ' || json_quote(s.saksstatus),
                      d.tekst, d.usignert
               FROM sak s LEFT JOIN dokument d ON d.saksnummer = s.saksnummer
               WHERE s.status IS NOT NULL
               ORDER BY s.saksaar, s.sakssekvensnummer, d.journalpostnummer""", (json.dumps(signable),))

    def upsert_case(self, saksnummer: str, saksaar: int, sekvens: int, system_id: str, praksisplass_id: str,
                    person_hmac: str, status: str | None, tiltak: str | None, enhet: str | None,
                    startdato: str | None, sluttdato: str | None, saksstatus: str | None, now: str,
                    faktisk_sluttdato: str | None = None) -> None:
        """`faktisk_sluttdato`: the real end date, "" when there is none (NULL: not known here)."""
        self.db.execute(
            """INSERT INTO sak (saksnummer, saksaar, sakssekvensnummer, system_id, praksisplass_id, person_hmac, status,
               tiltak, enhet, startdato, sluttdato, saksstatus, opprettet, oppdatert, faktisk_sluttdato)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (saksnummer) DO UPDATE SET status = excluded.status, tiltak = excluded.tiltak,
               enhet = excluded.enhet, startdato = excluded.startdato, sluttdato = excluded.sluttdato,
               saksstatus = excluded.saksstatus, oppdatert = excluded.oppdatert,
               faktisk_sluttdato = excluded.faktisk_sluttdato""",
            (saksnummer, saksaar, sekvens, system_id, praksisplass_id, person_hmac, status, tiltak, enhet,
             startdato, sluttdato, saksstatus, now, now, faktisk_sluttdato))

    # --- journal posts and versions -------------------------------------------------------

    def journal(self, saksnummer: str, dokumenttype: str) -> JournalRow | None:
        row = self.db.execute("SELECT * FROM journalpost WHERE saksnummer = ? AND dokumenttype = ?",
                              (saksnummer, dokumenttype)).fetchone()
        return JournalRow(**dict(row)) if row else None

    def journals(self, saksnummer: str) -> list[JournalRow]:
        rows = self.db.execute("SELECT * FROM journalpost WHERE saksnummer = ? ORDER BY journalpostnummer",
                               (saksnummer,)).fetchall()
        return [JournalRow(**dict(r)) for r in rows]

    def upsert_journal(self, row: JournalRow) -> None:
        self.db.execute(
            """INSERT INTO journalpost VALUES (?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (saksnummer, dokumenttype) DO UPDATE SET journalstatus = excluded.journalstatus""",
            (row.saksnummer, row.dokumenttype, row.journalpostnummer, row.journalaar, row.journalsekvensnummer,
             row.system_id, row.journalstatus))

    def upsert_version(self, saksnummer: str, dokumenttype: str, versjon: int, fakta: str, docx: str, pdf: str,
                       arsak: str, opprettet: str, signert: bool = False) -> None:
        self.db.execute(
            """INSERT INTO versjon (saksnummer, dokumenttype, versjon, fakta_sha256, docx_sha256, pdf_sha256,
               arsak, opprettet, signert) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (saksnummer, dokumenttype, versjon) DO NOTHING""",
            (saksnummer, dokumenttype, versjon, fakta, docx, pdf, arsak, opprettet, int(signert)))

    # --- inputs and events ----------------------------------------------------------------

    def input_seen(self, sha256: str) -> sqlite3.Row | None:
        return self.db.execute("SELECT * FROM inndata WHERE sha256 = ?", (sha256,)).fetchone()

    def record_input(self, sha256: str, name: str, when: str, records: int, valid: int,
                     channel: str = "kommando") -> None:
        """An input whose records are all filed. `channel` is «kommando» or «innboks»; the
        watcher adds the receipt (`receipt_written`) once the file has been moved."""
        self.db.execute("INSERT OR IGNORE INTO inndata (sha256, filnavn, behandlet, poster, gyldige, kanal) "
                        "VALUES (?, ?, ?, ?, ?, ?)", (sha256, name, when, records, valid, channel))

    def inputs_without_receipt(self) -> list[str]:
        rows = self.db.execute("SELECT sha256 FROM inndata WHERE kanal = 'innboks' AND kvittering IS NULL")
        return [r["sha256"] for r in rows]

    def receipt_written(self, sha256: str, receipt: str) -> None:
        self.db.execute("UPDATE inndata SET kvittering = ? WHERE sha256 = ?", (receipt, sha256))

    def last_export(self, saksnummer: str, target: str) -> sqlite3.Row | None:
        return self.db.execute("SELECT * FROM eksport WHERE saksnummer = ? AND mal = ?", (saksnummer, target)).fetchone()

    def record_export(self, saksnummer: str, target: str, signature: str, when: str, bundle: str) -> None:
        self.db.execute("INSERT INTO eksport VALUES (?, ?, ?, ?, ?) ON CONFLICT (saksnummer, mal) DO UPDATE SET "
                        "signatur = excluded.signatur, tid = excluded.tid, bunt = excluded.bunt",
                        (saksnummer, target, signature, when, bundle))

    def index_events(self, saksnummer: str, events: list[dict[str, Any]]) -> None:
        """A case's events (from its log) in one statement."""
        self.db.executemany("INSERT OR IGNORE INTO hendelse VALUES (?, ?, ?, ?)",
                            [(item["id"], saksnummer, item["tid"], item["type"]) for item in events])

    def clear(self) -> None:
        """Empty every table (for reindex, inside a transaction)."""
        for table in ("sekvens", "sak", "journalpost", "versjon", "inndata", "eksport", "hendelse"):
            self.db.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names


def _case(row: sqlite3.Row | None) -> CaseRow | None:
    if row is None:
        return None
    return CaseRow(row["saksnummer"], row["system_id"], row["praksisplass_id"], row["person_hmac"], row["status"],
                   row["tiltak"], row["enhet"], row["startdato"], row["sluttdato"], row["saksstatus"])
