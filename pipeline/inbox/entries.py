"""What an entry in the inbox is, looked at without following it (lstat), and opened only as
an ordinary file (O_NOFOLLOW, then fstat): a symlink dropped in the inbox must never make
praksis read a file outside the workspace, a FIFO must never block it, a folder is not a file."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from ..common.texts import N_

KINDS = {stat.S_IFDIR: N_("en mappe"), stat.S_IFLNK: N_("en snarvei (symbolsk lenke)"),
         stat.S_IFIFO: N_("et navngitt rør (FIFO)"), stat.S_IFSOCK: N_("en socket"), stat.S_IFCHR: N_("en enhetsfil"),
         stat.S_IFBLK: N_("en enhetsfil")}


def _kind(mode: int) -> str:
    return "" if stat.S_ISREG(mode) else KINDS.get(stat.S_IFMT(mode), N_("en spesialfil"))


def entry_kind(path: Path) -> str | None:
    """"" for an ordinary file, a Norwegian description of anything else, None if it is gone.
    The file is opened with O_NOFOLLOW | O_NONBLOCK and checked with fstat, so what is looked
    at is what is there now, not what a name pointed to a moment ago."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.EISDIR, errno.ENXIO, errno.EACCES, errno.EPERM, errno.EOPNOTSUPP):
            return lkind(path)  # a link, folder or socket; or a file we may not read (its reader says so)
        raise
    try:
        return _kind(os.fstat(fd).st_mode)
    finally:
        os.close(fd)


def lkind(path: Path) -> str | None:
    """As entry_kind, from lstat alone (for listing a folder: nothing is opened)."""
    try:
        return _kind(os.lstat(path).st_mode)
    except FileNotFoundError:
        return None
