"""`praksis ingest`: read → validate → plan → render → convert → file → report.

Crash safety, in the order things happen:
1. plan: case numbers and journal post numbers are reserved in the registry and committed
   before anything is written, so a re-run reuses them (no duplicate case, no gap);
2. render + convert: everything is made in archive/.staging/, which a re-run clears;
3. file: a new case, journal post or version appears by one rename of a finished folder;
   events have ids derived from what they record, so appending them again is a no-op;
   saksmappe.json is rewritten atomically; the registry is then synced from the files.
A kill at any point leaves the files consistent; running the same ingest again completes it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import shutil
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from pathlib import Path
from typing import Any

from .common import faults
from .archive import metadata as noark
from .archive.events import NAMESPACE, event, now
from .archive.reindex import open_registry, sync_case
from .archive.store import (GRUNNLAG, HENDELSER, JOURNALPOST, SAKSMAPPE, VERSJON, ArchiveStore, CaseFiles,
                            ChangedSource, read_json, write_json)
from .common.config import Config, maalform_of
from .convert import ConversionError, ConverterPool, ConverterUnavailable, PdfaLevel
from .common.environment import check_space
from .common.errors import InputFileError, PraksisError
from .documents.facts import FactReader, changed, digest
from .domain.identifiers import mask_numbers_in
from .documents.identity import DocumentIdentity
from .archive.locking import workspace_lock
from .documents.planning import due_documents
from .domain.record import Praksisplass, Status
from .archive.registry import JournalRow
from .documents.render import Renderer, RenderError
from .validation.validator import FileResult, RecordResult, Validator
from .common.workspace import sha256_file, temp_root
from .common.texts import Texts

CHUNK = 250
"""Records planned, made and filed together: enough to keep the converters busy."""


# --- plan ----------------------------------------------------------------------------------


@dataclass
class DocumentJob:
    dokumenttype: str
    version: int
    reason: str
    facts_sha: str
    folder: Path  # the staged version folder
    docx: Path = field(init=False)
    pdf: Path = field(init=False)
    error: str | None = None

    def __post_init__(self) -> None:
        self.docx = self.folder / f"{self.dokumenttype}.docx"
        self.pdf = self.folder / f"{self.dokumenttype}.pdf"


@dataclass
class CasePlan:
    record: Praksisplass
    source: str
    where: str
    saksnummer: str
    system_id: str
    person: str
    existing: CaseFiles | None
    summary_changed: bool
    jobs: list[DocumentJob] = field(default_factory=list)
    row: int | None = None

    @property
    def kind(self) -> str:
        if self.existing is None:
            return "ny sak"
        return "oppdatert" if self.jobs or self.summary_changed else "ingen endring"


@dataclass
class RecordOutcome:
    source: str
    where: str
    praksisplass_id: str | None
    kind: str  # ny sak, oppdatert, ingen endring, avvist
    saksnummer: str | None = None
    row: int | None = None  # line, row or post number in the source (for rejected-row files)
    name: str | None = None  # the praktikant's name, for receipts
    documents: list[str] = field(default_factory=list)
    message: str | None = None


@dataclass
class IngestReport:
    files: list[FileResult] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, when it was processed)
    outcomes: list[RecordOutcome] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    documents: int = 0
    source_copies: dict[str, str] = field(default_factory=dict)  # input path → its copy in archive/

    def count(self, kind: str) -> int:
        return sum(1 for o in self.outcomes if o.kind == kind)

    @property
    def ok(self) -> bool:
        return all(f.ok for f in self.files) and self.count("avvist") == 0


def describe_errors(result: RecordResult, texts: Texts) -> str:
    """Every error of a record, with its column and (masked) value, one per line (the messages
    are in the målform already: the validator wrote them)."""
    _ = texts
    return "\n".join(
        _("kolonne «{kolonne}» = «{verdi}»: {melding}", kolonne=e.kolonne, verdi=e.verdi, melding=e.melding) if e.verdi
        else _("kolonne «{kolonne}»: {melding}", kolonne=e.kolonne, melding=e.melding) for e in result.errors)


class CaseError(PraksisError):
    """A command named a case or document that does not exist."""


class Rejected(Exception):
    def __init__(self, message: str, saksnummer: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.saksnummer = saksnummer


# --- the run -------------------------------------------------------------------------------


Progress = Callable[[str], None]


class Ingest:
    def __init__(self, config: Config, progress: Progress | None = None, force: bool = False,
                 pool: ConverterPool | None = None, channel: str = "kommando") -> None:
        """`pool`: a converter pool the caller keeps warm between runs (the watcher); else one
        is started on first use and stopped at the end. `channel` is recorded with each input."""
        self.config = config
        self.progress = progress or (lambda _message: None)
        self.force = force
        self.workspace = config.workspace
        self.store = ArchiveStore(self.workspace.archive)
        self.validator = Validator(config)
        self.renderer = Renderer(config)
        self.facts = FactReader(config)
        self.pool = pool
        self._own_pool = pool is None
        self.channel = channel
        self._pool_lock = threading.Lock()
        self._progress_lock = threading.Lock()
        self.report = IngestReport()

    def _timed(self, stage: str, started: float) -> None:
        self.report.timings[stage] = self.report.timings.get(stage, 0.0) + time.perf_counter() - started

    @contextmanager
    def _session(self, what: str) -> Iterator[None]:
        """One writer at a time; the registry open; staging cleared before and after; the
        converters stopped at the end, whatever happens."""
        with workspace_lock(self.workspace.root, what):
            self.registry = open_registry(self.workspace, self._say)
            try:
                removed = self.store.clean_staging()
                if removed:
                    self._say(f"Ryddet {removed} halvferdig(e) mappe(r) etter en avbrutt kjøring.")
                yield
                self.store.clean_staging()  # what is left there now is empty or failed
            finally:
                if self.pool and self._own_pool:
                    self.pool.close()
                self.registry.close()

    def run(self, files: list[Path]) -> IngestReport:
        with self._session("ingest"):
            for path in files:
                self._ingest_file(path)
        return self.report

    def _converter(self) -> ConverterPool:
        """The converter pool, started on first use (by whichever thread needs it first)."""
        with self._pool_lock:
            if self.pool is None:
                settings = self.config.settings.konvertering
                self._say(f"Starter LibreOffice ({settings.instanser} omformer(e)) …")
                started = time.perf_counter()
                pool = ConverterPool(settings.instanser, settings.tidsavbrudd_sekunder, PdfaLevel.parse(settings.pdfa),
                                     tmp_root=temp_root(self.workspace))
                try:
                    pool.start()
                except ConverterUnavailable:
                    check_space(self.workspace.temp)  # it could not start for want of room
                    raise
                self.pool = pool
                self._timed("oppstart omformer", started)
        return self.pool

    def _say(self, message: str) -> None:
        with self._progress_lock:
            self.progress(message)

    def _ingest_file(self, path: Path) -> None:
        """One file, in chunks of `CHUNK` records: validate → plan → make → file per chunk, so
        memory stays flat however long the sheet, and work is filed as it goes."""
        sha = sha256_file(path) if path.is_file() else ""
        seen = self.registry.input_seen(sha) if sha else None
        if seen and not self.force:
            self.report.skipped.append((str(path), seen["behandlet"]))
            self._say(f"{path}: allerede behandlet {seen['behandlet'][:16].replace('T', ' ')}; ingenting å gjøre.")
            return
        result = FileResult(str(path))
        self.report.files.append(result)
        complete = True
        records = self.validator.iter_file(path, result)
        try:
            while True:
                started = time.perf_counter()
                chunk = list(islice(records, CHUNK))
                self._timed("les og kontroller", started)
                if not chunk:
                    break
                complete &= self._ingest_chunk(path, sha, result, chunk)
        except InputFileError as exc:
            result.file_error = self.config.texts.render(exc.reason)
            self._say(f"{path}: AVVIST: {exc.reason}")
            return
        except ChangedSource as exc:
            result.file_error = self.config.texts.render(exc.message)
            self._say(f"{path}: AVBRUTT: {exc.message}")
            return
        if complete:  # a document that failed (a converter fault, a broken template) is made on the next run
            with self.registry.transaction():
                self.registry.record_input(sha, mask_numbers_in(path.name), now().isoformat(), result.n_records, result.n_valid,
                                           self.channel)

    def _ingest_chunk(self, path: Path, sha: str, result: FileResult, chunk: list[RecordResult]) -> bool:
        """Plan, make and file one chunk; False if a document failed."""
        for record_result in chunk:
            result.count(record_result)
            if not record_result.valid:
                self.report.outcomes.append(RecordOutcome(str(path), record_result.where, record_result.id, "avvist",
                                                          row=record_result.row, name=record_result.name,
                                                          message=describe_errors(record_result, self.config.texts)))
        plans = self._plan(path, [r for r in chunk if r.record is not None])
        self._make_documents([(plan, job) for plan in plans for job in plan.jobs])
        started = time.perf_counter()
        for plan in plans:
            self._file(plan, path, sha)
        self._timed("arkiver", started)
        return all(not job.error for plan in plans for job in plan.jobs)

    # --- plan --------------------------------------------------------------------------------

    def person_key(self, record: Praksisplass) -> str:
        return hmac.new(self.config.id_key, b"person|" + record.praktikant.foedselsnummer.encode(),
                        hashlib.sha256).hexdigest()[:32]

    def _plan(self, path: Path, results: list[RecordResult]) -> list[CasePlan]:
        started = time.perf_counter()
        plans = []
        for result in results:
            record: Praksisplass = result.record
            try:
                plan = self._plan_record(record, str(path), result.where)
            except Rejected as rejected:
                self.report.outcomes.append(RecordOutcome(str(path), result.where, record.id, "avvist",
                                                          rejected.saksnummer, row=result.row, name=result.name,
                                                          message=rejected.message))
                continue
            plan.row = result.row
            plans.append(plan)
        self._timed("planlegg", started)
        return plans

    def _plan_record(self, record: Praksisplass, source: str, where: str) -> CasePlan:
        _ = self.config.texts
        person = self.person_key(record)
        row = self.registry.case_for(record.id)
        existing = None
        if row is not None:
            if not hmac.compare_digest(row.person_hmac, person):
                raise Rejected(_(
                    "Id «{id}» hører til en annen person i sak {sak} (fødselsnummeret er ulikt). "
                    "Sjekk id og fødselsnummer; saken er ikke endret.", id=record.id, sak=row.saksnummer), row.saksnummer)
            existing = self.store.load_case(row.saksnummer)
            if existing is not None:
                self._sync_case(existing)
                before = Status(existing.meta["praksis"]["status"])
                if record.status.rang < before.rang:
                    raise Rejected(_(
                        "Status kan ikke gå tilbake fra «{fra}» til «{til}» (sak {sak}). Rett statusen i kilden; "
                        "saken er ikke endret.", fra=before.value, til=record.status.value, sak=row.saksnummer),
                        row.saksnummer)
            saksnummer, system_id = row.saksnummer, row.system_id
        else:
            saksnummer, system_id = self._reserve_case(record, person)
        summary = noark.placement_summary(record, person)
        plan = CasePlan(record, source, where, saksnummer, system_id, person, existing,
                        summary_changed=existing is not None and existing.meta["praksis"] != summary)
        for dokumenttype in due_documents(record, self.config.documents):
            journal = existing.journals.get(dokumenttype) if existing else None
            latest = journal.latest if journal else None
            try:
                facts = self.facts.facts(record, dokumenttype)
            except RenderError as exc:  # a template broken in Word: this document fails, the others are made
                version = latest.number + 1 if latest else 1
                plan.jobs.append(DocumentJob(dokumenttype, version, "", "", self.store.new_staging() / f"v{version}",
                                             error=exc.message))
                continue
            sha = digest(facts)
            if latest is not None and latest.meta["fakta_sha256"] == sha:
                continue
            version = latest.number + 1 if latest else 1
            reason = "Første versjon." if latest is None else self._reason(latest.folder, dokumenttype, facts, record)
            plan.jobs.append(DocumentJob(dokumenttype, version, reason, sha, self.store.new_staging() / f"v{version}"))
        if plan.jobs:
            self._reserve_journals(plan)
        return plan

    def _reason(self, previous: Path, dokumenttype: str, facts: dict[str, Any], record: Praksisplass) -> str:
        old_record = Praksisplass.model_validate_json((previous / GRUNNLAG).read_text(encoding="utf-8"))
        old = self.facts.facts(old_record, dokumenttype)
        virksomhet = self.config.settings.virksomhet
        before, after = maalform_of(old_record, virksomhet), maalform_of(record, virksomhet)
        if before is not after:  # every text is new: say why, and what else changed in the placement
            others = changed(self.facts.facts(old_record.model_copy(update={"maalform": after}), dokumenttype), facts)
            return (f"Målform endret fra {before.visningsnavn} til {after.visningsnavn}."
                    + (" Endret også: " + ", ".join(others) + "." if others else ""))
        names = changed(old, facts)
        if "sluttdato" in names and facts.get("sluttdato") and old.get("sluttdato") and facts["sluttdato"] > old["sluttdato"]:
            return (f"Forlenget: sluttdato flyttet fra {old['sluttdato'].strftime('%d.%m.%Y')} til "
                    f"{facts['sluttdato'].strftime('%d.%m.%Y')}.")
        return "Endret: " + ", ".join(names) + "."

    def _reserve_case(self, record: Praksisplass, person: str) -> tuple[str, str]:
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

    def _reserve_journals(self, plan: CasePlan) -> None:
        year = now().year  # the Norwegian year (now() is Oslo time), as saksdato and journaldato
        with self.registry.transaction():
            used = {j.journalpostnummer for j in self.registry.journals(plan.saksnummer)}
            if plan.existing:
                used |= {j.meta["journalpostnummer"] for j in plan.existing.journals.values()}
            for job in plan.jobs:
                if self.registry.journal(plan.saksnummer, job.dokumenttype):
                    continue
                number = max(used, default=0) + 1
                used.add(number)
                self.registry.upsert_journal(JournalRow(
                    plan.saksnummer, job.dokumenttype, number, year, self.registry.next_number("journal", year),
                    str(uuid.uuid4()), noark.JOURNALSTATUS_JOURNALFOERT))

    # --- render and convert ------------------------------------------------------------------

    def _make_documents(self, jobs: list[tuple[CasePlan, DocumentJob]]) -> None:
        """Render here and convert in the converter's threads at the same time: rendering is
        Python work, converting waits on LibreOffice, so the two overlap (and LibreOffice
        starts while the first documents are rendered)."""
        if not jobs:
            return
        started = time.perf_counter()
        rendering = 0.0
        done = {"n": 0}
        step = max(1, len(jobs) // 10)

        def convert(job: DocumentJob) -> None:
            try:
                self._converter().convert(job.docx, job.pdf)
            except ConversionError as exc:
                check_space(job.folder)  # LibreOffice does not say «disk full»: a full disk stops the run
                job.error = exc.message
            with self._progress_lock:
                done["n"] += 1
                if done["n"] % step == 0 or done["n"] == len(jobs):
                    self.progress(f"  PDF/A: {done['n']} av {len(jobs)} dokumenter")

        with ThreadPoolExecutor(self.config.settings.konvertering.instanser) as converters:
            pending = []
            for plan, job in jobs:
                if job.error:  # failed in planning (its template could not be read)
                    continue
                begun = time.perf_counter()
                try:
                    journal = self.registry.journal(plan.saksnummer, job.dokumenttype)
                    self.renderer.render_to(job.docx, plan.record, job.dokumenttype, DocumentIdentity(
                        job.dokumenttype, job.version, plan.saksnummer,
                        journalpost=journal.journalpostnummer if journal else None))
                except RenderError as exc:
                    job.error = exc.message
                rendering += time.perf_counter() - begun
                if not job.error:
                    pending.append(converters.submit(convert, job))
            for future in pending:
                future.result()  # re-raises ConverterUnavailable: LibreOffice missing stops the run
        self._timed("lag og konverter", started)
        self.report.timings["herav lag dokumenter"] = self.report.timings.get("herav lag dokumenter", 0.0) + rendering

    # --- file --------------------------------------------------------------------------------

    def _file(self, plan: CasePlan, source: Path, input_sha: str) -> None:
        record, when = plan.record, now()
        outcome = RecordOutcome(str(source), plan.where, record.id, plan.kind, plan.saksnummer, row=plan.row,
                                name=record.praktikant.navn)
        failed = [job for job in plan.jobs if job.error]
        for job in failed:
            outcome.kind = "avvist"
            outcome.message = f"{job.dokumenttype}: {job.error}"
        ready = [job for job in plan.jobs if not job.error]
        case_folder = self.store.case_folder(plan.saksnummer)
        new_case = plan.existing is None and not (case_folder / SAKSMAPPE).exists()
        copies = self.report.source_copies
        if (new_case or ready or plan.summary_changed) and str(source) not in copies:
            # kept once something of this file is filed: the «mottatt» events point to it
            copies[str(source)] = self.store.keep_source(source, input_sha)
        received = event(plan.saksnummer, "mottatt", f"{input_sha}|{plan.where}",
                         kilde={"fil": mask_numbers_in(source.name), "sha256": input_sha, "plassering": plan.where,
                                "arkivkopi": copies.get(str(source))},
                         status=record.status.value)
        validated = event(plan.saksnummer, "validert", f"{input_sha}|{plan.where}", praksisplass_id=record.id,
                          tiltak=record.tiltak.value, status=record.status.value)
        if new_case:
            self._file_new_case(plan, ready, [received, validated], when)
        elif ready or plan.summary_changed:
            self._file_update(plan, ready, [received, validated], when)
        outcome.documents = [f"{job.dokumenttype} v{job.version}" for job in ready]
        self.report.documents += len(ready)
        self.report.outcomes.append(outcome)

    def _journal_meta(self, plan: CasePlan, dokumenttype: str, when: datetime) -> tuple[dict[str, Any], str]:
        row = self.registry.journal(plan.saksnummer, dokumenttype)
        assert row is not None, "reserved in _reserve_journals"
        spec = self.config.settings.dokumenter[dokumenttype]
        meta = noark.journalpost(plan.record, spec, dokumenttype, plan.saksnummer, row.journalpostnummer, row.journalaar,
                                 row.journalsekvensnummer, row.system_id, str(uuid.uuid5(NAMESPACE, row.system_id)),
                                 self.config, when)
        return meta, self.store.journal_folder_name(row.journalpostnummer, dokumenttype)

    def _finish_version(self, plan: CasePlan, job: DocumentJob, journal_name: str, when: datetime) -> None:
        """Complete a staged version folder: snapshot, checksums, metadata and its events."""
        folder = job.folder
        (folder / GRUNNLAG).write_text(plan.record.model_dump_json(indent=2), encoding="utf-8")
        level = PdfaLevel.parse(self.config.settings.konvertering.pdfa)
        objects = []
        for path, variant, pronom, details in ((job.docx, "Produksjonsformat", noark.PRONOM_DOCX, "DOCX"),
                                               (job.pdf, "Arkivformat", level.pronom, str(level))):
            objects.append(noark.dokumentobjekt(job.version, variant, pronom, details, path.name,
                                                f"{journal_name}/v{job.version}/{path.name}", sha256_file(path),
                                                path.stat().st_size, when))
        grunnlag_sha = sha256_file(folder / GRUNNLAG)
        write_json(folder / VERSJON, {
            "versjonsnummer": job.version, "dokumenttype": job.dokumenttype, "arsak": job.reason,
            "opprettetDato": when.isoformat(), "opprettetAv": noark.OPPRETTET_AV, "fakta_sha256": job.facts_sha,
            "grunnlag": {"fil": GRUNNLAG, "sjekksum": grunnlag_sha, "sjekksumAlgoritme": "SHA256"},
            "dokumentobjekt": objects,
        })
        key = f"{job.dokumenttype}|v{job.version}"
        events = [
            event(plan.saksnummer, "generert", key, dokument=job.dokumenttype, versjon=job.version,
                  sjekksum=objects[0]["sjekksum"], grunnlag=grunnlag_sha, arsak=job.reason),
            event(plan.saksnummer, "konvertert", key, dokument=job.dokumenttype, versjon=job.version,
                  sjekksum=objects[1]["sjekksum"], format=objects[1]["formatDetaljer"]),
            event(plan.saksnummer, "arkivert", key, dokument=job.dokumenttype, versjon=job.version,
                  journalpost=f"{plan.saksnummer}-{int(journal_name[:3])}"),
        ]
        (folder / HENDELSER).write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in events),
                                        encoding="utf-8")

    def _file_new_case(self, plan: CasePlan, jobs: list[DocumentJob], received: list[dict[str, Any]],
                       when: datetime) -> None:
        staged = self.store.new_staging() / "sak"
        staged.mkdir()
        write_json(staged / SAKSMAPPE, noark.saksmappe(plan.record, plan.saksnummer, plan.system_id, plan.person,
                                                       self.config, when, when))
        events = [*received, event(plan.saksnummer, "opprettet", "sak", tittel=noark.case_titles(plan.record)[1])]
        for job in jobs:
            meta, name = self._journal_meta(plan, job.dokumenttype, when)
            self._finish_version(plan, job, name, when)
            (staged / name).mkdir()
            write_json(staged / name / JOURNALPOST, meta)
            shutil.move(str(job.folder), staged / name / job.folder.name)
            events += self.store.events(staged / name / job.folder.name)
        (staged / HENDELSER).write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in events),
                                        encoding="utf-8")
        faults.crash_point("foer-ny-sak-flyttes")
        self.store.move_into_place(staged, self.store.case_folder(plan.saksnummer))
        faults.crash_point("etter-ny-sak-flyttet")
        self._sync_case(self.store.load_case(plan.saksnummer))

    def _file_update(self, plan: CasePlan, jobs: list[DocumentJob], received: list[dict[str, Any]],
                     when: datetime, update_summary: bool = True) -> None:
        case_folder = self.store.case_folder(plan.saksnummer)
        events = list(received)
        if plan.summary_changed and plan.existing is not None:
            before = plan.existing.meta["praksis"]["status"]
            if before != plan.record.status.value:
                events.append(event(plan.saksnummer, "status endret", f"{before}>{plan.record.status.value}",
                                    fra=before, til=plan.record.status.value))
        for job in jobs:
            meta, name = self._journal_meta(plan, job.dokumenttype, when)
            self._finish_version(plan, job, name, when)
            journal_folder = case_folder / name
            if (journal_folder / JOURNALPOST).exists():
                self.store.move_into_place(job.folder, journal_folder / job.folder.name)
            else:
                staged_journal = job.folder.parent / name
                staged_journal.mkdir()
                write_json(staged_journal / JOURNALPOST, meta)
                shutil.move(str(job.folder), staged_journal / job.folder.name)
                self.store.move_into_place(staged_journal, journal_folder)
            faults.crash_point("etter-versjon-flyttet")
            events += self.store.events(journal_folder / job.folder.name)
        self.store.append_events(case_folder, events)
        faults.crash_point("etter-hendelser")
        if update_summary:
            created = datetime.fromisoformat(read_json(case_folder / SAKSMAPPE)["opprettetDato"])
            write_json(case_folder / SAKSMAPPE, noark.saksmappe(plan.record, plan.saksnummer, plan.system_id,
                                                                plan.person, self.config, created, when))
        self._sync_case(self.store.load_case(plan.saksnummer))

    # --- regenerate --------------------------------------------------------------------------

    def regenerate(self, saksnummer: str, dokumenttyper: list[str] | None, reason: str) -> IngestReport:
        """A new version of each document (or the named ones) from the snapshot it was made
        from, with today's templates (after a template fix); the reason goes in the log."""
        with self._session("regenerate"):
            case = self.store.load_case(saksnummer)
            if case is None:
                raise CaseError(f"Fant ingen sak {saksnummer} i {self.store.root}. Se sakene med «praksis list».")
            unknown = [d for d in dokumenttyper or [] if d not in case.journals]
            if unknown:
                raise CaseError(f"Sak {saksnummer} har ikke {', '.join(unknown)}; den har "
                                f"{', '.join(case.journals)}.")
            self._sync_case(case)
            plans = []
            for dokumenttype, journal in case.journals.items():
                if (dokumenttyper and dokumenttype not in dokumenttyper) or journal.latest is None:
                    continue
                latest = journal.latest
                record = Praksisplass.model_validate_json((latest.folder / GRUNNLAG).read_text(encoding="utf-8"))
                plan = CasePlan(record, "regenerate", f"v{latest.number}", saksnummer, case.meta["systemID"],
                                case.meta["praksis"]["person"], case, summary_changed=False)
                version = latest.number + 1
                plan.jobs.append(DocumentJob(dokumenttype, version, f"Laget på nytt: {reason}",
                                             digest(self.facts.facts(record, dokumenttype)),
                                             self.store.new_staging() / f"v{version}"))
                plans.append(plan)
            self._make_documents([(plan, job) for plan in plans for job in plan.jobs])
            for plan in plans:
                job = plan.jobs[0]
                outcome = RecordOutcome("regenerate", plan.where, plan.record.id, "oppdatert", saksnummer)
                if job.error:
                    outcome.kind, outcome.message = "avvist", f"{job.dokumenttype}: {job.error}"
                else:
                    note = event(saksnummer, "regenerert", f"{job.dokumenttype}|v{job.version}",
                                 dokument=job.dokumenttype, versjon=job.version, grunn=reason)
                    self._file_update(plan, [job], [note], now(), update_summary=False)
                    outcome.documents = [f"{job.dokumenttype} v{job.version}"]
                    self.report.documents += 1
                self.report.outcomes.append(outcome)
        return self.report

    # --- registry ----------------------------------------------------------------------------

    def _sync_case(self, case: CaseFiles | None) -> None:
        """Make the registry say what the case's files say; complete the event log from the
        versions' own events (after a crash between moving a version in and logging it)."""
        if case is None:
            return
        for journal in case.journals.values():
            for version in journal.versions:
                self.store.append_events(case.folder, self.store.events(version.folder))
        sync_case(self.registry, self.store, case)
