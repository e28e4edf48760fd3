"""`praksis ingest` end to end, with real LibreOffice, SQLite and the file system."""

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from pipeline.convert import PdfaLevel, pdfa_claim
from tests.archive.conftest import VALID_EXAMPLES, praksis, tree
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.slow
Y = date.today().year  # case numbers and folders carry the year of filing

NOARK_CASE = {"systemID", "mappeID", "saksnummer", "saksaar", "sakssekvensnummer", "tittel", "offentligTittel",
              "saksdato", "opprettetDato", "opprettetAv", "administrativEnhet", "saksansvarlig", "saksstatus",
              "klassifikasjon", "skjerming", "referanseEksternNoekkel"}
NOARK_JOURNAL = {"systemID", "registreringsID", "journalaar", "journalsekvensnummer", "journalpostnummer", "tittel",
                 "offentligTittel", "journalposttype", "journalstatus", "journaldato", "opprettetDato", "opprettetAv",
                 "arkivertDato", "arkivertAv", "skjerming", "korrespondansepart", "dokumentbeskrivelse"}
NOARK_DESCRIPTION = {"systemID", "dokumenttype", "dokumentstatus", "tittel", "tilknyttetRegistreringSom",
                     "dokumentnummer", "tilknyttetDato", "tilknyttetAv"}
NOARK_OBJECT = {"versjonsnummer", "variantformat", "format", "referanseDokumentfil", "sjekksum", "sjekksumAlgoritme",
                "filstoerrelse", "opprettetDato", "opprettetAv"}


def people() -> tuple[set[str], set[str]]:
    """The name words and fødselsnumre in the examples."""
    names, numbers = set(), set()
    data = json.loads((EXAMPLES / "praksisplasser.json").read_text(encoding="utf-8"))["praksisplasser"]
    for item in data:
        names |= set(item["praktikant"]["navn"].split())
        numbers.add(item["praktikant"]["foedselsnummer"])
    return names, numbers


def test_cases_are_noark_shaped(ingested: Path) -> None:
    archive = ingested / "archive"
    cases = sorted(archive.glob("*/*/saksmappe.json"))
    assert len(cases) == 12
    for path in cases:
        case = json.loads(path.read_text(encoding="utf-8"))
        assert NOARK_CASE <= set(case)
        assert case["skjerming"]["skjermingshjemmel"] == "Offl. § 13 jf. fvl. § 13 første ledd nr. 1"
        assert case["klassifikasjon"]["klasseID"] == "P"
        for journal_path in path.parent.glob("*/journalpost.json"):
            journal = json.loads(journal_path.read_text(encoding="utf-8"))
            assert NOARK_JOURNAL <= set(journal) and NOARK_DESCRIPTION <= set(journal["dokumentbeskrivelse"])
            assert journal["registreringsID"] == f"{case['saksnummer']}-{journal['journalpostnummer']}"
            for version in journal_path.parent.glob("v*/versjon.json"):
                objects = json.loads(version.read_text(encoding="utf-8"))["dokumentobjekt"]
                assert [o["variantformat"] for o in objects] == ["Produksjonsformat", "Arkivformat"]
                assert all(NOARK_OBJECT <= set(o) for o in objects)
                assert objects[1]["format"] == "fmt/95" and objects[1]["formatDetaljer"] == "PDF/A-1a"
                assert pdfa_claim(path.parent / objects[1]["referanseDokumentfil"]) == PdfaLevel(1, "A")


def test_no_name_or_fnr_in_paths_or_public_titles(ingested: Path) -> None:
    names, numbers = people()
    for path in (ingested / "archive").rglob("*"):
        parts = set(str(path.relative_to(ingested)).replace("-", " ").replace("/", " ").split())
        assert not parts & names, path
        assert not any(n in str(path) for n in numbers), path
    for path in (ingested / "archive").rglob("*.json"):
        if path.name in ("saksmappe.json", "journalpost.json"):
            data = json.loads(path.read_text(encoding="utf-8"))
            assert not set(data["offentligTittel"].split()) & names
            assert not any(n in path.read_text(encoding="utf-8") for n in numbers)  # fnr only in the snapshots


def test_archived_pdfs_are_titled_by_case_without_names(ingested: Path) -> None:
    """The PDF title (Info and XMP) is public metadata: document type and case number only."""
    import pikepdf

    names, _ = people()
    pdfs = [p for p in (ingested / "archive").rglob("*.pdf") if ".staging" not in p.parts]
    assert pdfs
    for path in pdfs:
        case = json.loads(next(d / "saksmappe.json" for d in path.parents if (d / "saksmappe.json").exists())
                          .read_text(encoding="utf-8"))
        with pikepdf.open(path) as pdf:
            title = str(pdf.docinfo["/Title"])
            assert title == str(pdf.open_metadata()["dc:title"])
        assert title.endswith(f" – sak {case['saksnummer']}"), (path, title)
        assert not set(title.split()) & names, title

def test_nothing_is_left_in_staging(ingested: Path) -> None:
    assert not any((ingested / "archive" / ".staging").iterdir())


def test_same_files_again_change_nothing(workspace_copy: Path) -> None:
    before = tree(workspace_copy)
    again = praksis(workspace_copy, "ingest", *map(str, VALID_EXAMPLES))
    assert again.exit_code == 0 and "var behandlet før" in again.output
    forced = praksis(workspace_copy, "ingest", "--tving", *map(str, VALID_EXAMPLES))
    assert forced.exit_code == 0
    assert "12 ingen endring" in forced.output and "0 dokument(er) arkivert" in forced.output
    assert tree(workspace_copy) == before


def _edited(tmp_path: Path, change) -> Path:
    data = json.loads((EXAMPLES / "praksisplasser.json").read_text(encoding="utf-8"))
    change(data["praksisplasser"])
    path = tmp_path / "endret.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_updates_make_new_versions_and_keep_old_ones(workspace_copy: Path, tmp_path: Path) -> None:
    def change(items: list) -> None:
        items[0]["sluttdato"] = "2026-08-31"                                   # extension: new praksisavtale
        items[1]["status"] = "Startet"                                          # moved on: oppfølgingsplan due
        items[1]["oppstartsmoete"] = "2026-02-02"
        items[2]["vurdering"] = "Svært stabil og positiv."                      # printed by the praksisbevis only
        items[4]["praktikant"]["epost"] = "ny@example.com"                       # printed by no due document
    result = praksis(workspace_copy, "ingest", str(_edited(tmp_path, change)))
    assert result.exit_code == 0, result.output
    out = result.output
    assert f"PB-2026-001  oppdatert {Y}/1: praksisavtale v2, tilretteleggingsgaranti v2, oppfoelgingsplan v2" in out
    assert f"PB-2026-002  oppdatert {Y}/2: oppfoelgingsplan v1" in out
    assert f"PB-2026-003  oppdatert {Y}/3: praksisbevis v2" in out
    assert "PB-2026-005  ingen endring" in out
    case = workspace_copy / f"archive/{Y}/{Y}-00001"
    assert (case / "001-praksisavtale/v1/praksisavtale.pdf").exists()  # old versions are kept
    reason = json.loads((case / "001-praksisavtale/v2/versjon.json").read_text(encoding="utf-8"))["arsak"]
    assert reason == "Forlenget: sluttdato flyttet fra 30.06.2026 til 31.08.2026."
    assert praksis(workspace_copy, "verify").exit_code == 0


def test_backwards_status_and_another_person_are_rejected_untouched(workspace_copy: Path, tmp_path: Path) -> None:
    before = tree(workspace_copy)

    def change(items: list) -> None:
        items[0]["status"] = "Bekreftet"                                        # was Startet
        items[1]["praktikant"]["foedselsnummer"] = items[2]["praktikant"]["foedselsnummer"]
    result = praksis(workspace_copy, "ingest", str(_edited(tmp_path, change)))
    assert result.exit_code == 1
    assert f"Status kan ikke gå tilbake fra «Startet» til «Bekreftet» (sak {Y}/1)" in result.output
    assert f"hører til en annen person i sak {Y}/2" in result.output
    assert tree(workspace_copy) == before


def test_valid_rows_are_filed_even_beside_invalid_ones(workspace_copy: Path, tmp_path: Path) -> None:
    mixed = tmp_path / "blandet.csv"
    lines = (EXAMPLES / "ugyldig.csv").read_bytes().splitlines()
    good = lines[13].replace(b"FEIL-12;", b"OK-1;")  # the second FEIL-12 row is valid apart from its id
    mixed.write_bytes(b"\r\n".join([lines[0], lines[1], good, lines[3]]) + b"\r\n")
    result = praksis(workspace_copy, "ingest", str(mixed))
    assert result.exit_code == 1
    assert f"OK-1  ny sak {Y}/13" in result.output
    assert "linje 2  FEIL-01  AVVIST" in result.output and "kolonne «Fødselsnummer» = «" in result.output


def test_registry_is_rebuilt_identically_from_the_files(workspace_copy: Path) -> None:
    def dump() -> list:
        db = sqlite3.connect(workspace_copy / "registry.sqlite")
        rows = [list(db.execute(f"SELECT * FROM {t} ORDER BY 1, 2")) for t in ("sekvens", "journalpost")]
        rows += [list(db.execute("SELECT saksnummer, praksisplass_id, person_hmac, status FROM sak ORDER BY 1"))]
        rows += [list(db.execute("SELECT saksnummer, dokumenttype, versjon, pdf_sha256 FROM versjon ORDER BY 1, 2, 3"))]
        db.close()
        return rows
    before = dump()
    (workspace_copy / "registry.sqlite").unlink()
    for extra in workspace_copy.glob("registry.sqlite-*"):
        extra.unlink()
    result = praksis(workspace_copy, "reindex")
    assert result.exit_code == 0 and "12 saker" in result.output
    assert dump() == before
    again = praksis(workspace_copy, "ingest", *map(str, VALID_EXAMPLES))
    assert "var behandlet før" in again.output  # processed inputs come back from the events


def test_verify_lists_every_problem(workspace_copy: Path) -> None:
    assert praksis(workspace_copy, "verify").exit_code == 0
    case = workspace_copy / f"archive/{Y}/{Y}-00002"
    pdf = case / "001-praksisavtale/v1/praksisavtale.pdf"
    pdf.write_bytes(pdf.read_bytes().replace(b"%%EOF", b"%%EOX"))
    (case / "003-taushetsloefte/v1/grunnlag.json").unlink()
    (case / "ukjent.pdf").write_bytes(b"%PDF")
    result = praksis(workspace_copy, "verify")
    assert result.exit_code == 1
    assert "ENDRET" in result.output and "sjekksummen stemmer ikke" in result.output
    assert "MANGLER" in result.output and "UREGISTRERT" in result.output and "3 avvik" in result.output


def test_regenerate_makes_a_new_version_with_its_reason(workspace_copy: Path) -> None:
    result = praksis(workspace_copy, "regenerate", f"{Y}/3", "--dokument", "praksisbevis", "--grunn", "Malen er rettet")
    assert result.exit_code == 0, result.output
    version = workspace_copy / f"archive/{Y}/{Y}-00003/004-praksisbevis/v2/versjon.json"
    assert json.loads(version.read_text(encoding="utf-8"))["arsak"] == "Laget på nytt: Malen er rettet"
    shown = praksis(workspace_copy, "show", f"{Y}/3")
    assert "regenerert" in shown.output and "v2" in shown.output
    assert praksis(workspace_copy, "regenerate", f"{Y}/999", "--grunn", "x").exit_code == 2


def test_list_and_show(ingested: Path) -> None:
    listed = praksis(ingested, "list", "--json")
    cases = json.loads(listed.output)["saker"]
    assert len(cases) == 12 and {c["saksnummer"] for c in cases} >= {f"{Y}/1", f"{Y}/12"}
    first = next(c for c in cases if c["saksnummer"] == f"{Y}/1")
    assert first["mangler_signatur"] == ["praksisavtale", "tilretteleggingsgaranti", "taushetsloefte", "oppfoelgingsplan"]
    shown = praksis(ingested, "show", f"{Y}/1")
    assert f"Journalpost {Y}/1-1" in shown.output and "PDF/A-1a" in shown.output and "mottatt" in shown.output
    assert "*****" in shown.output


def test_a_failed_document_is_made_on_the_next_run(tmp_path: Path) -> None:
    import shutil

    from click.testing import CliRunner
    from docx import Document

    from pipeline.cli import main

    root = tmp_path / "ws"
    CliRunner().invoke(main, ["init", str(root)])
    template = root / "templates/docx/praksisbevis.docx"
    original = template.read_bytes()
    broken = Document(template)
    title = next(p for p in broken.paragraphs if p.text == "{{ dokument.tittel }}")
    title.runs[0].text = "{{ dokument.tittel }"  # an edit in Word broke a tag
    broken.save(template)
    first = praksis(root, "ingest", str(EXAMPLES / "praksisplasser.json"))
    assert first.exit_code == 1
    assert f"PB-2026-003  AVVIST {Y}/3" in first.output and "praksisbevis" in first.output
    assert (root / f"archive/{Y}/{Y}-00003/001-praksisavtale/v1/praksisavtale.pdf").exists()
    template.write_bytes(original)
    second = praksis(root, "ingest", str(EXAMPLES / "praksisplasser.json"))
    assert second.exit_code == 0, second.output
    assert f"PB-2026-003  oppdatert {Y}/3: praksisbevis v1" in second.output
    shutil.rmtree(root)


def test_preflight_accepts_every_archived_pdf(ingested: Path) -> None:
    from pipeline.programs.preflight import preflight

    pdfs = sorted((ingested / "archive").rglob("*.pdf"))
    assert len(pdfs) == 29
    assert [(r.path.name, r.errors) for r in preflight(pdfs) if not r.valid] == []


def test_a_change_of_maalform_makes_new_versions_in_nynorsk(workspace_copy: Path, tmp_path: Path) -> None:
    import pikepdf

    def change(items: list) -> None:
        items[0]["maalform"] = "nynorsk"                                        # every document, in nynorsk
        items[4]["maalform"] = "Bokmål"                                         # as before: nothing to do
    result = praksis(workspace_copy, "ingest", str(_edited(tmp_path, change)))
    assert result.exit_code == 0, result.output
    assert (f"PB-2026-001  oppdatert {Y}/1: praksisavtale v2, tilretteleggingsgaranti v2, taushetsloefte v2, "
            "oppfoelgingsplan v2") in result.output
    assert "PB-2026-005  ingen endring" in result.output
    case = workspace_copy / f"archive/{Y}/{Y}-00001"
    version = json.loads((case / "001-praksisavtale/v2/versjon.json").read_text(encoding="utf-8"))
    assert version["arsak"] == "Målform endret fra bokmål til nynorsk."
    with pikepdf.open(case / "003-taushetsloefte/v2/taushetsloefte.pdf") as pdf:
        assert str(pdf.Root.Lang) == "nn-NO"
        assert str(pdf.docinfo.Title) == f"Fråsegn om teieplikt og gjennomgang av etiske retningsliner – sak {Y}/1"
    with pikepdf.open(case / "003-taushetsloefte/v1/taushetsloefte.pdf") as pdf:
        assert str(pdf.Root.Lang) == "nb-NO"  # the old version is kept as it was

    def back(items: list) -> None:
        items[0]["maalform"] = "nb"
        items[0]["sluttdato"] = "2026-08-31"
    result = praksis(workspace_copy, "ingest", str(_edited(tmp_path, back)))
    assert result.exit_code == 0, result.output
    version = json.loads((case / "001-praksisavtale/v3/versjon.json").read_text(encoding="utf-8"))
    assert version["arsak"] == "Målform endret fra nynorsk til bokmål. Endret også: periode, sluttdato."
    assert praksis(workspace_copy, "verify").exit_code == 0
