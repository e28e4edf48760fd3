"""The official schemas, shipped unmodified in schemas/ (see each folder's SOURCE.txt)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from lxml import etree

from ..common.workspace import PACKAGE_ROOT
from .errors import SchemaInvalid

SCHEMAS = PACKAGE_ROOT / "schemas"
FIKS_ARKIV = SCHEMAS / "fiks-arkiv" / "v1"
ARKIVMELDING_XSD = FIKS_ARKIV / "no.ks.fiks.arkiv.v1.arkivering.arkivmelding.opprett.xsd"
ARKIVMELDING_OPPDATER_XSD = FIKS_ARKIV / "no.ks.fiks.arkiv.v1.arkivering.arkivmelding.oppdater.xsd"
NOARK5 = SCHEMAS / "noark5-arkivuttrekk" / "v5.0"
DEPOSIT_XSDS = ("arkivstruktur.xsd", "metadatakatalog.xsd", "endringslogg.xsd", "loependeJournal.xsd",
                "offentligJournal.xsd", "addml.xsd")
DEPOSIT_XML = {"arkivstruktur.xml": "arkivstruktur.xsd", "endringslogg.xml": "endringslogg.xsd",
               "loependeJournal.xml": "loependeJournal.xsd", "offentligJournal.xml": "offentligJournal.xsd",
               "arkivuttrekk.xml": "addml.xsd"}
"""The XML files of a deposit package and the schema each is valid against."""


@lru_cache(maxsize=None)
def schema(path: Path) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(path)))


def errors_of(xsd: etree.XMLSchema, limit: int = 20) -> list[str]:
    return [f"linje {e.line}: {e.message}" for e in list(xsd.error_log)[:limit]]


def validate_bytes(data: bytes, xsd_path: Path, what: str) -> None:
    """Validate a small document in memory (one arkivmelding)."""
    xsd = schema(xsd_path)
    document = etree.fromstring(data)
    if not xsd.validate(document):
        raise SchemaInvalid(f"{what} er ikke gyldig mot {xsd_path.name}:\n  " + "\n  ".join(errors_of(xsd)))


def validate_file(path: Path, xsd_path: Path) -> list[str]:
    """Validate a large document while parsing it, element by element (flat memory);
    returns the schema's messages, empty when valid."""
    xsd = schema(xsd_path)
    try:
        for _event, element in etree.iterparse(str(path), events=("end",), schema=xsd, huge_tree=True):
            if element.getparent() is not None and len(element) == 0:
                continue
            # a finished subtree is no longer needed: drop it and what came before it
            element.clear(keep_tail=True)
            while element.getprevious() is not None:
                del element.getparent()[0]
    except etree.XMLSyntaxError as exc:
        return [f"linje {exc.lineno}: {exc.msg}"]
    return []
