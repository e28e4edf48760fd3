"""Moving and writing in the inbox without ever overwriting a name that exists."""

from __future__ import annotations

import os
from pathlib import Path

from .workspace import atomic_write_bytes, file_mode
from .names import safe_name


def free_name(folder: Path, name: str) -> str:
    """`name` made safe (names.safe_name: escaped, digits masked, short enough for a notice
    suffix), or `stem (2).ext`, `stem (3).ext`… : the first that does not exist in `folder`.
    Only the file itself counts: a receipt left beside a name (after a crash between writing
    the receipt and moving the file) is reused by the retry, not kept as an orphan."""
    name = safe_name(name)
    stem, dot, ext = name.rpartition(".") if "." in name.lstrip(".") else (name, "", "")
    candidate, n = name, 1
    while os.path.lexists(folder / candidate):
        n += 1
        candidate = f"{stem} ({n}){dot}{ext}"
    return candidate


def move_no_clobber(source: Path, folder: Path, name: str) -> Path:
    """Rename `source` to `folder/name`; FileExistsError rather than replacing anything.
    One watcher holds the inbox (a lock), so the check and the rename do not race each other."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    if os.path.lexists(target):
        raise FileExistsError(target)
    os.rename(source, target)
    if os.path.islink(target):  # a link set aside: chmod would change the file it points to
        return target
    try:  # the original holds personal data: group-readable at most, however it was dropped
        os.chmod(target, file_mode())
    except OSError:
        pass  # another user's file: the inbox folder's own permissions guard it
    return target


def write_text(path: Path, text: str) -> None:
    """A receipt, written whole or not at all (Windows line endings: HR staff open it in Notepad)."""
    atomic_write_bytes(path, text.replace("\n", "\r\n").encode("utf-8-sig"))
