"""A generated document's identity: case, document type and version, printed in the footer
of every page and encoded in a QR code, so that a signed scan can be matched back later."""

from __future__ import annotations

import functools
import io
import re
from dataclasses import dataclass

import segno

PREFIX = "praksis"
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")
_CODE = re.compile(rf"^{PREFIX}:(?P<sak>\d{{4}}/\d+|utkast-[A-Za-z0-9._-]+):(?P<type>[a-z_]+):v(?P<versjon>\d+)$")


@dataclass(frozen=True)
class DocumentIdentity:
    dokumenttype: str  # the document set's key: praksisavtale, taushetsloefte…
    versjon: int
    saksnummer: str | None = None  # "2026/123"; None for a draft not yet archived
    utkast_for: str | None = None  # the record id a draft was made for
    journalpost: int | None = None  # the journal post's number in the case, printed as «Vår ref.» 2026/123-1

    @property
    def var_ref(self) -> str:
        """«Vår ref.»: the journal post (2026/123-1), the case where it is not known, «UTKAST» in drafts."""
        if self.saksnummer is None:
            return "UTKAST"
        return f"{self.saksnummer}-{self.journalpost}" if self.journalpost else self.saksnummer

    @property
    def utkast(self) -> bool:
        return self.saksnummer is None

    @property
    def sak(self) -> str:
        if self.saksnummer:
            return self.saksnummer
        return "utkast-" + _SAFE.sub("-", self.utkast_for or "ukjent")[:40]

    @property
    def id(self) -> str:
        """Short id for the footer text: `2026/123:praksisavtale:v1`."""
        return f"{self.sak}:{self.dokumenttype}:v{self.versjon}"

    @property
    def code(self) -> str:
        """What the QR code holds: `praksis:2026/123:praksisavtale:v1`."""
        return f"{PREFIX}:{self.id}"

    @classmethod
    def parse(cls, text: str) -> DocumentIdentity | None:
        """The identity in a QR code or a footer id, or None if `text` is not one."""
        text = text.strip()
        if not text.startswith(f"{PREFIX}:"):
            text = f"{PREFIX}:{text}"
        match = _CODE.match(text)
        if not match:
            return None
        sak = match["sak"]
        if sak.startswith("utkast-"):
            return cls(match["type"], int(match["versjon"]), None, sak.removeprefix("utkast-"))
        return cls(match["type"], int(match["versjon"]), sak)


@functools.lru_cache(maxsize=16)
def qr_png(text: str) -> bytes:
    """A QR code as a PNG without transparency (PDF/A-1 allows none). Cached: a trial run of
    `templates check` renders one identity dozens of times."""
    buffer = io.BytesIO()
    segno.make(text, error="m", micro=False).save(buffer, kind="png", scale=10, border=2, dark="black", light="white")
    return buffer.getvalue()
