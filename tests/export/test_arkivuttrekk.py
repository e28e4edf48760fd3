"""A Noark 5 v5.0 deposit package of the example workspace: valid, consistent, checked; and
`export check` finds every kind of problem at once."""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from lxml import etree

from pipeline.archive.store import ArchiveStore
from pipeline.export.package_check import check_package
from pipeline.export.schemas import DEPOSIT_XSDS, NOARK5
from pipeline.common.workspace import PACKAGE_ROOT
from tests.archive.conftest import praksis

pytestmark = pytest.mark.slow  # LibreOffice (a warm pool or an ingested workspace)

YEAR = date.today().year
N5 = "{http://www.arkivverket.no/standarder/noark5/arkivstruktur}"
REFERENCE = PACKAGE_ROOT / "schemas" / "examples" / "avleveringspakke"
"""The hand-made reference package (a depot validator reports 0 errors on it), shipped with the schemas."""


@pytest.fixture(scope="module")
def package(ingested, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("deposit") / "ws"
    shutil.copytree(ingested, root)
    result = praksis(root, "export", "arkivuttrekk", "--fra", f"{YEAR}-01-01", "--til", f"{YEAR}-12-31")
    assert result.exit_code == 0, result.output
    assert "ikke avsluttet og er ikke tatt med" in result.output  # the open cases wait for a later deposit
    return root / "eksport" / "arkivuttrekk" / f"{YEAR}-01-01_{YEAR}-12-31" / "avleveringspakke"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_package_passes_every_check(package):
    assert check_package(package) == []
    assert praksis(package.parent, "export", "check", str(package)).exit_code == 0


def test_layout_and_official_schemas(package):
    names = {p.name for p in package.iterdir()}
    assert {"arkivuttrekk.xml", "arkivstruktur.xml", "endringslogg.xml", "loependeJournal.xml",
            "offentligJournal.xml", "DOKUMENT", *DEPOSIT_XSDS} == names
    for xsd in DEPOSIT_XSDS:
        assert sha(package / xsd) == sha(NOARK5 / xsd)


def test_every_document_and_checksum_recomputed(package, ingested):
    tree = etree.parse(str(package / "arkivstruktur.xml"))
    objects = tree.findall(f".//{N5}dokumentobjekt")
    files = [p for p in (package / "DOKUMENT").rglob("*") if p.is_file()]
    assert len(objects) == len(files) > 0
    for obj in objects:
        path = package / obj.findtext(f"{N5}referanseDokumentfil")
        assert sha(path) == obj.findtext(f"{N5}sjekksum")
        assert path.stat().st_size == int(obj.findtext(f"{N5}filstoerrelse"))
        assert obj.findtext(f"{N5}variantformat") == "Arkivformat" and obj.findtext(f"{N5}format") == "fmt/95"
        assert obj.findtext(f"{N5}formatDetaljer") == "PDF/A-1a"
    ids = [e.text for e in tree.iter(f"{N5}systemID")]
    assert len(ids) == len(set(ids))
    # only closed cases, with the statuses a deposit requires, in full names
    assert {e.text for e in tree.iter(f"{N5}saksstatus")} == {"Avsluttet"}
    assert {e.text for e in tree.iter(f"{N5}journalstatus")} == {"Arkivert"}
    assert {e.text for e in tree.iter(f"{N5}tilknyttetRegistreringSom")} == {"Hoveddokument"}
    closed = [c for c in ArchiveStore(ingested / "archive").iter_cases() if c.meta["saksstatus"] == "Avsluttet"]
    assert len(tree.findall(f".//{N5}mappe")) == len(closed)
    # ADDML: the checksum of every XML and XSD file
    addml = (package / "arkivuttrekk.xml").read_text(encoding="utf-8")
    for name in ("arkivstruktur.xml", "endringslogg.xml", "loependeJournal.xml", "offentligJournal.xml",
                 "arkivstruktur.xsd", "metadatakatalog.xsd"):
        assert sha(package / name) in addml


def test_the_public_journal_masks_names_and_the_journal_keeps_them(package, ingested):
    names = {json.loads(p.read_text(encoding="utf-8"))["praktikant"]["navn"]
             for p in (ingested / "archive").rglob("grunnlag.json")}
    public = (package / "offentligJournal.xml").read_text(encoding="utf-8")
    journal = (package / "loependeJournal.xml").read_text(encoding="utf-8")
    structure = (package / "arkivstruktur.xml").read_text(encoding="utf-8")
    assert not any(name in public for name in names)
    assert any(name in journal for name in names) and "*****" in public
    ns = "{http://www.arkivverket.no/standarder/noark5/offentligJournal}"
    tree = etree.parse(str(package / "offentligJournal.xml"))
    assert tree.findall(f".//{ns}saksmappe/{ns}tittel") == tree.findall(f".//{ns}journalpost/{ns}tittel") == []
    for path in package.rglob("*"):
        assert not any(name in str(path) for name in names)
    assert "foedselsnummer" not in structure


def test_check_lists_every_problem_at_once(package, tmp_path):
    broken = tmp_path / "avleveringspakke"
    shutil.copytree(package, broken)
    documents = sorted((broken / "DOKUMENT").rglob("*.pdf"))
    documents[0].write_bytes(documents[0].read_bytes() + b"x")          # changed document
    shutil.copy(documents[1], documents[1].with_name("ekstra.pdf"))     # unreferenced document
    text = (broken / "arkivstruktur.xml").read_text(encoding="utf-8")
    text = text.replace("<journalstatus>Arkivert</journalstatus>", "<journalstatus>Journalført</journalstatus>", 1)
    (broken / "arkivstruktur.xml").write_text(text, encoding="utf-8")
    log = (broken / "endringslogg.xml").read_text(encoding="utf-8")
    start = log.index("<referanseArkivenhet>") + len("<referanseArkivenhet>")
    log = log[:start] + ("0" if log[start] != "0" else "1") + log[start + 1:]  # still a UUID, pointing nowhere
    (broken / "endringslogg.xml").write_text(log, encoding="utf-8")
    problems = check_package(broken)
    tests = {p.test for p in problems}
    assert {"dokumenter", "status", "addml", "antall", "referanse"} <= tests
    details = "\n".join(p.text() for p in problems)
    assert "sjekksummen stemmer ikke" in details and "ekstra.pdf" in details and "Journalført" in details
    result = praksis(tmp_path, "export", "check", str(broken), "--json")
    assert result.exit_code == 1 and json.loads(result.output)["avvik"]


def test_check_catches_a_duplicate_system_id_and_a_changed_schema(package, tmp_path):
    broken = tmp_path / "avleveringspakke"
    shutil.copytree(package, broken)
    text = (broken / "arkivstruktur.xml").read_text(encoding="utf-8")
    ids = [part.split("</systemID>")[0] for part in text.split("<systemID>")[1:]]
    text = text.replace(f"<systemID>{ids[-1]}</systemID>", f"<systemID>{ids[-2]}</systemID>")
    (broken / "arkivstruktur.xml").write_text(text, encoding="utf-8")
    (broken / "endringslogg.xsd").write_text((broken / "endringslogg.xsd").read_text() + "\n", encoding="utf-8")
    details = "\n".join(p.text() for p in check_package(broken))
    assert f"{ids[-2]}: brukt 2 ganger" in details
    assert "endringslogg.xsd: er ikke det offisielle skjemaet" in details


def test_an_invalid_xml_is_reported_with_the_schema_message(package, tmp_path):
    broken = tmp_path / "avleveringspakke"
    shutil.copytree(package, broken)
    text = (broken / "loependeJournal.xml").read_text(encoding="utf-8")
    (broken / "loependeJournal.xml").write_text(text.replace("<journalaar>", "<journalAar>", 1)
                                                 .replace("</journalaar>", "</journalAar>", 1), encoding="utf-8")
    problems = check_package(broken)
    assert problems and problems[0].test == "xsd" and "journalAar" in problems[0].detail
    (broken / "endringslogg.xml").write_text("<ikke xml", encoding="utf-8")
    assert any(p.test == "ulesbar" for p in check_package(broken))


def test_the_hand_made_reference_package_passes():
    assert check_package(REFERENCE) == []


def test_a_period_without_closed_cases_is_an_error_and_leaves_nothing(workspace_copy):
    result = praksis(workspace_copy, "export", "arkivuttrekk", "--fra", "2001-01-01", "--til", "2001-12-31")
    assert result.exit_code == 2 and "Ingen avsluttede saker" in result.output
    assert not (workspace_copy / "eksport" / "arkivuttrekk" / "2001-01-01_2001-12-31" / "avleveringspakke").exists()


def test_an_existing_package_is_never_overwritten(workspace_copy):
    args = ("export", "arkivuttrekk", "--fra", f"{YEAR}-01-01", "--til", f"{YEAR}-12-31")
    assert praksis(workspace_copy, *args).exit_code == 0
    again = praksis(workspace_copy, *args)
    assert again.exit_code == 2 and "finnes allerede" in again.output
