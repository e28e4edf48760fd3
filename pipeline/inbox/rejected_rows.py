"""A file with only the rejected rows, in the original's format, encoding and columns:
HR staff fix it and drop it into the inbox again, without touching the rows that went in."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import ijson
from openpyxl import Workbook, load_workbook

from ..reading.csv_reader import detect_delimiter, detect_encoding
from ..reading.json_reader import records_prefix
from ..workspace import atomic_write_bytes


def write_rejected_rows(source: Path, rows: set[int], target: Path) -> None:
    """Write the records of `source` at `rows` (line, row or post numbers as the readers
    count them) to `target`, in the same format."""
    kind = source.suffix.lower()
    if kind in (".csv", ".txt"):
        data = _csv(source, rows)
    elif kind in (".xlsx", ".xlsm"):
        data = _xlsx(source, rows)
    elif kind == ".json":
        data = _json(source, rows)
    else:
        raise ValueError(f"unsupported type {kind}")
    atomic_write_bytes(target, data)


def _csv(source: Path, rows: set[int]) -> bytes:
    """Counted exactly as the CSV reader counts: a record's number is the line it starts on."""
    encoding = detect_encoding(source)
    out = io.StringIO(newline="")
    with source.open("r", encoding=encoding, newline="") as handle:
        first = next((line for line in handle if line.strip()), "")
        handle.seek(0)
        delimiter = detect_delimiter(first)
        reader = csv.reader(handle, delimiter=delimiter)
        writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
        header_done = False
        last = 0
        for values in reader:
            start, last = last + 1, reader.line_num
            if not "".join(values).strip():
                continue
            if not header_done:
                writer.writerow(values)
                header_done = True
            elif start in rows:
                writer.writerow(values)
    return out.getvalue().encode(encoding)


def _xlsx(source: Path, rows: set[int]) -> bytes:
    """The first sheet's header row and the rejected rows, with their values and number formats."""
    original = load_workbook(source, read_only=True, data_only=True)
    try:
        sheet = original.worksheets[0]
        book = Workbook()
        out = book.active
        out.title = sheet.title
        header_done = False
        for number, cells in enumerate(sheet.iter_rows(), start=1):
            values = [getattr(c, "value", None) for c in cells]
            blank = all(v is None or (isinstance(v, str) and not v.strip()) for v in values)
            if blank:
                continue
            if header_done and number not in rows:
                continue
            header_done = True
            target_row = out.max_row + 1 if out.max_row > 1 or out.cell(1, 1).value is not None else 1
            for column, cell in enumerate(cells, start=1):
                value = getattr(cell, "value", None)
                if value is None:
                    continue
                written = out.cell(target_row, column, value)
                written.number_format = getattr(cell, "number_format", "General")
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
