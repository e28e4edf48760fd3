"""What an entry in the inbox is, looked at without following it (lstat), and opened only as
an ordinary file (O_NOFOLLOW, then fstat): a symlink dropped in the inbox must never make
praksis read a file outside the workspace, a FIFO must never block it, a folder is not a file.

A file is read once, through the descriptor that was checked (`snapshot`): its bytes are copied
into the workspace's temp folder, hashed on the way, and everything after (parsing, the copy
in the archive, the rejected rows sent back) reads that copy. The name in the inbox is never
opened again, so a file swapped for a symlink between the check and the read is never followed,
and the bytes parsed are the bytes hashed.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from pathlib import Path

from ..domain.texts import N_

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


class NotAFile(Exception):
    """The entry is not an ordinary file (any more); `kind` says what it is, in Norwegian."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


_NOT_A_FILE = (errno.ELOOP, errno.EISDIR, errno.ENXIO, errno.EOPNOTSUPP)
"""What opening with O_NOFOLLOW | O_NONBLOCK gives for a link, a folder, a socket."""


def snapshot(path: Path, folder: Path) -> tuple[Path, str]:
    """Copy the ordinary file `path` into `folder` under its own name, reading it through one
    descriptor opened with O_NOFOLLOW | O_NONBLOCK and checked with fstat; return the copy and
    the SHA-256 of its bytes. Raises FileNotFoundError if it is gone, NotAFile if it is (or has
    become) anything but an ordinary file; other OSErrors (no permission) as they come."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        if exc.errno in _NOT_A_FILE:
            raise NotAFile(lkind(path) or "en spesialfil") from None
        raise
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotAFile(_kind(mode))
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    with os.fdopen(fd, "rb") as source:  # owns fd from here
        copy = folder / path.name
        digest = hashlib.sha256()
        with copy.open("xb") as out:
            while block := source.read(1 << 20):
                digest.update(block)
                out.write(block)
    return copy, digest.hexdigest()
