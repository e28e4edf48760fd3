"""Making the documents of a plan: each rendered to DOCX here, then converted to PDF/A in the
converters' threads, so the two overlap (rendering is Python work, converting waits on
LibreOffice, which starts while the first documents are rendered)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from ..common.config import Config
from ..common.environment import check_space
from ..common.workspace import temp_root
from ..convert import ConversionError, ConverterPool, ConverterUnavailable, pool_from_config
from .identity import DocumentIdentity
from .planning import CasePlan, DocumentJob
from .render import Renderer, RenderError

Progress = Callable[[str], None]


class DocumentMaker:
    """Renders and converts staged jobs; a job that fails keeps its error, the others go on.

    `pool`: a converter pool the caller keeps warm between runs (the watcher); else one is
    started on first use (by whichever thread needs it first) and stopped by `close`."""

    def __init__(self, config: Config, progress: Progress, pool: ConverterPool | None = None) -> None:
        self.config = config
        self.renderer = Renderer(config)
        self.progress = progress
        self.pool = pool
        self._own_pool = pool is None
        self.started_seconds = 0.0  # starting LibreOffice, when this maker did
        self._pool_lock = threading.Lock()
        self._lock = threading.Lock()
        self._done = 0
        self._total = 0

    def converter(self) -> ConverterPool:
        """The converter pool, started on first use."""
        with self._pool_lock:
            if self.pool is None:
                settings = self.config.settings.konvertering
                self.progress(f"Starter LibreOffice ({settings.instanser} omformer(e)) …")
                started = time.perf_counter()
                pool = pool_from_config(settings, temp_root(self.config.workspace))
                try:
                    pool.start()
                except ConverterUnavailable:
                    check_space(self.config.workspace.temp)  # it could not start for want of room
                    raise
                self.pool = pool
                self.started_seconds += time.perf_counter() - started
        return self.pool

    def close(self) -> None:
        """Stop the converters this maker started (a pool given to it stays warm)."""
        if self.pool and self._own_pool:
            self.pool.close()

    def make(self, jobs: list[tuple[CasePlan, DocumentJob, int | None]]) -> float:
        """Each (plan, job, journal post number) made in the job's staged folder; returns the
        seconds spent rendering. ConverterUnavailable (LibreOffice missing) stops the run."""
        rendering = 0.0
        self._done, self._total = 0, len(jobs)
        with ThreadPoolExecutor(self.config.settings.konvertering.instanser) as converters:
            pending: list[Future[None]] = []
            for plan, job, journalpost in jobs:
                if job.error:  # failed in planning (its template could not be read)
                    continue
                begun = time.perf_counter()
                self.render(plan, job, journalpost)
                rendering += time.perf_counter() - begun
                if not job.error:
                    pending.append(converters.submit(self.convert, job))
            for future in pending:
                future.result()
        return rendering

    def render(self, plan: CasePlan, job: DocumentJob, journalpost: int | None) -> None:
        assert plan.saksnummer is not None, "numbers are reserved before documents are made"
        try:
            self.renderer.render_to(job.docx, plan.record, job.dokumenttype, DocumentIdentity(
                job.dokumenttype, job.version, plan.saksnummer, journalpost=journalpost))
        except RenderError as exc:
            job.error = exc.message

    def convert(self, job: DocumentJob) -> None:
        """DOCX → PDF/A in a converter thread; a document LibreOffice cannot convert keeps the error."""
        try:
            self.converter().convert(job.docx, job.pdf)
        except ConversionError as exc:
            assert job.folder is not None
            check_space(job.folder)  # LibreOffice does not say «disk full»: a full disk stops the run
            job.error = exc.message
        with self._lock:
            self._done += 1
            step = max(1, self._total // 10)
            if self._done % step == 0 or self._done == self._total:
                self.progress(f"  PDF/A: {self._done} av {self._total} dokumenter")
