"""File names the watcher never touches: what editors, copy tools and sync clients leave behind."""

from __future__ import annotations

from fnmatch import fnmatchcase

BUILT_IN = (
    "~$*",          # Excel/Word owner file while a workbook is open
    ".~lock.*#",    # LibreOffice lock file
    "*.tmp", "*.temp", "*.TMP",
    "*.part", "*.partial", "*.filepart", "*.crdownload", "*.download", "*.opdownload",
    "*.swp", "*~",
    ".*",           # hidden files: .DS_Store, ._* (macOS resource forks), .praksis-watch.lock, sync state
    "Thumbs.db", "desktop.ini", "Desktop.ini",
    "*.sb-*",       # Sublime/macOS safe-save temp files
)


class IgnoreRules:
    def __init__(self, extra: list[str]) -> None:
        self.patterns = BUILT_IN + tuple(extra)

    def ignored(self, name: str) -> bool:
        return any(fnmatchcase(name, pattern) or fnmatchcase(name.lower(), pattern.lower()) for pattern in self.patterns)
