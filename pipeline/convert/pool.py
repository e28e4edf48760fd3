"""A pool of warm LibreOffice instances (unoserver), fed by threads.

Converting is the cost of the whole pipeline: starting LibreOffice per document costs
≈1.25 s, a warm instance ≈0.2 s, and two (one per core) ≈0.1 s per document (TOOLING.md).
Each instance has its own ports and profile. A conversion that hangs past the timeout, or
an instance that died, is detected; the instance is restarted and the document retried.
"""

from __future__ import annotations

import logging
import os
import queue
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import xmlrpc.client
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http.client import HTTPConnection
from pathlib import Path

from ..common.config import Konvertering
from .errors import ConversionError, ConverterUnavailable
from .accessibility import expected_from_docx, require_accessible
from .libreoffice import find_soffice, find_uno_python, pdf_filter_options
from .pdfa import PdfaLevel, require_pdfa

log = logging.getLogger(__name__)

START_TIMEOUT = 90.0
GUARD = Path(__file__).with_name("guard.py")
PDFA_1A = PdfaLevel(1, "A")
ATTEMPTS = 2


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class _Transport(xmlrpc.client.Transport):
    """XML-RPC over HTTP with a timeout, so a hung LibreOffice cannot hang praksis."""

    def __init__(self, timeout: float) -> None:
        super().__init__()
        self.timeout = timeout

    def make_connection(self, host):  # type: ignore[no-untyped-def]
        connection: HTTPConnection = super().make_connection(host)
        connection.timeout = self.timeout
        return connection


class UnoInstance:
    """One unoserver process (and its soffice), with its own ports and profile."""

    def __init__(self, index: int, workdir: Path, timeout: float) -> None:
        self.index = index
        self.workdir = workdir
        self.timeout = timeout
        self.profile = workdir / f"profil-{index}"
        self.process: subprocess.Popen[bytes] | None = None
        self.port = 0
        self.conversions = 0
        self.restarts = 0

    def _proxy(self, timeout: float) -> xmlrpc.client.ServerProxy:
        return xmlrpc.client.ServerProxy(f"http://127.0.0.1:{self.port}", allow_none=True,
                                         transport=_Transport(timeout))

    def start(self) -> None:
        self.port, uno_port = _free_port(), _free_port()
        logfile = (self.workdir / f"unoserver-{self.index}.log").open("ab")
        command = [
            find_uno_python(), str(GUARD), str(os.getpid()), "--", "-m", "unoserver.server", "--interface", "127.0.0.1",
            "--uno-interface", "127.0.0.1", "--port", str(self.port), "--uno-port", str(uno_port),
            "--user-installation", str(self.profile), "--executable", find_soffice(),
            "--conversion-timeout", str(max(1, int(self.timeout))),
        ]
        self.process = subprocess.Popen(command, stdout=logfile, stderr=logfile, stdin=subprocess.DEVNULL,
                                        start_new_session=True,
                                        env={**os.environ, "TMPDIR": str(self.workdir)})  # soffice's own temp files too
        logfile.close()
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ConverterUnavailable(
                    f"LibreOffice-omformer {self.index} stoppet under oppstart (se {self.workdir}/unoserver-{self.index}.log)."
                )
            try:
                self._proxy(5).info()
                return
            except (OSError, xmlrpc.client.Error):
                time.sleep(0.2)
        self.stop()
        raise ConverterUnavailable(f"LibreOffice-omformer {self.index} svarte ikke innen {START_TIMEOUT:.0f} s.")

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def convert(self, source: Path, target: Path, part: int) -> None:
        """Ask this instance to write `target`; raises on timeout, a dead instance or a fault."""
        self._proxy(self.timeout + 5).convert(
            str(source), None, str(target), "pdf", "writer_pdf_Export", pdf_filter_options(part), False, None, None
        )
        self.conversions += 1

    def stop(self) -> None:
        """SIGTERM to the guard, which stops unoserver itself (signalling the group first can hang
        it); then SIGKILL whatever is left of the process group (a hung or orphaned soffice)."""
        process, self.process = self.process, None
        if process is None:
            return
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
        try:
            os.killpg(process.pid, signal.SIGKILL)  # started with its own session: pgid == pid
        except (ProcessLookupError, PermissionError):
            pass

    def restart(self) -> None:
        self.stop()
        self.restarts += 1
        self.start()


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
            except (OSError, xmlrpc.client.Error, ConverterUnavailable) as exc:
                partial.unlink(missing_ok=True)
                last_error = f"{type(exc).__name__}: {exc}"
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
