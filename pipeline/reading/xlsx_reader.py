"""Excel workbooks (.xlsx): the first sheet, the first non-empty row as headers."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from ..config import Config
from ..errors import InputFileError
from . import HeaderMap, RawRecord, Source


def open_xlsx(path: Path, config: Config) -> Source:
    display = str(path)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise InputFileError(display, "Filen kan ikke åpnes som Excel-arbeidsbok (.xlsx). Er den skadet eller passordbeskyttet?") from None
    source = Source(path, "rad")
    rows = _rows(workbook)
    header_map: HeaderMap | None = None
    for _number, values in rows:
        if any(v not in (None, "") for v in values):
            header_map = HeaderMap(list(values), config, display)
            break
    if header_map is None:
        workbook.close()
        raise InputFileError(display, "Det første regnearket er tomt: fant ingen overskriftsrad.")
    source.warnings.extend(header_map.warnings)
    source._records = _records(workbook, rows, header_map, display)
    return source


def _rows(workbook) -> Iterator[tuple[int, tuple]]:  # type: ignore[no-untyped-def]
    sheet = workbook.worksheets[0]
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        yield number, values


def _records(workbook, rows: Iterator[tuple[int, tuple]], header_map: HeaderMap, display: str) -> Iterator[RawRecord]:  # type: ignore[no-untyped-def]
    try:
        for number, values in rows:
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                continue
            yield header_map.record(display, number, values)
    finally:
        workbook.close()
