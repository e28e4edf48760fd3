"""The XML writer never writes what XML 1.0 cannot hold (fast: no workspace)."""

from __future__ import annotations

import io

import pytest
from lxml import etree

from pipeline.export.xmlwrite import UnwritableText, XmlWriter

NS = "urn:test"


def _write(value: str) -> bytes:
    buffer = io.BytesIO()
    with etree.xmlfile(buffer, encoding="utf-8") as xf:
        writer = XmlWriter(xf, NS)
        with writer.element("rot"):
            writer.leaf("partNavn", value)
    return buffer.getvalue()


@pytest.mark.parametrize("value, named", [("Ola\x00Nordmann", "U+0000 (NUL)"), ("Ola\x07", "U+0007 (kontrolltegn)"),
                                          ("Ola\ufffe", "U+FFFE"), ("Ola\ud800", "U+D800")])
def test_a_value_xml_cannot_hold_is_refused_naming_the_element_and_the_character(value, named):
    with pytest.raises(UnwritableText) as raised:
        _write(value)
    assert raised.value.tag == "partNavn" and named in raised.value.message and "«partNavn»" in raised.value.message


@pytest.mark.parametrize("value", ["Åse Ødegård", "tab\tog\nlinje", "\U0001F600", "a\u0085b", "a\u202eb"])
def test_what_xml_can_hold_is_written_as_it_is(value):
    root = etree.fromstring(_write(value))
    assert root[0].text == value.replace("\r", "\n")
