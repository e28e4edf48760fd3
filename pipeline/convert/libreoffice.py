"""LibreOffice: where it is, how to call it. The thin wrapper around the external program.

Two ways in: `soffice --convert-to` (one process per call; used as a fallback and as the
benchmark's baseline) and a long-running unoserver per instance (see `pool`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

from ..common.workspace import PACKAGE_ROOT
from .errors import ConverterUnavailable

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
