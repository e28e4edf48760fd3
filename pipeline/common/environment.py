"""Faults of the machine rather than of the input: a full disk, a read-only or forbidden
folder, a missing program. One typed error with one Norwegian message naming the cause and
what to do; the CLI exits 2. What was filed before the fault is whole (every write is a
rename of a finished file or folder, every registry change a transaction), and running the
same command again completes the rest.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from pathlib import Path

from .errors import ExitCode, PraksisError
from ..domain.identifiers import mask_numbers_in

LOW_SPACE = 16 * 1024 * 1024
"""Below this much free space, a failed conversion is put down to the full disk."""


class EnvironmentFault(PraksisError):
    """The machine stopped the work (disk full, read-only, no access); nothing is wrong with the input."""

    exit_code = ExitCode.USAGE

    def __init__(self, message: str, cause: str) -> None:
        super().__init__(message)
        self.cause = cause  # disk_full, read_only, no_access, other


AFTERWARDS = ("Det som ble arkivert før feilen, er helt; kjør den samme kommandoen på nytt når feilen er rettet, "
              "så gjøres resten (ingenting arkiveres to ganger).")


def _where(path: str | os.PathLike[str] | None) -> str:
    return mask_numbers_in(str(path)) if path else "arbeidsområdet"


def disk_full(path: str | os.PathLike[str] | None) -> EnvironmentFault:
    where = _where(path)
    return EnvironmentFault(f"Disken er full: {where} kunne ikke skrives. Frigjør plass på disken (se «df -h "
                            f"{Path(where).parent if path else '.'}») eller be IT om mer. {AFTERWARDS}", "disk_full")


def read_only(path: str | os.PathLike[str] | None) -> EnvironmentFault:
    return EnvironmentFault(f"Filsystemet er skrivebeskyttet: praksis kan ikke skrive {_where(path)}. Be IT montere "
                            f"det skrivbart igjen (eller velg et annet arbeidsområde med --root). {AFTERWARDS}",
                            "read_only")


def no_access(path: str | os.PathLike[str] | None) -> EnvironmentFault:
    return EnvironmentFault(f"Ingen tilgang til {_where(path)}. Brukeren som kjører praksis må eie mappen eller være "
                            "i gruppen som eier arbeidsområdet, med skrivetilgang (se «Tilgang» i docs/arkiv.md). "
                            f"{AFTERWARDS}", "no_access")


def from_os_error(exc: OSError) -> EnvironmentFault:
    """The fault an OSError stands for, with its file named (numbers masked)."""
    path = exc.filename
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return disk_full(path)
    if exc.errno == errno.EROFS:
        return read_only(path)
    if exc.errno in (errno.EACCES, errno.EPERM):
        return no_access(path)
    return EnvironmentFault(f"Kunne ikke lese eller skrive {_where(path)}: {exc.strerror or exc}. {AFTERWARDS}", "other")


def from_sqlite_error(exc: sqlite3.Error, registry: Path | None = None) -> EnvironmentFault:
    """SQLite says what happened in words, not errno."""
    text = str(exc).lower()
    if "full" in text:
        return disk_full(registry)
    if "readonly" in text or "read-only" in text:
        return read_only(registry) if registry is None or not _writable(registry) else no_access(registry)
    if "unable to open" in text:
        return no_access(registry)
    if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError) or "malformed" in text:
        return EnvironmentFault(f"Registeret {_where(registry)} er skadet ({exc}). Kjør «praksis reindex»: det settes "
                                f"til side og bygges på nytt fra arkivet. {AFTERWARDS}", "registry")
    return EnvironmentFault(f"Registeret {_where(registry)} svarer ikke som det skal ({exc}). {AFTERWARDS}", "other")


def _writable(path: Path) -> bool:
    folder = path if path.is_dir() else path.parent
    try:
        return not os.statvfs(folder).f_flag & os.ST_RDONLY
    except OSError:
        return False


def check_space(folder: Path) -> None:
    """Raise disk_full when `folder`'s file system has (almost) no room left: used after a
    program that does not say why it failed (LibreOffice, Ghostscript)."""
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return
    if free < LOW_SPACE:
        raise disk_full(folder)
    if not _writable(folder):
        raise read_only(folder)


MACHINE_ERRNOS = (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM)


def machine_fault(exc: BaseException, registry: Path | None = None) -> EnvironmentFault | None:
    """The fault `exc` stands for when the machine (not the file) stopped the work, else None:
    the watcher then keeps the file in the inbox and tries again, rather than rejecting it."""
    if isinstance(exc, EnvironmentFault):
        return exc
    if isinstance(exc, OSError) and exc.errno in MACHINE_ERRNOS:
        return from_os_error(exc)
    if isinstance(exc, sqlite3.OperationalError):
        fault = from_sqlite_error(exc, registry)
        return fault if fault.cause != "other" else None
    return None
