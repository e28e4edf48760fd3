"""File names that anyone in HR (or anything) can drop into the inbox, made safe to show and to use.

A Linux file name is any bytes but `/` and NUL, up to NAME_MAX (255) bytes. Python gives the
bytes that are not UTF-8 as lone surrogates (surrogateescape), which cannot be written to a
UTF-8 receipt, a log or SQLite. So:

- `shown(name)`: for receipts, logs and the registry: undecodable bytes and control, format and
  bidirectional characters as `\\xNN` / `\\u202e` (one line, nothing reordered, nothing forged),
  and any run of eleven or more digits masked (a fødselsnummer, perhaps).
- `safe_name(name, reserve)`: a name to give the file (and its receipt) in the inbox folders:
  the same characters escaped as `%NN`, the digits masked with `x` (Windows shares do not
  allow `*`), no leading `-` (an option to any tool), and shortened, keeping its extension, so that it plus
  `reserve` bytes (a free-name counter and «.kvittering.txt») fits NAME_MAX.
"""

from __future__ import annotations

import re
import unicodedata

NAME_MAX = 255
RESERVE = 32
"""Bytes kept free after a safe name: « (99)» from free_name and the longest notice suffix."""

_DIGITS = re.compile(r"\d{11,}")
_BIDI = frozenset("\u200e\u200f\u061c" + "".join(map(chr, range(0x202A, 0x202F))) + "".join(map(chr, range(0x2066, 0x206A))))


def _unsafe(ch: str) -> bool:
    """Characters that must not reach a log line, a receipt or a file name as they are."""
    if ch in _BIDI or "\udc80" <= ch <= "\udcff":
        return True
    category = unicodedata.category(ch)
    return category in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")


def _escaped(name: str, style: str) -> str:
    out: list[str] = []
    for ch in name:
        if not _unsafe(ch):
            out.append(ch)
        elif "\udc80" <= ch <= "\udcff":  # an undecodable byte
            byte = ord(ch) - 0xDC00
            out.append(f"%{byte:02X}" if style == "file" else f"\\x{byte:02x}")
        elif style == "file":
            out.append("".join(f"%{b:02X}" for b in ch.encode("utf-8", "surrogatepass")))
        else:
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
    return "".join(out)


def _masked(name: str, mask: str) -> str:
    return _DIGITS.sub(lambda m: m.group()[:6] + mask * (len(m.group()) - 6), name)


def shown(name: str) -> str:
    """The name as it may be printed: one line, no hidden or reordering characters, no fødselsnummer."""
    return _masked(_escaped(name, "text"), "*")


def is_safe(name: str) -> bool:
    """Whether `name` can be used as it is (safe_name is idempotent: a safe name stays as it is)."""
    return safe_name(name) == name


def safe_name(name: str, reserve: int = RESERVE) -> str:
    """A name for the file in the inbox folders (see the module docstring)."""
    text = _masked(_escaped(name, "file"), "x")
    if text.startswith("-") or not text:
        text = "_" + text
    limit = NAME_MAX - reserve
    if len(text.encode("utf-8")) <= limit:
        return text
    stem, dot, ext = text.rpartition(".")
    if not dot or len(ext) > 10:
        stem, dot, ext = text, "", ""
    tail = f"~{dot}{ext}"
    budget = limit - len(tail.encode("utf-8"))
    short = stem.encode("utf-8")[:budget].decode("utf-8", "ignore")
    return short + tail
