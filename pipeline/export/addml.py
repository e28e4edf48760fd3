"""arkivuttrekk.xml of a deposit package (ADDML 8.2): creator, system, period, counts, and
the SHA-256 of every XML file and schema; written after the other files, which it describes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from datetime import date
from typing import Any, Protocol

from lxml import etree

from ..common.workspace import sha256_file
from .schemas import DEPOSIT_XML
from .xmlwrite import XmlWriter

ADDML = "http://www.arkivverket.no/standarder/addml"


class Counts(Protocol):
    documents: int
    to_discard: int


class Deposit(Protocol):
    """What arkivuttrekk.xml says of the package (arkivuttrekk.DepositWriter)."""

    creator: str
    system: str
    start: date
    end: date
    result: Counts
OCCURRENCES = {
    "arkivstruktur": [("mappe", "//mappe"), ("registrering", "//registrering")],
    "endringslogg": [("endring", "//endring")],
    "loependeJournal": [("journalregistrering", "//journalregistrering")],
    "offentligJournal": [("journalregistrering", "//journalregistrering")],
}
"""The dataObjects of arkivuttrekk.xml (one per XML file, `<name>.xml`) and the elements counted in each."""


@contextmanager
def _prop(w: XmlWriter, name: str, value: Any = None, data_type: str | None = None) -> Iterator[None]:
    attributes = {"name": name, **({"dataType": data_type} if data_type else {})}
    with w.element("property", **attributes):
        if value is not None:
            w.leaf("value", value)
        yield


def _leaf_prop(w: XmlWriter, name: str, value: Any, data_type: str | None = None) -> None:
    with _prop(w, name, value, data_type):
        pass


def _file_props(w: XmlWriter, name: str, checksum: str) -> None:
    with _prop(w, "file"), w.element("properties"):
        _leaf_prop(w, "name", name)
        with _prop(w, "format", "XML"), w.element("properties"):
            _leaf_prop(w, "version", "1.0")
        with _prop(w, "checksum"), w.element("properties"):
            _leaf_prop(w, "algorithm", "SHA-256")
            _leaf_prop(w, "value", checksum)


def write_addml(package: Path, writer: Deposit, counts: dict[str, int]) -> None:
    r = writer.result
    with etree.xmlfile(str(package / "arkivuttrekk.xml"), encoding="UTF-8") as xf:
        xf.write_declaration()
        w = XmlWriter(xf, ADDML)
        with w.element("addml", name="Noark 5-arkivuttrekk"):
            with w.element("dataset"):
                w.leaf("description", "Noark 5-arkivuttrekk")
                with w.element("reference"):
                    with w.element("context"), w.element("additionalElements"):
                        with w.element("additionalElement", name="recordCreators"), w.element("additionalElements"), \
                                w.element("additionalElement", name="recordCreator"):
                            w.leaf("value", writer.creator)
                        for name, value in (("systemType", "Sakarkiv (Noark-5)"), ("systemName", writer.system),
                                            ("archive", f"{writer.creator} – praksisplasser")):
                            with w.element("additionalElement", name=name):
                                w.leaf("value", value)
                    with w.element("content"), w.element("additionalElements"), \
                            w.element("additionalElement", name="archivalPeriod"), w.element("properties"):
                        _leaf_prop(w, "startDate", writer.start)
                        _leaf_prop(w, "endDate", writer.end)
                with w.element("dataObjects"), w.element("dataObject", name="Noark 5-arkivuttrekk"):
                    with w.element("properties"), _prop(w, "info"), w.element("properties"):
                        with _prop(w, "type", "Noark 5"), w.element("properties"):
                            _leaf_prop(w, "version", "5.0")
                        with _prop(w, "additionalInfo"), w.element("properties"):
                            with _prop(w, "periode"), w.element("properties"):
                                _leaf_prop(w, "inngaaendeSkille", "skarpt")
                                _leaf_prop(w, "utgaaendeSkille", "skarpt")
                            _leaf_prop(w, "inneholderSkjermetInformasjon", "true", "boolean")
                            _leaf_prop(w, "omfatterDokumenterSomErKassert", "false", "boolean")
                            _leaf_prop(w, "inneholderDokumenterSomSkalKasseres",
                                       "true" if r.to_discard else "false", "boolean")
                            _leaf_prop(w, "inneholderVirksomhetsspesifikkeMetadata", "false", "boolean")
                            _leaf_prop(w, "antallDokumentfiler", r.documents, "integer")
                    with w.element("dataObjects"):
                        for name, occurrences in OCCURRENCES.items():
                            xml = f"{name}.xml"
                            xsd = DEPOSIT_XML[xml]
                            with w.element("dataObject", name=name), w.element("properties"):
                                _file_props(w, xml, sha256_file(package / xml))
                                for main, schema_file in ((True, xsd), (False, "metadatakatalog.xsd")):
                                    with _prop(w, "schema", "main" if main else None), w.element("properties"):
                                        _file_props(w, schema_file, sha256_file(package / schema_file))
                                        with _prop(w, "type", "XML Schema"), w.element("properties"):
                                            _leaf_prop(w, "version", "1.0")
                                with _prop(w, "info"), w.element("properties"):
                                    for element, path in occurrences:
                                        with _prop(w, "numberOfOccurrences", element), w.element("properties"):
                                            _leaf_prop(w, "elementPath", path)
                                            _leaf_prop(w, "value", counts[element], "integer")
