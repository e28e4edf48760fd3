"""When a file is completely written: its size and mtime unchanged for a while.

A copy over SMB or a browser download grows in steps; Excel saves through a temp file and
renames. Watching (size, mtime) until they stand still for `delay` seconds catches the first;
the ignore patterns and rename events catch the second. A file that is stable but cannot be
read yet (a copy that stalled half-way) is answered «venter» by the processor, until
`uleselig_vent_sekunder` have passed since its last change (`since_change`). Changes are
timed by this process's monotonic clock, so a modification time in the future changes nothing.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Candidate:
    size: int
    mtime_ns: int
    changed_at: float  # monotonic time of the last change seen
    not_before: float = 0.0  # do not look again before this (after a failed parse or a busy workspace)


class StabilityTracker:
    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.candidates: dict[Path, Candidate] = {}

    def see(self, path: Path) -> None:
        """A file was created, written or renamed into the inbox (or found by a scan)."""
        try:
            stat = path.stat()
        except FileNotFoundError:
            self.candidates.pop(path, None)
            return
        known = self.candidates.get(path)
        if known is None or (known.size, known.mtime_ns) != (stat.st_size, stat.st_mtime_ns):
            self.candidates[path] = Candidate(stat.st_size, stat.st_mtime_ns, time.monotonic(),
                                              known.not_before if known else 0.0)

    def forget(self, path: Path) -> None:
        self.candidates.pop(path, None)

    def postpone(self, path: Path, seconds: float) -> None:
        if path in self.candidates:
            self.candidates[path].not_before = time.monotonic() + seconds

    def since_change(self, path: Path) -> float:
        return time.monotonic() - self.candidates[path].changed_at

    def ready(self) -> list[Path]:
        """Files unchanged for `delay` seconds, oldest first; files that vanished are dropped."""
        now = time.monotonic()
        ready: list[tuple[float, Path]] = []
        for path in list(self.candidates):
            self.see(path)  # re-stat: picks up growth that raised no event (network shares)
            candidate = self.candidates.get(path)
            if candidate is None or now < candidate.not_before:
                continue
            if now - candidate.changed_at >= self.delay:
                ready.append((candidate.changed_at, path))
        return [path for _, path in sorted(ready)]

    def next_due(self) -> float | None:
        """Seconds until the next candidate could be ready (for the watcher's sleep)."""
        now = time.monotonic()
        waits = [max(c.changed_at + self.delay, c.not_before) - now for c in self.candidates.values()]
        return max(0.0, min(waits)) if waits else None
