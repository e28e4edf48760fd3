"""Characters in values as people paste them: look-alike spaces and invisible characters that
are harmless (cleaned, and the validator says which), and characters no field may hold
(rejected by the converters in `normalize`, shown escaped in messages).
"""

from __future__ import annotations

import re

from .texts import N_, Message


_SPACES = {"\u00a0": "hardt mellomrom", "\u2007": "sifferbredt mellomrom", "\u202f": "smalt hardt mellomrom",
           "\u1680": "spesielt mellomrom", "\u205f": "spesielt mellomrom", "\u3000": "spesielt mellomrom",
           **{chr(c): "spesielt mellomrom" for c in range(0x2000, 0x200B) if c != 0x2007}}
"""Spaces that look like a space (pasted from Word, a web page, a PDF): made a plain space."""
_INVISIBLE = {"\u200b": "usynlig mellomrom", "\u00ad": "myk bindestrek", "\u2060": "usynlig ordskjøt",
              "\ufeff": "usynlig BOM-tegn"}
"""Characters that show nothing (or only at a line break): removed."""
_HARMLESS = re.compile("[" + "".join(_SPACES) + "".join(_INVISIBLE) + "]")
_CLEAN = str.maketrans({**dict.fromkeys(_SPACES, " "), **dict.fromkeys(_INVISIBLE)})


def clean(text: str) -> str:
    """Harmless whitespace-like characters made plain spaces, invisible ones removed (the
    validator notes which, with the field: see `harmless_note`)."""
    return text.translate(_CLEAN) if not text.isascii() and _HARMLESS.search(text) else text


def has_harmless(text: str) -> bool:
    """Whether `text` holds a character `clean` changes (C speed: for a whole column at once)."""
    return not text.isascii() and _HARMLESS.search(text) is not None


def harmless_note(text: str) -> list[Message] | None:
    """What cleaning `text` did (to be translated where it is shown), or None if it did nothing:
    «hardt mellomrom (U+00A0) gjort om til vanlig mellomrom», «myk bindestrek (U+00AD) fjernet».
    The characters' names stay as Unicode's Norwegian names here, in both written standards."""
    if not has_harmless(text):
        return None
    found = sorted({m.group() for m in _HARMLESS.finditer(text)})
    spaces = [f"{_SPACES[ch]} (U+{ord(ch):04X})" for ch in found if ch in _SPACES]
    removed = [f"{_INVISIBLE[ch]} (U+{ord(ch):04X})" for ch in found if ch in _INVISIBLE]
    return ([N_("{tegn} gjort om til vanlig mellomrom", tegn=", ".join(spaces))] if spaces else []) + (
        [N_("{tegn} fjernet", tegn=", ".join(removed))] if removed else [])


def _forbidden_class() -> str:
    """C0 and C1 controls (not tab, line feed, carriage return: whitespace, normalised), DEL,
    lone surrogates, noncharacters and the bidirectional embeddings, overrides and isolates."""
    ranges = ["\x00-\x08", "\x0b\x0c", "\x0e-\x1f", "\x7f-\x9f", "\u202a-\u202e", "\u2066-\u2069",
              "\ud800-\udfff", "\ufdd0-\ufdef"]
    ranges += [re.escape(chr(plane * 0x10000 + 0xFFFE)) + re.escape(chr(plane * 0x10000 + 0xFFFF)) for plane in range(17)]
    return "[" + "".join(ranges) + "]"


FORBIDDEN = re.compile(_forbidden_class())
"""Characters no field may hold: invisible, reordering, or impossible in XML (exports)."""
UNSHOWN = re.compile(_forbidden_class()[:-1] + "".join(_INVISIBLE) + "]")
"""Characters a message shows as «<U+00AD>»: the forbidden ones and the invisible harmless ones."""


def forbidden_name(ch: str) -> str:
    code = ord(ch)
    if code == 0:
        return "U+0000 (NUL)"
    if 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        return N_("U+{kode:04X} (retningstegn som snur teksten)", kode=code)
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return N_("U+{kode:04X} (kontrolltegn)", kode=code)
    return N_("U+{kode:04X} (ikke et gyldig tegn)", kode=code)
