"""Exclusive locks held by an open file (flock): released when the process ends, even on kill -9.

- the workspace lock: one writer to archive/ and the registry at a time;
- the inbox lock: one `praksis watch` per inbox.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..common.errors import ConfigError

WATCH_LOCK = ".praksis-watch.lock"


class WorkspaceBusy(ConfigError):
    """Another praksis process is writing to this workspace."""


class InboxWatched(ConfigError):
    """Another `praksis watch` already watches this inbox."""


@contextmanager
def _exclusive(path: Path, what: str, busy: type[ConfigError], message: str) -> Iterator[None]:
    handle = path.open("a+")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "en annen prosess"
            raise busy(message.format(holder=holder)) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"«praksis {what}» (pid {os.getpid()})")
        handle.flush()
        yield
    finally:
        handle.close()


@contextmanager
def workspace_lock(root: Path, what: str) -> Iterator[None]:
    with _exclusive(root / ".praksis.lock", what, WorkspaceBusy,
                    f"Arbeidsområdet {root} er i bruk av {{holder}}. Vent til den er ferdig."):
        yield


@contextmanager
def inbox_lock(inbox: Path) -> Iterator[None]:
    with _exclusive(inbox / WATCH_LOCK, "watch", InboxWatched,
                    f"Innboksen {inbox} følges allerede av {{holder}}. Det kan bare være én «praksis watch» "
                    "per innboks; stopp den andre først."):
        yield
