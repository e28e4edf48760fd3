"""The one writer of the archive's format: numbers reserved, versions staged and moved in,
metadata, event logs, the registry synced. Used by ingest, regenerate and signed filing.

Crash safety, in the order things happen:
1. numbers: case and journal post numbers are reserved in the registry and committed before
   anything is written, so a re-run reuses them (no duplicate case, no gap);
2. a version is completed in archive/.staging/ (which every run clears first) with its
   snapshot (grunnlag.json), versjon.json and its own events;
3. a new case, journal post or version appears by one rename of a finished folder; events
   have ids derived from what they record, so appending them again is a no-op;
   saksmappe.json is rewritten atomically; the registry is then synced from the files.
A kill at any point leaves the files consistent; running the same command again completes it.
"""

from __future__ import annotations

import json
import shutil
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ..common import faults
from ..common.config import Config
from ..common.workspace import sha256_file
from ..convert.pdfa import PdfaLevel
from ..domain.identifiers import mask_numbers_in
from ..domain.record import Praksisplass
from . import metadata as noark
from .events import NAMESPACE, event, now
from .registry import CaseRow, JournalRow, Registry
from .reindex import sync_case
from .store import (GRUNNLAG, HENDELSER, JOURNALPOST, SAKSMAPPE, VERSJON, ArchiveStore, CaseFiles, JournalFiles,
                    read_json, write_json)

JOURNALSTATUS_ARKIVERT = "Arkivert"


def write_events(path: Path, events: Iterable[dict[str, Any]]) -> None:
    """A new event log (a staged version's or case's), one JSON object per line."""
    path.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in events), encoding="utf-8")


@dataclass(frozen=True)
class StoredFile:
    """A file already in a staged version folder, and how Noark describes it."""

    path: Path
    variant: str  # Produksjonsformat, Arkivformat
    pronom: str
    details: str


@dataclass
class NewVersion:
    """A version to be filed: its staged folder (named vN) and what versjon.json says of it."""

    dokumenttype: str
    number: int
    reason: str
    facts_sha: str
    folder: Path
    extra: dict[str, Any] = field(default_factory=dict)  # e.g. what a signed copy is (signert, deler…)


class ArchiveWriter:
    """Writes the case files of one workspace and keeps its registry in step with them.
    The caller holds the workspace lock and owns the registry's connection."""

    def __init__(self, config: Config, store: ArchiveStore, registry: Registry) -> None:
        self.config = config
        self.store = store
        self.registry = registry

    # --- numbers, reserved before anything is written ------------------------------------------

    def reserve_case(self, record: Praksisplass, person: str) -> tuple[str, str]:
        """(saksnummer, systemID) of a new case, committed in the registry."""
        year = now().year  # the Norwegian year (now() is Oslo time), as saksdato and journaldato
        with self.registry.transaction():
            sequence = self.registry.next_number("sak", year)
            while self.store.case_folder(f"{year}/{sequence}").exists():  # on disk: used, whatever the registry says
                sequence = self.registry.next_number("sak", year)
            saksnummer, system_id = f"{year}/{sequence}", str(uuid.uuid4())
            summary = noark.placement_summary(record, person)
            self.registry.upsert_case(saksnummer, year, sequence, system_id, record.id, person, None,
                                      summary["tiltak"], summary["enhet"], summary["startdato"], summary["sluttdato"],
                                      None, now().isoformat())
        faults.crash_point("etter-reservert-sak")
        return saksnummer, system_id

    def reserve_journals(self, saksnummer: str, existing: CaseFiles | None, dokumenttyper: Iterable[str]) -> None:
        """A journal post number for each document type the case has none for yet."""
        year = now().year
        with self.registry.transaction():
            used = {j.journalpostnummer for j in self.registry.journals(saksnummer)}
            if existing:
                used |= {j.meta["journalpostnummer"] for j in existing.journals.values()}
            for dokumenttype in dokumenttyper:
                if self.registry.journal(saksnummer, dokumenttype):
                    continue
                number = max(used, default=0) + 1
                used.add(number)
                self.registry.upsert_journal(JournalRow(
                    saksnummer, dokumenttype, number, year, self.registry.next_number("journal", year),
                    str(uuid.uuid4()), noark.JOURNALSTATUS_JOURNALFOERT))

    def record_input(self, sha: str, path: Path, records: int, valid: int, channel: str) -> None:
        """An input file processed whole: a second copy of the same bytes is a duplicate."""
        with self.registry.transaction():
            self.registry.record_input(sha, mask_numbers_in(path.name), now().isoformat(), records, valid, channel)

    def case_for(self, praksisplass_id: str) -> tuple[CaseRow | None, CaseFiles | None]:
        """The registry's row for a placement and its case files, synced with each other first."""
        row = self.registry.case_for(praksisplass_id)
        if row is None:
            return None, None
        case = self.store.load_case(row.saksnummer)
        self.sync(case)
        return row, case

    # --- a version, completed in staging -------------------------------------------------------

    def staging(self, version: int) -> Path:
        """An empty staged version folder `vN` (not yet created) in a fresh staging folder."""
        return self.store.new_staging() / f"v{version}"

    def finish_version(self, version: NewVersion, grunnlag: str, files: list[StoredFile],
                       journal_name: str, when: datetime) -> list[dict[str, Any]]:
        """Snapshot, versjon.json (checksums and Noark dokumentobjekt); returns the objects."""
        folder, number = version.folder, version.number
        (folder / GRUNNLAG).write_text(grunnlag, encoding="utf-8")
        objects = [noark.dokumentobjekt(number, f.variant, f.pronom, f.details, f.path.name,
                                        f"{journal_name}/v{number}/{f.path.name}", sha256_file(f.path),
                                        f.path.stat().st_size, when) for f in files]
        write_json(folder / VERSJON, {
            "versjonsnummer": number, "dokumenttype": version.dokumenttype, "arsak": version.reason,
            "opprettetDato": when.isoformat(), "opprettetAv": noark.OPPRETTET_AV, "fakta_sha256": version.facts_sha,
            **version.extra,
            "grunnlag": {"fil": GRUNNLAG, "sjekksum": sha256_file(folder / GRUNNLAG), "sjekksumAlgoritme": "SHA256"},
            "dokumentobjekt": objects,
        })
        return objects

    def finish_made(self, saksnummer: str, record: Praksisplass, version: NewVersion, docx: Path, pdf: Path,
                    when: datetime) -> None:
        """A version praksis made (DOCX + PDF/A): completed with its events generert, konvertert, arkivert."""
        row = self._journal_row(saksnummer, version.dokumenttype)
        journal_name = self.store.journal_folder_name(row.journalpostnummer, version.dokumenttype)
        level = PdfaLevel.parse(self.config.settings.konvertering.pdfa)
        objects = self.finish_version(version, record.model_dump_json(indent=2), [
            StoredFile(docx, "Produksjonsformat", noark.PRONOM_DOCX, "DOCX"),
            StoredFile(pdf, "Arkivformat", level.pronom, str(level))], journal_name, when)
        key = f"{version.dokumenttype}|v{version.number}"
        common = {"dokument": version.dokumenttype, "versjon": version.number}
        write_events(version.folder / HENDELSER, [
            event(saksnummer, "generert", key, **common, sjekksum=objects[0]["sjekksum"],
                  grunnlag=sha256_file(version.folder / GRUNNLAG), arsak=version.reason),
            event(saksnummer, "konvertert", key, **common, sjekksum=objects[1]["sjekksum"],
                  format=objects[1]["formatDetaljer"]),
            event(saksnummer, "arkivert", key, **common, journalpost=f"{saksnummer}-{row.journalpostnummer}"),
        ])

    # --- cases: created, updated ----------------------------------------------------------------

    def file_new_case(self, record: Praksisplass, saksnummer: str, system_id: str, person: str,
                      versions: list[NewVersion], events: list[dict[str, Any]], when: datetime) -> None:
        """The whole case folder made in staging and moved in by one rename."""
        staged = self.store.new_staging() / "sak"
        staged.mkdir()
        write_json(staged / SAKSMAPPE, noark.saksmappe(record, saksnummer, system_id, person, self.config, when, when))
        events = [*events, event(saksnummer, "opprettet", "sak", tittel=noark.case_titles(record)[1])]
        for version in versions:
            name = self._journal_folder(staged, record, saksnummer, version.dokumenttype, when)
            shutil.move(str(version.folder), staged / name / version.folder.name)
            events += self.store.events(staged / name / version.folder.name)
        write_events(staged / HENDELSER, events)
        faults.crash_point("foer-ny-sak-flyttes")
        self.store.move_into_place(staged, self.store.case_folder(saksnummer))
        faults.crash_point("etter-ny-sak-flyttet")
        self.sync(self.store.load_case(saksnummer))

    def file_versions(self, record: Praksisplass, saksnummer: str, versions: list[NewVersion],
                      events: list[dict[str, Any]], when: datetime, summary: tuple[str, str] | None) -> None:
        """New versions into an existing case, each by one rename (with its journal post when the
        case has none yet); then the events; then saksmappe.json rewritten when `summary`
        (systemID, person) is given."""
        case_folder = self.store.case_folder(saksnummer)
        events = list(events)
        for version in versions:
            journal_folder = case_folder / self._journal_name(saksnummer, version.dokumenttype)
            if (journal_folder / JOURNALPOST).exists():
                self.store.move_into_place(version.folder, journal_folder / version.folder.name)
            else:
                staged_journal = version.folder.parent
                name = self._journal_folder(staged_journal, record, saksnummer, version.dokumenttype, when)
                shutil.move(str(version.folder), staged_journal / name / version.folder.name)
                self.store.move_into_place(staged_journal / name, journal_folder)
            faults.crash_point("etter-versjon-flyttet")
            events += self.store.events(journal_folder / version.folder.name)
        self.store.append_events(case_folder, events)
        faults.crash_point("etter-hendelser")
        if summary is not None:
            system_id, person = summary
            created = datetime.fromisoformat(read_json(case_folder / SAKSMAPPE)["opprettetDato"])
            write_json(case_folder / SAKSMAPPE, noark.saksmappe(record, saksnummer, system_id, person, self.config,
                                                                created, when))
        self.sync(self.store.load_case(saksnummer))

    def file_signed(self, case: CaseFiles, journal: JournalFiles, version: NewVersion, when: datetime) -> None:
        """A signed copy's finished version moved in; the journal post «Arkivert»."""
        final = journal.folder / version.folder.name
        self.store.move_into_place(version.folder, final)
        shutil.rmtree(version.folder.parent, ignore_errors=True)
        faults.crash_point("signert-etter-versjon")
        self.settle_journal(case, journal, self.store.events(final), when)

    def settle_journal(self, case: CaseFiles, journal: JournalFiles, events: list[dict[str, Any]],
                       when: datetime) -> None:
        """The journal post «Arkivert», the events logged, the registry synced: also completes a
        filing that a crash interrupted after the version was moved in."""
        events = list(events)
        if journal.meta["journalstatus"] != JOURNALSTATUS_ARKIVERT:
            before = journal.meta["journalstatus"]
            updated = {**journal.meta, "journalstatus": JOURNALSTATUS_ARKIVERT, "journalstatusDato": when.isoformat()}
            write_json(journal.folder / JOURNALPOST, updated)
            events.append(event(case.saksnummer, "status endret",
                                f"{journal.dokumenttype}|journalstatus|{JOURNALSTATUS_ARKIVERT}",
                                dokument=journal.dokumenttype, felt="journalstatus", fra=before,
                                til=JOURNALSTATUS_ARKIVERT))
        reloaded = self.store.load_case(case.saksnummer)
        assert reloaded is not None
        self.sync(reloaded, first=events)

    # --- the registry, synced from the files ------------------------------------------------------

    def sync(self, case: CaseFiles | None, first: list[dict[str, Any]] | None = None) -> None:
        """Make the registry say what the case's files say; complete the event log from the
        versions' own events (after a crash between moving a version in and logging it)."""
        if case is None:
            return
        events = list(first or [])
        for journal in case.journals.values():
            for version in journal.versions:
                events += self.store.events(version.folder)
        self.store.append_events(case.folder, events)
        sync_case(self.registry, self.store, case)

    # --- journal posts ------------------------------------------------------------------------------

    def _journal_row(self, saksnummer: str, dokumenttype: str) -> JournalRow:
        row = self.registry.journal(saksnummer, dokumenttype)
        assert row is not None, "reserved by reserve_journals"
        return row

    def _journal_name(self, saksnummer: str, dokumenttype: str) -> str:
        return self.store.journal_folder_name(self._journal_row(saksnummer, dokumenttype).journalpostnummer,
                                              dokumenttype)

    def _journal_folder(self, parent: Path, record: Praksisplass, saksnummer: str, dokumenttype: str,
                        when: datetime) -> str:
        """A journal post folder with its journalpost.json made under `parent`; returns its name."""
        row = self._journal_row(saksnummer, dokumenttype)
        spec = self.config.settings.dokumenter[dokumenttype]
        meta = noark.journalpost(record, spec, dokumenttype, saksnummer, row.journalpostnummer, row.journalaar,
                                 row.journalsekvensnummer, row.system_id, str(uuid.uuid5(NAMESPACE, row.system_id)),
                                 self.config, when)
        name = self.store.journal_folder_name(row.journalpostnummer, dokumenttype)
        (parent / name).mkdir()
        write_json(parent / name / JOURNALPOST, meta)
        return name
