"""A pool of warm LibreOffice instances (unoserver), fed by threads: scheduling only.

Converting is the cost of the whole pipeline: starting LibreOffice per document costs
≈1.25 s, a warm instance ≈0.2 s, and two (one per core) ≈0.1 s per document (TOOLING.md).
How an instance is started, asked and stopped is `programs/libreoffice.py`; here a
conversion that hangs past the timeout, or an instance that died, is detected, the instance
restarted and the document retried, and every output checked (PDF/A claim, accessibility).
"""

from __future__ import annotations

import logging
import os
import queue
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..common.config import Konvertering
from ..programs.errors import ConversionError, ConverterUnavailable, ProgramFailed
from ..programs.libreoffice import UnoInstance, check_version, find_soffice, find_uno_python
from .accessibility import expected_from_docx, require_accessible
from .pdfa import PdfaLevel, require_pdfa

log = logging.getLogger(__name__)

PDFA_1A = PdfaLevel(1, "A")
ATTEMPTS = 2


@dataclass
class Outcome:
    """The result of one conversion job: the PDF, or the error that stopped it."""

    source: Path
    target: Path
    error: ConversionError | None = None
    seconds: float = 0.0


class ConverterPool:
    """Warm converters, started once and reused. Use as a context manager.

    `convert` is thread-safe; `convert_many` runs one thread per instance.
    """

    def __init__(self, instances: int = 2, timeout: float = 60.0, level: PdfaLevel = PDFA_1A,
                 workdir: Path | None = None, tmp_root: Path | None = None) -> None:
        """`tmp_root`: where the work folder is made (the workspace's .praksis-tmp/; default /tmp)."""
        self.size = max(1, instances)
        self.timeout = timeout
        self.level = level
        self._own_workdir = workdir is None
        # the pid in the name lets an operator (and the tests) see whose converters these are
        self.workdir = (Path(tempfile.mkdtemp(prefix=f"praksis-lo-{os.getpid()}-", dir=tmp_root))
                        if workdir is None else workdir)
        self._instances: list[UnoInstance] = []
        self._free: queue.Queue[UnoInstance] = queue.Queue()
        self._lock = threading.Lock()

    def __enter__(self) -> ConverterPool:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self) -> None:
        """Start every instance (in parallel: start-up is ≈5 s each)."""
        find_soffice()
        find_uno_python()
        check_version()
        self.workdir.mkdir(parents=True, exist_ok=True)
        self._instances = [UnoInstance(i, self.workdir, self.timeout) for i in range(self.size)]
        with ThreadPoolExecutor(self.size) as starter:
            failures = [f.exception() for f in [starter.submit(i.start) for i in self._instances]]
        errors = [e for e in failures if e is not None]
        if errors:
            self.close()
            raise errors[0]
        for instance in self._instances:
            self._free.put(instance)
        log.debug("LibreOffice klar: %d omformer(e), %s", self.size, self.level)

    def close(self) -> None:
        for instance in self._instances:
            instance.stop()
        self._instances = []
        if self._own_workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)

    @property
    def restarts(self) -> int:
        return sum(i.restarts for i in self._instances)

    def convert(self, source: Path, target: Path) -> Path:
        """Convert one DOCX to PDF/A at `target` (written atomically; its PDF/A claim and its
        accessibility, against the title and language the DOCX states, checked)."""
        if not self._instances:
            raise ConverterUnavailable("Omformeren er ikke startet.")
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.stem}.{threading.get_ident()}.tmp.pdf")
        last_error = ""
        for attempt in range(1, ATTEMPTS + 1):
            instance = self._free.get()
            try:
                if not instance.alive():
                    log.warning("Omformer %d var stoppet; starter den på nytt", instance.index)
                    instance.restart()
                instance.convert(source.resolve(), partial.resolve(), self.level.part)
                require_pdfa(partial, self.level, source.name)
                require_accessible(partial, expected_from_docx(source), source.name)
                os.replace(partial, target)
                return target
            except ConversionError:
                partial.unlink(missing_ok=True)
                raise
            except (OSError, ProgramFailed, ConverterUnavailable) as exc:
                partial.unlink(missing_ok=True)
                last_error = exc.message if isinstance(exc, ProgramFailed) else f"{type(exc).__name__}: {exc}"
                log.warning("Omforming av %s feilet (forsøk %d av %d): %s; starter omformer %d på nytt",
                            source.name, attempt, ATTEMPTS, last_error, instance.index)
                try:
                    instance.restart()
                except ConverterUnavailable as restart_error:
                    last_error = restart_error.message
            finally:
                self._free.put(instance)
        raise ConversionError(source.name, f"LibreOffice klarte ikke å lage PDF/A etter {ATTEMPTS} forsøk ({last_error}).")

    def convert_many(self, jobs: Iterable[tuple[Path, Path]],
                     progress: Callable[[Outcome], None] | None = None) -> list[Outcome]:
        """Convert many documents, one thread per instance; a failed document does not stop the rest."""

        def run(job: tuple[Path, Path]) -> Outcome:
            started = time.perf_counter()
            outcome = Outcome(*job)
            try:
                self.convert(*job)
            except ConversionError as exc:
                outcome.error = exc
            outcome.seconds = time.perf_counter() - started
            if progress:
                with self._lock:
                    progress(outcome)
            return outcome

        with ThreadPoolExecutor(self.size) as workers:
            return list(workers.map(run, list(jobs)))


def pool_from_config(settings: Konvertering, tmp_root: Path) -> ConverterPool:
    """The pool as the workspace configures it (`[konvertering]`), not started: the one place
    a pool is built from configuration (ingest, watch, render, signed)."""
    return ConverterPool(settings.instanser, settings.tidsavbrudd_sekunder, PdfaLevel.parse(settings.pdfa),
                         tmp_root=tmp_root)
