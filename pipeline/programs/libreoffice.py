"""LibreOffice: where it is, which version, how to call it. The thin wrapper around the program.

Two ways in: `soffice --convert-to` (one process per call; the benchmark's baseline) and a
long-running unoserver per instance (`UnoInstance`: command line, XML-RPC, stop), run under
`guard.py`; `convert/pool.py` schedules the instances. Every failure is a typed error:
ConverterUnavailable (not installed, will not start) or ProgramFailed (a call failed).
"""

from __future__ import annotations

import os
import re
import signal
import socket
import shutil
import subprocess
import time
import xmlrpc.client
from functools import lru_cache
from http.client import HTTPConnection
from pathlib import Path

from ..common.workspace import PACKAGE_ROOT
from . import versions
from .errors import ConverterUnavailable, ProgramFailed

SOFFICE_LOCATIONS = ("/usr/lib/libreoffice/program/soffice",)
INSTALL_HINT = (
    "Kjør «make setup» i praksis-mappen, eller installer Debian-pakkene "
    "libreoffice-writer-nogui, fonts-liberation og python3-uno."
)


@lru_cache(maxsize=1)
def find_soffice() -> str:
    """The soffice executable, or ConverterUnavailable saying how to install it."""
    for candidate in (os.environ.get("PRAKSIS_SOFFICE"), shutil.which("soffice"), *SOFFICE_LOCATIONS):
        if candidate and Path(candidate).exists():
            return candidate
    raise ConverterUnavailable(f"LibreOffice er ikke installert (fant ikke «soffice»). {INSTALL_HINT}")


@lru_cache(maxsize=1)
def find_uno_python() -> str:
    """A Python that can import both `uno` (Debian's python3-uno) and `unoserver`."""
    candidates = [os.environ.get("PRAKSIS_UNO_PYTHON"), str(PACKAGE_ROOT / ".venv-uno" / "bin" / "python"),
                  "/usr/bin/python3"]
    for candidate in candidates:
        if not candidate or not Path(candidate).exists():
            continue
        probe = subprocess.run([candidate, "-c", "import uno, unoserver"], capture_output=True, timeout=60)
        if probe.returncode == 0:
            return candidate
    raise ConverterUnavailable(
        "Fant ingen Python med både «uno» (python3-uno) og «unoserver» for LibreOffice-omformeren. "
        + INSTALL_HINT
    )


TAGGING = {"UseTaggedPDF": True, "DisplayPDFDocumentTitle": True}
"""Always asked for: a logical structure (PDF/A-1 forces it anyway; for 2b it is a choice) and the
title, not the file name, in the viewer's title bar. PDFUACompliance is left off: LibreOffice 7.4
then writes `pdfuaid:part` without the PDF/A extension schema and Preflight rejects the file
(7.3, see docs/tilgjengelighet.md)."""


def pdf_filter_options(part: int) -> list[str]:
    """unoserver's spelling of the PDF export options (each becomes one FilterData entry)."""
    return [f"SelectPdfVersion={part}", *(f"{name}={str(value).lower()}" for name, value in TAGGING.items())]


def soffice_filter(part: int) -> str:
    """The --convert-to spelling that LibreOffice 7.4 honours (older spellings are ignored silently)."""
    options = ['"SelectPdfVersion":{"type":"long","value":"%d"}' % part]
    options += ['"%s":{"type":"boolean","value":"%s"}' % (name, str(value).lower()) for name, value in TAGGING.items()]
    return "pdf:writer_pdf_Export:{%s}" % ",".join(options)


def soffice_convert(files: list[Path], outdir: Path, part: int, profile: Path, timeout: float = 600) -> None:
    """One `soffice --convert-to` process for `files` (all at once: a batch call)."""
    command = [find_soffice(), "--headless", "--norestore", f"-env:UserInstallation={profile.resolve().as_uri()}",
               "--convert-to", soffice_filter(part), "--outdir", str(outdir), *map(str, files)]
    subprocess.run(command, check=True, capture_output=True, timeout=timeout)


# --- the version praksis depends on ----------------------------------------------------------------

TESTED = ("7.4",)
"""LibreOffice 7.4 writes PDF/A-1a for PDF/A-1 (it forces tagging) and honours only the
--convert-to spelling in `soffice_filter`; docs/tilgjengelighet.md."""


@lru_cache(maxsize=1)
def check_version() -> str:
    """`soffice --version`, checked once against the tested versions (a warning if unknown)."""
    try:
        said = subprocess.run([find_soffice(), "--version"], capture_output=True, timeout=60).stdout.decode()
    except (OSError, subprocess.TimeoutExpired):
        said = ""
    match = re.search(r"LibreOffice (\d+(?:\.\d+)*)", said)
    found = match[1] if match else ""
    versions.check("LibreOffice", found, TESTED)
    return found


# --- one warm instance: unoserver under the guard ---------------------------------------------------

START_TIMEOUT = 90.0
GUARD = Path(__file__).with_name("guard.py")


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
        """Ask this instance to write `target`; ProgramFailed on a timeout, a dead instance or a fault."""
        try:
            self._proxy(self.timeout + 5).convert(
                str(source), None, str(target), "pdf", "writer_pdf_Export", pdf_filter_options(part), False, None, None
            )
        except (OSError, xmlrpc.client.Error) as exc:
            raise ProgramFailed(f"LibreOffice-omformer {self.index}: {type(exc).__name__}: {exc}") from None
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
