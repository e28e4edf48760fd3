"""Who may read what praksis writes: owner and group only, whatever umask the caller has.

The archive, the registry, exports, receipts and temp files hold personal data (names,
fødselsnumre). `[tilgang] filmodus` (default 0640) is made the process umask when the
configuration is read, so every file praksis creates (SQLite, shutil copies, open(), the
temp files of atomic writes, which `workspace.file_mode()` follows) gets at most that mode,
and every folder the same with x where files have r (0750). The id key is always 0600.
"""

from __future__ import annotations

import os

DEFAULT_FILE_MODE = "0640"


def parse_mode(value: str) -> int:
    """An octal mode as written in the config ("0640", "640"); ValueError in Norwegian."""
    text = value.strip()
    if text.startswith(("0o", "0O")):
        text = text[2:]
    try:
        mode = int(text, 8)
    except ValueError:
        raise ValueError(f"«{value}» er ikke en oktal filmodus (f.eks. 0640)") from None
    if mode > 0o777:
        raise ValueError(f"«{value}» er ikke en filmodus (høyst 0777)")
    if mode & 0o600 != 0o600:
        raise ValueError(f"«{value}»: eieren må kunne lese og skrive (6 først, f.eks. 0640)")
    if mode & 0o007:
        raise ValueError(f"«{value}» gir alle brukere på maskinen tilgang til personopplysninger; "
                         "bruk 0 for «andre» (f.eks. 0640 eller 0660)")
    if mode & 0o111:
        raise ValueError(f"«{value}»: filene skal ikke være kjørbare (bruk 0640 eller 0660)")
    return mode


def folder_mode(file_mode: int) -> int:
    """Folders: the file mode plus x wherever it has r (0640 → 0750, 0660 → 0770)."""
    return file_mode | ((file_mode & 0o444) >> 2)


def apply_file_mode(file_mode: int) -> None:
    """Make the process umask give files `file_mode` and folders `folder_mode(file_mode)`."""
    os.umask(0o777 & ~folder_mode(file_mode))
