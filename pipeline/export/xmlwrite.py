"""A thin layer over lxml's incremental writer: elements are written as they are made.

`leaf` skips empty values: Noark packages must have no empty elements. Every element whose
type is xs:dateTime in the Noark 5 and Fiks Arkiv metadata catalogues (DATETIME_TAGS) is written
in Norwegian local time with its offset, whatever offset the stored value has.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

from ..common.localtime import local_iso

XSI = "http://www.w3.org/2001/XMLSchema-instance"


DATETIME_TAGS = frozenset({
    "arkivertDato", "avsluttetDato", "endretDato", "flytMottattDato", "flytSendtDato", "graderingsdato",
    "hendelsesdato", "kassertDato", "konvertertDato", "merknadsdato", "mottattDato", "nedgraderingsdato",
    "opprettetDato", "presedensGodkjentDato", "sendtDato", "slettetDato", "tilknyttetDato", "vedtaksdato"})
"""The xs:dateTime elements of both metadata catalogues (schemas/*/metadatakatalog.xsd)."""


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
        attributes = dict(attrib)
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
        with self.xf.element(self.q(tag)):
            self.xf.write(text(value))

    def leaves(self, source: dict[str, Any], *tags: str) -> None:
        """`leaf(tag, source[tag])` for each tag, in order: metadata copied under its own name."""
        for tag in tags:
            self.leaf(tag, source[tag])

    def code(self, tag: str, kode: str, beskrivelse: str | None = None) -> None:
        """A Fiks Arkiv code: <tag><mdk:kode/><mdk:beskrivelse/></tag>."""
        with self.element(tag):
            self.leaf("mdk:kode", kode)
            self.leaf("mdk:beskrivelse", beskrivelse)
