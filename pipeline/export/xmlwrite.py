"""A thin layer over lxml's incremental writer: elements are written as they are made.

`leaf` skips empty values: Noark packages must have no empty elements. Every element whose
type is xs:dateTime in the Noark 5 and Fiks Arkiv metadata catalogues (DATETIME_TAGS) is written
in Norwegian local time with its offset, whatever offset the stored value has.

Nothing an XML 1.0 document cannot hold is ever written: a value with a NUL, another control
character, a lone surrogate or U+FFFE/U+FFFF raises `UnwritableText`, naming the element and
the character, before anything of it is written. Validation rejects such characters at input
(characters.FORBIDDEN), but a record archived before it did may still hold one; the exports
then leave that case out with the message (Fiks Arkiv) or stop with it (a deposit package),
instead of ending in lxml's ValueError or a document the XSD check cannot parse.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

from ..common.localtime import local_iso
from ..domain.characters import forbidden_name
from .errors import ExportError

XSI = "http://www.w3.org/2001/XMLSchema-instance"


DATETIME_TAGS = frozenset({
    "arkivertDato", "avsluttetDato", "endretDato", "flytMottattDato", "flytSendtDato", "graderingsdato",
    "hendelsesdato", "kassertDato", "konvertertDato", "merknadsdato", "mottattDato", "nedgraderingsdato",
    "opprettetDato", "presedensGodkjentDato", "sendtDato", "slettetDato", "tilknyttetDato", "vedtaksdato"})
"""The xs:dateTime elements of both metadata catalogues (schemas/*/metadatakatalog.xsd)."""


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters outside XML 1.0's Char production."""


class UnwritableText(ExportError):
    """A value holds a character XML cannot hold; `tag` is the element it was to be written in."""

    def __init__(self, tag: str, value: str, found: re.Match[str]) -> None:
        self.tag = tag
        self.character = forbidden_name(found.group())
        super().__init__(f"feltet «{tag}» har et tegn som XML ikke kan inneholde: {self.character} etter "
                         f"{found.start()} tegn")


def xml_text(tag: str, value: str) -> str:
    """`value` if XML can hold it; else UnwritableText naming `tag` and the character."""
    if not value.isprintable():  # (every character XML cannot hold is unprintable: C speed first)
        found = _NOT_XML.search(value)
        if found is not None:
            raise UnwritableText(tag, value, found)
    return value


def text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return str(value)


class XmlWriter:
    """Writes into an `etree.xmlfile` context in namespace `ns` (the default namespace)."""

    def __init__(self, xf: Any, ns: str, extra: dict[str, str] | None = None) -> None:
        self.xf = xf
        self.ns = ns
        self.nsmap: dict[str | None, str] = {None: ns, "xsi": XSI, **(extra or {})}
        self._root_written = False

    def q(self, tag: str) -> str:
        if ":" in tag:
            prefix, local = tag.split(":", 1)
            return f"{{{self.nsmap[prefix]}}}{local}"
        return f"{{{self.ns}}}{tag}"

    @contextmanager
    def element(self, tag: str, xsi_type: str | None = None, **attrib: str) -> Iterator[None]:
        attributes = {key: xml_text(f"{tag} {key}", value) for key, value in attrib.items()}
        if xsi_type:
            attributes[f"{{{XSI}}}type"] = xsi_type
        nsmap = None
        if not self._root_written:
            nsmap = self.nsmap
            self._root_written = True
        with self.xf.element(self.q(tag), attributes, nsmap=nsmap):
            yield

    def leaf(self, tag: str, value: Any) -> None:
        if value is None or value == "" or value == []:
            return
        if tag.rsplit(":", 1)[-1] in DATETIME_TAGS:
            value = local_iso(value)
        written = xml_text(tag, text(value))
        with self.xf.element(self.q(tag)):
            self.xf.write(written)

    def leaves(self, source: dict[str, Any], *tags: str) -> None:
        """`leaf(tag, source[tag])` for each tag, in order: metadata copied under its own name."""
        for tag in tags:
            self.leaf(tag, source[tag])

    def code(self, tag: str, kode: str, beskrivelse: str | None = None) -> None:
        """A Fiks Arkiv code: <tag><mdk:kode/><mdk:beskrivelse/></tag>."""
        with self.element(tag):
            self.leaf("mdk:kode", kode)
            self.leaf("mdk:beskrivelse", beskrivelse)
