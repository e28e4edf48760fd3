"""Both exports of a workspace with open, closed and extended cases, made with the machine's
time zone set to New York: every dateTime in Norwegian time, the journal headers equal to the
entries, a tampered package caught with the depot's test ids, Fiks Arkiv messages a records
system can file (persons flagged, organisations identified, arkivdel, a case never added to
while the receiver holds it closed), retention metadata, `praksis kassasjon`, and no half
package left by a killed export."""

from __future__ import annotations

import json
import shutil
import time
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from pipeline.archive.store import ArchiveStore
from pipeline.cli import main
from pipeline.export.arkivmelding import MESSAGE_TYPE, UPDATE_TYPE
from pipeline.export.package_check import check_package
from pipeline.export.schemas import ARKIVMELDING_OPPDATER_XSD, ARKIVMELDING_XSD, schema
from pipeline.export.xmlwrite import DATETIME_TAGS
from pipeline.common.localtime import OSLO, has_oslo_offset
from tests.archive.conftest import praksis, tree
from tests.conftest import EXAMPLES
from tests.signed.scans import esign, make_certificate

pytestmark = pytest.mark.slow  # LibreOffice makes the documents

YEAR = date.today().year
FIKS = {"a": "https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/arkivmelding/opprett/v1",
        "u": "https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/arkivmelding/oppdater/v1",
        "m": "https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/metadatakatalog/v1"}
N5 = "{http://www.arkivverket.no/standarder/noark5/arkivstruktur}"


@pytest.fixture(scope="module")
def new_york() -> Iterator[None]:
    """The machine's time zone is not Norway's for everything in this module."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TZ", "America/New_York")
        time.tzset()
        assert time.localtime().tm_gmtoff in (-5 * 3600, -4 * 3600)
        yield
    time.tzset()


def _records(tmp: Path, name: str, **changes: dict[str, object]) -> Path:
    """A copy of examples/praksisplasser.json with some records changed (by id)."""
    data = json.loads((EXAMPLES / "praksisplasser.json").read_text(encoding="utf-8"))
    for record in data["praksisplasser"]:
        record.update(changes.get(record["id"].replace("-", "_"), {}))
    path = tmp / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def lived(new_york, tmp_path_factory) -> Path:
    """Five placements: PB-2026-001 extended (sluttdato moved) and then closed, two closed at
    registration, two still open."""
    tmp = tmp_path_factory.mktemp("lived")
    root = tmp / "ws"
    CliRunner().invoke(main, ["init", str(root)])
    assert praksis(root, "ingest", str(EXAMPLES / "praksisplasser.json")).exit_code == 0
    extended = _records(tmp, "forlenget.json", PB_2026_001={"sluttdato": "2026-08-31"})
    result = praksis(root, "ingest", str(extended))
    assert result.exit_code == 0, result.output
    versions = _case(root, "PB-2026-001").journals["praksisavtale"].versions
    assert versions[-1].meta["arsak"].startswith("Forlenget")
    closed = _records(tmp, "avsluttet.json", PB_2026_001={"sluttdato": "2026-08-31", "status": "Avsluttet",
                                                          "faktisk_sluttdato": "2026-08-31", "fullfoert": True})
    result = praksis(root, "ingest", str(closed))
    assert result.exit_code == 0, result.output
    return root


@pytest.fixture
def ws(lived: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "ws"
    shutil.copytree(lived, copy)
    return copy


def _case(root: Path, placement: str):
    return next(c for c in ArchiveStore(root / "archive").iter_cases()
                if c.meta["referanseEksternNoekkel"]["noekkel"] == placement)


def _deposit(root: Path) -> Path:
    result = praksis(root, "export", "arkivuttrekk", "--fra", f"{YEAR}-01-01", "--til", f"{YEAR}-12-31")
    assert result.exit_code == 0, result.output
    return root / "eksport" / "arkivuttrekk" / f"{YEAR}-01-01_{YEAR}-12-31" / "avleveringspakke"


def _datetimes(xml: bytes | Path) -> list[str]:
    root = etree.parse(str(xml)).getroot() if isinstance(xml, Path) else etree.fromstring(xml)
    return [e.text for e in root.iter() if isinstance(e.tag, str) and etree.QName(e).localname in DATETIME_TAGS]


def _bundle(path: Path) -> tuple[dict, dict[str, bytes]]:
    with zipfile.ZipFile(path) as archive:
        content = {name: archive.read(name) for name in archive.namelist()}
    return json.loads(content["manifest.json"]), content


# --- local time ---------------------------------------------------------------------------------


def test_the_archive_metadata_is_written_in_oslo_time(lived):
    for path in (lived / "archive").rglob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        for key in ("opprettetDato", "oppdatertDato", "arkivertDato"):
            if isinstance(data, dict) and data.get(key):
                assert has_oslo_offset(data[key]), (path, key, data[key])
    for path in (lived / "archive").rglob("hendelser.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            assert has_oslo_offset(json.loads(line)["tid"])


def test_every_datetime_of_the_deposit_carries_the_oslo_offset(ws):
    package = _deposit(ws)
    found = []
    for name in ("arkivstruktur.xml", "endringslogg.xml", "loependeJournal.xml", "offentligJournal.xml"):
        found += _datetimes(package / name)
    assert found and all(has_oslo_offset(value) for value in found), [v for v in found if not has_oslo_offset(v)]
    structure = etree.parse(str(package / "arkivstruktur.xml"))
    # the period ends at 23:59:59 in Norway on its last day (31 December: winter time)
    assert structure.findtext(f"{N5}avsluttetDato") == f"{YEAR}-12-31T23:59:59+01:00"
    assert structure.findtext(f".//{N5}arkivdel/{N5}opprettetDato") == f"{YEAR}-01-01T00:00:00+01:00"
    assert check_package(package) == []


def test_every_datetime_of_the_fiks_messages_carries_the_oslo_offset(ws):
    data = json.loads(praksis(ws, "export", "fiks-arkiv", "--json").output)
    found = []
    for bundle in data["bunter"]:
        manifest, content = _bundle(Path(bundle))
        for message in manifest["saker"][0]["meldinger"]:
            found += _datetimes(content[message["arkivmelding"]])
    assert len(found) > 50 and all(has_oslo_offset(v) for v in found)


# --- the journals -------------------------------------------------------------------------------


def test_the_journal_headers_are_the_first_and_last_entry(ws):
    package = _deposit(ws)
    for name in ("loependeJournal.xml", "offentligJournal.xml"):
        root = etree.parse(str(package / name)).getroot()
        head = (root.findtext(".//{*}journalStartDato"), root.findtext(".//{*}journalSluttDato"))
        dates = sorted(e.text for e in root.iter("{*}journaldato"))
        assert dates and head == (dates[0], dates[-1])
        assert head != (f"{YEAR}-01-01", f"{YEAR}-12-31")  # not the period


def test_check_reports_a_tampered_package_with_the_test_ids(ws, tmp_path):
    package = _deposit(ws)
    broken = tmp_path / "avleveringspakke"
    shutil.copytree(package, broken)
    structure = (broken / "arkivstruktur.xml").read_text(encoding="utf-8")
    # the old way: the period end in UTC, which is the next day in Norway
    structure = structure.replace(f"{YEAR}-12-31T23:59:59+01:00", f"{YEAR}-12-31T23:59:59+00:00")
    (broken / "arkivstruktur.xml").write_text(structure, encoding="utf-8")
    for name in ("loependeJournal.xml", "offentligJournal.xml"):  # the old header: the period
        text = (broken / name).read_text(encoding="utf-8")
        start = text.index("<journalStartDato>")
        end = text.index("</journalSluttDato>") + len("</journalSluttDato>")
        text = (text[:start] + f"<journalStartDato>{YEAR}-01-01</journalStartDato>"
                f"<journalSluttDato>{YEAR}-12-31</journalSluttDato>" + text[end:])
        (broken / name).write_text(text, encoding="utf-8")
    problems = check_package(broken)
    ids = {p.arkade for p in problems}
    assert {"N5.60", "AST3", "AST4"} <= ids
    assert any(p.test == "lokaltid" and "+00:00" in p.detail for p in problems)
    text = "\n".join(p.text() for p in problems)
    assert f"avsluttetDato er {YEAR + 1}-01-01 i norsk tid" in text
    assert "[N5.60 journaldatoer] loependeJournal.xml" in text
    result = praksis(tmp_path, "export", "check", str(broken), "--json")
    assert result.exit_code == 1 and {"N5.60", "AST4"} <= {p["arkade"] for p in json.loads(result.output)["avvik"]}


# --- Fiks Arkiv messages ------------------------------------------------------------------------


def test_fiks_messages_flag_persons_identify_organisations_and_name_the_arkivdel(ws):
    data = json.loads(praksis(ws, "export", "fiks-arkiv", "--json").output)
    case = _case(ws, "PB-2026-001")
    grunnlag = json.loads(next((case.folder).rglob("grunnlag.json")).read_text(encoding="utf-8"))
    manifest, content = _bundle(next(Path(b) for b in data["bunter"] if Path(b).stem == case.folder.name))
    first = etree.fromstring(content[manifest["saker"][0]["meldinger"][0]["arkivmelding"]])
    assert schema(ARKIVMELDING_XSD).validate(first)
    mappe = first.find("a:mappe", FIKS)
    assert mappe.findtext("a:arkivdel/m:kode", namespaces=FIKS) == "PRAKSIS"
    assert mappe.findtext("a:administrativEnhet/m:identifikator", namespaces=FIKS) == "HR"
    assert mappe.findtext("a:saksansvarlig/m:initialer", namespaces=FIKS) == "PRK"
    part = mappe.find("a:part", FIKS)  # the praktikant, screened
    assert part.findtext("a:partNavn", namespaces=FIKS) == grunnlag["praktikant"]["navn"]
    assert part.findtext("a:erSkjermet", namespaces=FIKS) == part.findtext("a:erPersonnavn", namespaces=FIKS) == "true"
    parts = {p.findtext("a:korrespondansepartNavn", namespaces=FIKS): p
             for p in first.findall("a:registrering/a:korrespondansepart", FIKS)}
    person = parts[grunnlag["praktikant"]["navn"]]
    assert person.findtext("a:erPersonnavn", namespaces=FIKS) == person.findtext("a:erSkjermet", namespaces=FIKS) == "true"
    unit = parts[grunnlag["praksisenhet"]["navn"]]
    assert unit.findtext("a:organisasjonid", namespaces=FIKS) == grunnlag["praksisenhet"]["organisasjonsnummer"]
    assert unit.findtext("a:postnummer", namespaces=FIKS) == "0002"
    assert unit.findtext("a:kontaktperson", namespaces=FIKS) == grunnlag["praksisenhet"]["leder"]["navn"]
    assert unit.findtext("a:epostadresse", namespaces=FIKS) == grunnlag["praksisenhet"]["leder"]["epost"]
    assert unit.find("a:erPersonnavn", FIKS) is None
    orderer = parts[grunnlag["praksisbestiller"]["virksomhet"]]
    assert orderer.findtext("a:kontaktperson", namespaces=FIKS) == grunnlag["praksisbestiller"]["kontaktperson"]
    assert orderer.findtext("a:epostadresse", namespaces=FIKS) == grunnlag["praksisbestiller"]["epost"]
    # no fødselsnummer anywhere in any message
    for bundle in data["bunter"]:
        for name, blob in _bundle(Path(bundle))[1].items():
            if name.endswith(".xml"):
                assert grunnlag["praktikant"]["foedselsnummer"].encode() not in blob


def _sequence(content: dict[str, bytes], manifest: dict) -> list[tuple[str, etree._Element]]:
    xsds = {MESSAGE_TYPE: schema(ARKIVMELDING_XSD), UPDATE_TYPE: schema(ARKIVMELDING_OPPDATER_XSD)}
    found = []
    for message in manifest["saker"][0]["meldinger"]:
        document = etree.fromstring(content[message["arkivmelding"]])
        assert xsds[message["meldingstype"]].validate(document), xsds[message["meldingstype"]].error_log
        found.append((message["meldingstype"], document))
    return found


def _status_after(kind: str, document: etree._Element) -> str | None:
    path = "a:mappe/a:saksstatus/m:beskrivelse" if kind == MESSAGE_TYPE else "u:mappeOppdateringer/u:saksstatus/m:beskrivelse"
    return document.findtext(path, namespaces=FIKS)


def test_no_journal_post_is_sent_to_a_case_the_receiver_holds_closed(ws, tmp_path):
    data = json.loads(praksis(ws, "export", "fiks-arkiv", "--json").output)
    closed_cases = 0
    for bundle in data["bunter"]:
        manifest, content = _bundle(Path(bundle))
        status = None
        for kind, document in _sequence(content, manifest):
            if document.find("a:registrering", FIKS) is not None:
                assert status != "Avsluttet", bundle  # never a post into a closed case
            status = _status_after(kind, document) or status
            if kind == UPDATE_TYPE and status == "Avsluttet":
                assert document.findtext("u:mappeOppdateringer/u:avsluttetDato", namespaces=FIKS)
                assert document.findtext("u:mappeOppdateringer/u:avsluttetAv", namespaces=FIKS)
        first_kind, first = _sequence(content, manifest)[0]
        assert first_kind == MESSAGE_TYPE and _status_after(first_kind, first) == "Under behandling"
        closed_cases += status == "Avsluttet"
    assert closed_cases == 3  # PB-2026-003, -004 and the extended -001
    # a signed copy comes back for the closed case: the next export reopens it before adding the post
    case = _case(ws, "PB-2026-001")
    pdf = case.journals["praksisavtale"].latest.folder / "praksisavtale.pdf"
    signed = esign(pdf, tmp_path / "praksisavtale-signert.pdf", *make_certificate())
    assert praksis(ws, "signert", str(signed)).exit_code == 0
    again = json.loads(praksis(ws, "export", "fiks-arkiv", "--json").output)
    assert again["saker"] == [case.saksnummer]
    manifest, content = _bundle(Path(again["bunter"][0]))
    sequence = _sequence(content, manifest)
    assert sequence[0][0] == UPDATE_TYPE and _status_after(*sequence[0]) == "Under behandling"
    assert sequence[-1][0] == UPDATE_TYPE and _status_after(*sequence[-1]) == "Avsluttet"
    posts = [d.find("a:registrering", FIKS) for _k, d in sequence if d.find("a:registrering", FIKS) is not None]
    types = [p.findtext("a:journalposttype/m:kode", namespaces=FIKS) for p in posts]
    assert types.count("I") == 1 and set(types) == {"U", "I"}
    incoming = posts[types.index("I")]
    assert incoming.findtext("a:mottattDato", namespaces=FIKS) and incoming.find("a:sendtDato", FIKS) is None
    assert {p.findtext("a:korrespondanseparttype/m:kode", namespaces=FIKS)
            for p in incoming.findall("a:korrespondansepart", FIKS)} == {"EA"}
    outgoing = next(p for p in posts if p.findtext("a:referanseEksternNoekkel/m:noekkel", namespaces=FIKS)
                    == "PB-2026-001:praksisavtale")
    assert has_oslo_offset(outgoing.findtext("a:sendtDato", namespaces=FIKS))  # a signed copy shows it went out
    assert all(p.find("a:sendtDato", FIKS) is None for p in posts
               if p.findtext("a:journalposttype/m:kode", namespaces=FIKS) == "U" and p is not outgoing)


# --- retention ----------------------------------------------------------------------------------


def test_kassasjon_metadata_in_the_deposit_and_its_flag(ws):
    package = _deposit(ws)
    structure = etree.parse(str(package / "arkivstruktur.xml"))
    decisions = structure.findall(f".//{N5}mappe/{N5}kassasjon")
    assert len(decisions) == len(structure.findall(f".//{N5}mappe")) == 3  # all three closed cases: kasseres
    case = _case(ws, "PB-2026-001")
    closing = next(e for e in reversed(ArchiveStore.events(case.folder))
                   if e["type"] == "status endret" and e.get("til") == "Avsluttet")
    closed_day = datetime.fromisoformat(closing["tid"]).astimezone(OSLO).date()
    mine = next(m for m in structure.findall(f".//{N5}mappe") if m.findtext(f"{N5}mappeID") == case.saksnummer)
    assert mine.findtext(f"{N5}kassasjon/{N5}kassasjonsvedtak") == "Kasseres"
    assert mine.findtext(f"{N5}kassasjon/{N5}kassasjonsdato") == closed_day.replace(year=closed_day.year + 10).isoformat()
    assert len(mine.findall(f".//{N5}dokumentbeskrivelse/{N5}kassasjon")) == len(case.journals)
    addml = etree.parse(str(package / "arkivuttrekk.xml"))
    flag = addml.find(".//{*}property[@name='inneholderDokumenterSomSkalKasseres']/{*}value")
    assert flag.text == "true"


def test_kassasjon_lists_cases_whose_period_ran_out_and_deletes_nothing(ws):
    before = tree(ws)
    today = json.loads(praksis(ws, "kassasjon", "--json").output)
    assert today["saker"] == []  # closed today, kept ten years
    later = json.loads(praksis(ws, "kassasjon", "--dato", f"{YEAR + 11}-01-01", "--json").output)
    listed = {c["saksnummer"] for c in later["saker"]}
    closed = {c.saksnummer for c in ArchiveStore(ws / "archive").iter_cases() if c.meta["saksstatus"] == "Avsluttet"}
    assert listed == closed and len(listed) == 3
    assert {c["kassasjonsvedtak"] for c in later["saker"]} == {"Kasseres"}
    assert "Ingen avsluttede saker" in praksis(ws, "kassasjon").output
    assert tree(ws) == before


# --- a killed export ----------------------------------------------------------------------------


def test_leftovers_of_a_killed_export_are_removed_by_the_next_run(ws):
    base = ws / "eksport" / "arkivuttrekk" / f"{YEAR}-01-01_{YEAR}-12-31"
    half = base / ".avleveringspakke-drept" / "avleveringspakke"
    half.mkdir(parents=True)
    (half / "arkivstruktur.xml").write_text("<arkiv>", encoding="utf-8")
    other = ws / "eksport" / "arkivuttrekk" / "2001-01-01_2001-12-31" / ".avleveringspakke-drept"
    other.mkdir(parents=True)
    fiks = ws / "eksport" / "fiks-arkiv"
    fiks.mkdir(parents=True)
    (fiks / ".2026-00001.zip.abc123.tmp").write_bytes(b"PK halv")
    package = _deposit(ws)
    assert sorted(p.name for p in base.iterdir()) == ["avleveringspakke"] and package.is_dir()
    assert not other.parent.exists()
    assert praksis(ws, "export", "fiks-arkiv").exit_code == 0
    assert not list(fiks.glob(".*")) and list(fiks.glob("*.zip"))


def test_metadata_written_in_utc_before_is_exported_in_oslo_time(ws):
    """A journal post archived before this change, at 23:30 UTC on 30 June: 1 July in Norway."""
    case = _case(ws, "PB-2026-003")
    path = case.journals["praksisavtale"].folder / "journalpost.json"
    meta = json.loads(path.read_text(encoding="utf-8"))
    meta.update(opprettetDato=f"{YEAR}-06-30T23:30:00+00:00", arkivertDato=f"{YEAR}-06-30T23:30:00+00:00",
                journaldato=f"{YEAR}-06-30")
    path.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    package = _deposit(ws)
    assert check_package(package) == []
    structure = etree.parse(str(package / "arkivstruktur.xml"))
    post = next(r for r in structure.iter(f"{N5}registrering") if r.findtext(f"{N5}systemID") == meta["systemID"])
    assert post.findtext(f"{N5}opprettetDato") == f"{YEAR}-07-01T01:30:00+02:00"
    assert post.findtext(f"{N5}journaldato") == f"{YEAR}-07-01"
    journal = etree.parse(str(package / "loependeJournal.xml")).getroot()
    assert journal.findtext(".//{*}journalStartDato") == f"{YEAR}-07-01"
