"""`praksis ingest`: validate → plan → make → file → report, one chunk of a sheet at a time.

- validate: `validation/` turns the file's rows into records or every problem;
- plan: `documents/planning.py` decides, for each record and what the archive holds of it,
  which document versions to make and why (or why not); it writes nothing;
- reserve: `archive/writer.py` commits the case and journal post numbers in the registry
  before anything is written, so a re-run reuses them;
- make: `documents/make.py` renders each DOCX and converts it to PDF/A in a staged folder;
- file: `archive/writer.py`, the only writer of the archive's format, moves each finished
  case, journal post or version in by one rename, logs the events and syncs the registry.
A kill at any point leaves the files consistent; running the same ingest again completes it.
`regenerate` is the same path for one case, from its stored snapshots.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import Any

from .archive.events import event, now
from .archive.locking import workspace_lock
from .archive.reindex import open_registry
from .archive.store import ArchiveStore, ChangedSource
from .archive.writer import ArchiveWriter, NewVersion
from .common.config import Config
from .common.errors import CaseError, InputFileError
from .common.workspace import sha256_file
from .convert import ConverterPool
from .documents.facts import FactReader
from .documents.make import DocumentMaker
from .documents.planning import CasePlan, DocumentJob, Outcome, Planner, Rejected
from .domain.identifiers import mask_numbers_in
from .report.ingest import IngestReport, RecordOutcome, describe_errors
from .validation.validator import FileResult, RecordResult, Validator

log = logging.getLogger("praksis.ingest")

CHUNK = 250
"""Records planned, made and filed together: enough to keep the converters busy."""

Progress = Callable[[str], None]


class Ingest:
    def __init__(self, config: Config, progress: Progress | None = None, force: bool = False,
                 pool: ConverterPool | None = None, channel: str = "kommando") -> None:
        """`pool`: a converter pool the caller keeps warm between runs (the watcher); else one
        is started on first use and stopped at the end. `channel` is recorded with each input."""
        self.config = config
        self.progress = progress or (lambda _message: None)
        self.force = force
        self.channel = channel
        self.store = ArchiveStore(config.workspace.archive)
        self.validator = Validator(config)
        self.planner = Planner(config, FactReader(config))
        self.maker = DocumentMaker(config, self._say, pool)
        self._progress_lock = threading.Lock()
        self.report = IngestReport()

    def run(self, files: list[Path]) -> IngestReport:
        with self._session("ingest"):
            for path in files:
                self._ingest_file(path)
        return self.report

    def regenerate(self, saksnummer: str, dokumenttyper: list[str] | None, reason: str) -> IngestReport:
        """A new version of each document (or the named ones) from the snapshot it was made
        from, with today's templates (after a template fix); the reason goes in the log."""
        with self._session("regenerate"):
            case = self.store.load_case(saksnummer)
            if case is None:
                raise CaseError(f"Fant ingen sak {saksnummer} i {self.store.root}. Se sakene med «praksis list».")
            plans = self.planner.regenerate(case, dokumenttyper, reason)
            self.writer.sync(case)
            self._stage(plans)
            self._make_documents([(plan, job) for plan in plans for job in plan.jobs])
            for plan in plans:
                job = plan.jobs[0]
                outcome = RecordOutcome("regenerate", plan.where, plan.record.id, Outcome.OPPDATERT, saksnummer)
                if job.error:
                    outcome.kind, outcome.message = Outcome.AVVIST, f"{job.dokumenttype}: {job.error}"
                else:
                    note = event(saksnummer, "regenerert", f"{job.dokumenttype}|v{job.version}",
                                 dokument=job.dokumenttype, versjon=job.version, grunn=reason)
                    self._file_versions(plan, [job], [note], summary=False)
                    outcome.documents = [f"{job.dokumenttype} v{job.version}"]
                    self.report.documents += 1
                self.report.outcomes.append(outcome)
        return self.report

    # --- one file, chunk by chunk -----------------------------------------------------------------

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
        except (InputFileError, ChangedSource) as exc:
            result.file_error = self.config.texts.render(exc.reason if isinstance(exc, InputFileError) else exc.message)
            self._say(f"{path}: {'AVVIST' if isinstance(exc, InputFileError) else 'AVBRUTT'}: {result.file_error}")
            return
        if complete:  # a document that failed (a converter fault, a broken template) is made on the next run
            self.writer.record_input(sha, path, result.n_records, result.n_valid, self.channel)

    def _ingest_chunk(self, path: Path, sha: str, result: FileResult, chunk: list[RecordResult]) -> bool:
        """Plan, make and file one chunk; False if a document failed."""
        for record_result in chunk:
            result.count(record_result)
            if not record_result.valid:
                self._reject(path, record_result, describe_errors(record_result, self.config.texts))
        plans = self._plan(path, [r for r in chunk if r.record is not None])
        self._make_documents([(plan, job) for plan in plans for job in plan.jobs])
        started = time.perf_counter()
        for plan in plans:
            self._file(plan, path, sha)
        self._timed("arkiver", started)
        return all(not job.error for plan in plans for job in plan.jobs)

    def _reject(self, path: Path, result: RecordResult, message: str, saksnummer: str | None = None) -> None:
        self.report.outcomes.append(RecordOutcome(str(path), result.where, result.id, Outcome.AVVIST, saksnummer,
                                                  row=result.row, name=result.name, message=message))

    # --- the steps --------------------------------------------------------------------------------

    def _plan(self, path: Path, results: list[RecordResult]) -> list[CasePlan]:
        """A plan per record (rejected ones reported), with its numbers reserved."""
        started = time.perf_counter()
        plans = []
        for result in results:
            assert result.record is not None
            registered, existing = self.writer.case_for(result.record.id)
            try:
                plan = self.planner.plan(result.record, str(path), result.where, registered, existing)
            except Rejected as rejected:
                self._reject(path, result, rejected.message, rejected.saksnummer)
                continue
            plan.row = result.row
            if plan.saksnummer is None:
                plan.saksnummer, plan.system_id = self.writer.reserve_case(plan.record, plan.person)
            if plan.jobs:
                self.writer.reserve_journals(plan.saksnummer, plan.existing, [job.dokumenttype for job in plan.jobs])
            plans.append(plan)
        self._stage(plans)
        self._timed("planlegg", started)
        return plans

    def _stage(self, plans: list[CasePlan]) -> None:
        for plan in plans:
            for job in plan.jobs:
                job.folder = self.writer.staging(job.version)

    def _make_documents(self, jobs: list[tuple[CasePlan, DocumentJob]]) -> None:
        """Each job staged and made: DOCX rendered here, PDF/A converted in the converters' threads."""
        if not jobs:
            return
        started = time.perf_counter()
        staged = []
        for plan, job in jobs:
            assert plan.saksnummer is not None
            journal = self.registry.journal(plan.saksnummer, job.dokumenttype)
            staged.append((plan, job, journal.journalpostnummer if journal else None))
        rendering = self.maker.make(staged)
        self._timed("lag og konverter", started)
        if self.maker.started_seconds:
            self.report.timings["oppstart omformer"] = self.maker.started_seconds
        self.report.timings["herav lag dokumenter"] = self.report.timings.get("herav lag dokumenter", 0.0) + rendering

    def _file(self, plan: CasePlan, source: Path, input_sha: str) -> None:
        """The plan's finished versions filed (a new case, or new versions in its case)."""
        record, saksnummer = plan.record, plan.saksnummer
        assert saksnummer is not None and plan.system_id is not None
        outcome = RecordOutcome(str(source), plan.where, record.id, plan.kind, saksnummer, row=plan.row,
                                name=record.praktikant.navn, skipped=plan.skipped)
        for job in plan.jobs:
            if job.error:
                outcome.kind, outcome.message = Outcome.AVVIST, f"{job.dokumenttype}: {job.error}"
        ready = [job for job in plan.jobs if not job.error]
        new_case = plan.existing is None and not self.store.has_case(saksnummer)
        copies = self.report.source_copies
        if (new_case or ready or plan.summary_changed) and str(source) not in copies:
            # kept once something of this file is filed: the «mottatt» events point to it
            copies[str(source)] = self.store.keep_source(source, input_sha)
        events = [event(saksnummer, "mottatt", f"{input_sha}|{plan.where}",
                        kilde={"fil": mask_numbers_in(source.name), "sha256": input_sha, "plassering": plan.where,
                               "arkivkopi": copies.get(str(source))}, status=record.status.value),
                  event(saksnummer, "validert", f"{input_sha}|{plan.where}", praksisplass_id=record.id,
                        tiltak=record.tiltak.value, status=record.status.value)]
        if new_case:
            versions = [self._finish(plan, job) for job in ready]
            self.writer.file_new_case(record, saksnummer, plan.system_id, plan.person, versions, events, now())
        elif ready or plan.summary_changed:
            before = plan.existing.meta["praksis"]["status"] if plan.existing else record.status.value
            if plan.summary_changed and before != record.status.value:
                events.append(event(saksnummer, "status endret", f"{before}>{record.status.value}",
                                    fra=before, til=record.status.value))
            self._file_versions(plan, ready, events, summary=True)
        for skip in plan.skipped:
            log.info("%s %s: ikke laget på nytt (%s)", saksnummer, skip.dokumenttype, skip.reason)
        outcome.documents = [f"{job.dokumenttype} v{job.version}" for job in ready]
        self.report.documents += len(ready)
        self.report.outcomes.append(outcome)

    def _file_versions(self, plan: CasePlan, jobs: list[DocumentJob], events: list[dict[str, Any]],
                       summary: bool) -> None:
        assert plan.saksnummer is not None and plan.system_id is not None
        versions = [self._finish(plan, job) for job in jobs]
        self.writer.file_versions(plan.record, plan.saksnummer, versions, events, now(),
                                  (plan.system_id, plan.person) if summary else None)

    def _finish(self, plan: CasePlan, job: DocumentJob) -> NewVersion:
        """A made job as a finished version in its staged folder."""
        assert plan.saksnummer is not None and job.folder is not None
        version = NewVersion(job.dokumenttype, job.version, job.reason, job.facts_sha, job.folder)
        self.writer.finish_made(plan.saksnummer, plan.record, version, job.docx, job.pdf, now())
        return version

    # --- the session: lock, registry, writer, staging, converters -------------------------------

    @contextmanager
    def _session(self, what: str) -> Iterator[None]:
        """One writer at a time; the registry open; staging cleared before and after; the
        converters stopped at the end, whatever happens."""
        with workspace_lock(self.config.workspace.root, what):
            self.registry = open_registry(self.config.workspace, self._say)
            self.writer = ArchiveWriter(self.config, self.store, self.registry)
            try:
                removed = self.store.clean_staging()
                if removed:
                    self._say(f"Ryddet {removed} halvferdig(e) mappe(r) etter en avbrutt kjøring.")
                yield
                self.store.clean_staging()  # what is left there now is empty or failed
            finally:
                self.maker.close()
                self.registry.close()

    def _timed(self, stage: str, started: float) -> None:
        self.report.timings[stage] = self.report.timings.get(stage, 0.0) + time.perf_counter() - started

    def _say(self, message: str) -> None:
        with self._progress_lock:
            self.progress(message)
