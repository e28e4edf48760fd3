"""Named crash points for the crash-safety tests.

`PRAKSIS_KRASJ=etter-versjon-flyttet` (or `navn@3` for the third time the point is reached)
makes the process kill itself with SIGKILL there, exactly as `kill -9` would. Unset, a
crash point costs one dictionary lookup.
"""

from __future__ import annotations

import os
import signal

_hits: dict[str, int] = {}


def crash_point(name: str) -> None:
    wanted = os.environ.get("PRAKSIS_KRASJ")
    if not wanted:
        return
    point, _, count = wanted.partition("@")
    if point != name:
        return
    _hits[name] = _hits.get(name, 0) + 1
    if _hits[name] >= int(count or 1):
        os.kill(os.getpid(), signal.SIGKILL)
