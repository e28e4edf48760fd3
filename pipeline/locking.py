"""One writer per workspace: an exclusive lock file, released when the process ends (even kill -9)."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import ConfigError


class WorkspaceBusy(ConfigError):
    """Another praksis process is writing to this workspace."""


@contextmanager
def workspace_lock(root: Path, what: str) -> Iterator[None]:
    path = root / ".praksis.lock"
    handle = path.open("a+")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "en annen prosess"
            raise WorkspaceBusy(f"Arbeidsområdet {root} er i bruk av {holder}. Vent til den er ferdig.") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"«praksis {what}» (pid {os.getpid()})")
        handle.flush()
        yield
    finally:
        handle.close()
