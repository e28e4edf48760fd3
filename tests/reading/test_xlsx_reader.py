from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from pipeline.common.config import Config
from pipeline.common.errors import InputFileError
from pipeline.reading import open_source
from pipeline.validation.validator import Validator
from tests.conftest import fnr_for


def _book(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_numbers_and_dates_are_restored(tmp_path: Path, config: Config) -> None:
    fnr = fnr_for(3, 9, 1991)
    path = _book(tmp_path / "a.xlsx", [
        [None],  # an empty first row before the headers
        ["Id", "Tiltak", "Status", "Navn", "Fødselsnummer", "Telefon praktikant", "Praksisenhet",
         "Organisasjonsnummer", "Startdato", "Sluttdato", "Timer per uke"],
        ["X-1", "Arbeidspraksis", "Ny", "A B", int(fnr), 91234567, "Bøgata skole", 975749118,
         datetime(2026, 2, 2), datetime(2026, 7, 31), 37.5],
    ])
    source = open_source(path, config)
    assert source.unit == "rad"
    [result] = [Validator(config).validate_record(r, "rad") for r in source.records()]
    assert result.valid, result.errors
    record = result.record
    assert record.praktikant.foedselsnummer == fnr
    assert record.praktikant.telefon == "91234567"
    assert record.praksisenhet.organisasjonsnummer == "975749118"
    assert record.startdato.isoformat() == "2026-02-02"
    assert result.row == 3


def test_empty_sheet_and_broken_file(tmp_path: Path, config: Config) -> None:
    with pytest.raises(InputFileError, match="tomt"):
        open_source(_book(tmp_path / "tom.xlsx", []), config)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputFileError, match="Excel"):
        open_source(broken, config)


def _openpyxl_rows(path: Path) -> list[tuple[object, ...]]:
    """What openpyxl's read-only mode gives, trailing empty cells dropped (the old reader)."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    sheet = book.worksheets[0]
    sheet.reset_dimensions()
    rows = []
    for values in sheet.iter_rows(values_only=True):
        values = list(values)
        while values and values[-1] is None:
            values.pop()
        rows.append(tuple(values))
    book.close()
    return rows


@pytest.mark.parametrize("epoch_1904", [False, True])
def test_values_are_read_as_openpyxl_reads_them(tmp_path: Path, config: Config, epoch_1904: bool) -> None:
    """The streaming reader against openpyxl on every kind of cell: text (with æøå, markup
    characters and leading spaces), int, float, a big number, booleans, dates, a date and time,
    a time, a custom date format, a formula's cached result, gaps between cells and rows."""
    from datetime import date, time

    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    from pipeline.reading.xlsx_reader import _rows
    from pipeline.reading.xlsx_workbook import XlsxWorkbook

    book = Workbook()
    book.epoch = datetime(1904, 1, 1) if epoch_1904 else book.epoch
    sheet = book.active
    sheet.append(["Navn", "Tall", "Dato", "Ja/nei", None, "Merknad"])
    sheet.append(["Åse <&> Ødegård", 37.5, datetime(2026, 2, 2), True, None, "  innrykk"])
    sheet.append([12345678901, 1e20, datetime(2026, 12, 31, 13, 45), False, "hull", None])
    sheet.append([None, -3, date(1999, 1, 1), time(8, 30), None, CellRichText(["fet ", TextBlock(InlineFont(b=True), "del")])])
    sheet["C4"].number_format = "dd.mm.yyyy"
    sheet["A7"] = "etter tomme rader"
    sheet["B7"] = "=1+1"
    path = tmp_path / "typer.xlsx"
    book.save(path)
    workbook = XlsxWorkbook(path)
    try:
        ours = [(n, tuple(v)) for n, v in _rows(workbook, str(path), config.settings.grenser, bytearray(b"\x01" * 600))]
    finally:
        workbook.close()
    theirs = _openpyxl_rows(path)
    assert [v for _, v in ours] == [v for v in theirs if v], ours
    assert [n for n, _ in ours] == [1, 2, 3, 4, 7]
    assert ours[1][1][2] == datetime(2026, 2, 2)


def test_rich_text_and_shared_strings_as_excel_writes_them(tmp_path: Path, config: Config) -> None:
    """Shared strings with rich-text runs and a phonetic run (left out), and inline strings."""
    import zipfile

    from bench import hostile_files as h

    shared = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="' + h.MAIN_NS + '">',
              "<si><t>Navn</t></si>",
              '<si><r><t>Kari </t></r><r><rPr><b/></rPr><t>Nordmann</t></r><rPh sb="0" eb="4"><t>uttale</t></rPh></si>',
              "<si><t xml:space=\"preserve\">a_x005F_b</t></si>", "</sst>"]
    sheet = [h.SHEET_HEAD, '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Status</t></is></c></row>',
             '<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" t="str"><f>X</f><v>Ny</v></c><c r="C2" t="e"><v>#N/A</v></c></row>',
             '<row r="3"><c r="A3" t="s"><v>2</v></c></row></sheetData></worksheet>']
    path = h.write_xlsx(tmp_path / "delt.xlsx", sheet, shared)
    assert zipfile.is_zipfile(path)
    rows = [tuple(r.cells) for r in open_source(path, config).records()]
    theirs = _openpyxl_rows(path)
    assert rows[0][:1] == ("Kari Nordmann",) and theirs[1][:3] == ("Kari Nordmann", "Ny", "#N/A")
    assert theirs[2] == ("a_b",) and rows[1][0] == "a_b"
