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
