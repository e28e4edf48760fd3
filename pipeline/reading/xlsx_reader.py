"""Excel workbooks (.xlsx): the first sheet, the first non-empty row as headers.

The sheet's XML is fed in 64 KB pieces to an lxml parser whose target takes each `<row>` as
it ends (no element tree is built; cells of columns the sheet's header does not map are
skipped): memory stays flat, and 5,000 rows of 36 columns take about 1.2 s of CPU where
openpyxl's read-only mode took about 5 (bench/limits_bench.py). Every `<row>` is read whatever
the sheet's stated size (`<dimension>`) says: a workbook written by another program may state
a stale size, and openpyxl stopped there, dropping rows without a word.

Values come out as openpyxl gives them (the rest of the pipeline and its tests were written
against it): shared and inline strings as text, numbers as int or float, a number in a cell
formatted as a date or time as a datetime (the workbook's 1900 or 1904 epoch), booleans, a
formula's cached result, an error as its text (`#N/A`).

The zip directory has been checked against `[grenser]` before anything is unpacked
(reading/limits.py). A part with a DTD (entity declarations: billion laughs, an external
entity) is refused before it is parsed; entities are never resolved, nothing is fetched, and
XML that is broken is answered with a message, never a traceback.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl.utils.datetime import from_excel, from_ISO8601

from ..common.config import Config, Grenser
from ..common.errors import InputFileError
from ..domain.texts import N_
from . import HeaderMap, RawRecord, Source
from .limits import check_zip, count_sheet, too_many_rows
from .xlsx_workbook import (BROKEN, CHUNK, MAIN, PHONETIC, TEXT, EntityTrick, XlsxWorkbook, broken, entities,
                            feed_parser)

_ROW, _CELL, _V = (f"{{{MAIN}}}{tag}" for tag in ("row", "c", "v"))
_MAX_COLUMN = 16_384
"""Excel's last column (XFD); a cell reference past it is not from a spreadsheet program."""


_DIGITS = "0123456789"


class _Columns(dict[str, int]):
    """Column letters → number (1-based), each worked out once: «C» → 3, «AA» → 27."""

    def __missing__(self, letters: str) -> int:
        number = 0
        for ch in letters:
            if not "A" <= ch <= "Z":
                raise ValueError(letters)
            number = number * 26 + ord(ch) - 64
        if len(self) < _MAX_COLUMN:
            self[letters] = number
        return number


def open_xlsx(path: Path, config: Config) -> Source:
    display = str(path)
    try:
        workbook = XlsxWorkbook(path)
        if workbook.sheet is not None:
            try:
                count_sheet(workbook.zip, workbook.sheet, display, config.settings.grenser)
            except BaseException:
                workbook.close()
                raise
    except EntityTrick:
        raise entities(display) from None
    except BROKEN:
        raise broken(display) from None
    source = Source(path, "rad")
    wanted = bytearray(b"\x01" * (config.settings.grenser.maks_kolonner + 2))
    rows = _rows(workbook, display, config.settings.grenser, wanted)
    header_map: HeaderMap | None = None
    try:
        for _number, values in rows:
            if any(v not in (None, "") for v in values):
                header_map = HeaderMap(values, config, display)
                break
    except BaseException:
        rows.close()
        workbook.close()
        raise
    if header_map is None:
        workbook.close()
        raise InputFileError(display, N_("Det første regnearket er tomt: fant ingen overskriftsrad."))
    source.warnings.extend(header_map.warnings)
    source._records = _records(workbook, rows, header_map, display)
    # from here on, only the cells of known columns (and whether any lies past the headed
    # ones) are worth reading: a wide sheet's other cells are skipped unparsed
    wanted[1:header_map.width + 1] = bytes(header_map.width)
    for index in header_map.index:
        wanted[index + 1] = 1
    return source


def sheet_rows(path: Path, limits: Grenser) -> Iterator[tuple[int, list[Any]]]:
    """Every row of the first sheet with all its cells, held to `[grenser]` as `open_xlsx` is
    (for the free-places sheet, which maps its own columns)."""
    display = str(path)
    check_zip(path, limits)
    try:
        workbook = XlsxWorkbook(path)
    except EntityTrick:
        raise entities(display) from None
    except BROKEN:
        raise broken(display) from None
    try:
        if workbook.sheet is not None:
            try:
                count_sheet(workbook.zip, workbook.sheet, display, limits)
            except BROKEN:
                raise broken(display) from None
        yield from _rows(workbook, display, limits, bytearray(b"\x01" * (limits.maks_kolonner + 2)))
    finally:
        workbook.close()


def _rows(workbook: XlsxWorkbook, display: str, limits: Grenser,
          wanted: bytearray) -> Generator[tuple[int, list[Any]], None, None]:
    """(row number, its values from column A on) for every `<row>` of the first sheet.
    `wanted[column]` (1-based; the caller may change it as rows are read) says whether a
    column's cells are read at all. A cell past `maks_kolonner` is kept only as one value
    after them, so that the row is still reported as having values outside its headed
    columns without a list of 16,384."""
    if workbook.sheet is None:
        return
    target = _SheetTarget(workbook, wanted, limits.maks_kolonner + 1)
    read = 0
    try:
        with workbook.open(workbook.sheet) as part:
            parser = feed_parser(target)
            while True:
                chunk = part.read(CHUNK)
                if chunk:
                    parser.feed(chunk)
                else:
                    parser.close()
                ready, target.ready = target.ready, []
                for number, values in ready:
                    read += 1
                    if read > limits.maks_rader + 1:  # + the header row (count_sheet has said so already)
                        raise too_many_rows(display, read, "rad", limits)
                    yield number, values
                if not chunk:
                    break
    except EntityTrick:
        raise entities(display) from None
    except BROKEN:
        raise broken(display) from None



class _SheetTarget:
    """Parser target for a worksheet: each `<row>` as (number, values), values from column A
    on, as openpyxl gives them. Called for every element and text of the sheet, so it does
    the least it can: cells of columns not `wanted` are skipped, text is gathered only inside
    a kept cell's `<v>` (or `<is><t>` for an inline string), and no element object is made."""

    def __init__(self, workbook: XlsxWorkbook, wanted: bytearray, widest: int) -> None:
        self.strings, self.dates, self.durations, self.epoch = (workbook.strings, workbook.dates,
                                                                workbook.durations, workbook.epoch)
        self.wanted, self.widest = wanted, widest
        self.columns = _Columns()
        self.ready: list[tuple[int, list[Any]]] = []
        self.values: list[Any] = []
        self.number = self.column = 0
        self.keep = self.collect = self.phonetic = False
        self.kind, self.style = "n", "0"
        self.parts: list[str] = []

    def start(self, tag: str, attrib: Any) -> None:
        if tag == _CELL:
            reference = attrib.get("r")
            column = self.column = self.columns[reference.rstrip(_DIGITS)] if reference else self.column + 1
            if column > _MAX_COLUMN:
                raise ValueError(reference)
            self.keep = bool(self.wanted[min(column, self.widest)])
            if self.keep:
                self.kind, self.style = attrib.get("t", "n"), attrib.get("s", "0")
                self.parts = []
        elif tag == _V:
            self.collect = self.keep and self.kind != "inlineStr"
        elif tag == TEXT:
            self.collect = self.keep and self.kind == "inlineStr" and not self.phonetic
        elif tag == _ROW:
            stated = attrib.get("r")
            self.number = int(stated) if stated else self.number + 1
            self.values, self.column = [], 0
        elif tag == PHONETIC:
            self.phonetic = True

    def data(self, text: str) -> None:
        if self.collect:
            self.parts.append(text)

    def end(self, tag: str) -> None:
        if tag == _CELL:
            if self.keep:
                self._cell()
            self.keep = self.collect = False
        elif tag == _V or tag == TEXT:
            self.collect = False
        elif tag == _ROW:
            self.ready.append((self.number, self.values))
        elif tag == PHONETIC:
            self.phonetic = False

    def _cell(self) -> None:
        kind = self.kind
        value: Any = "".join(self.parts)
        if kind != "inlineStr":
            if not value:
                return
            if kind == "n":
                value = _number(value, int(self.style), self.dates, self.durations, self.epoch)
            elif kind == "s":
                value = self.strings[int(value)]
            elif kind == "b":
                value = bool(int(value))
            elif kind == "d":
                value = from_ISO8601(value)
            # «str» (a formula's text), «e» (an error: «#N/A»): the text itself
        elif not self.parts:
            return  # an inline string without text: no value (as openpyxl)
        index = min(self.column, self.widest) - 1
        values = self.values
        if index >= len(values):
            values.extend([None] * (index + 1 - len(values)))
        values[index] = value

    def doctype(self, *_: Any) -> None:
        raise EntityTrick("worksheet")

    def close(self) -> None:
        return None


def _number(text: str, style: int, dates: set[int], durations: set[int], epoch: datetime) -> Any:
    number: int | float = float(text) if "." in text or "E" in text or "e" in text else int(text)
    if style in dates:
        try:
            return from_excel(number, epoch, timedelta=style in durations)
        except (OverflowError, ValueError):
            return "#VALUE!"  # as openpyxl: a date cell whose number is no date (the validator says so)
    return number


def _records(workbook: XlsxWorkbook, rows: Iterator[tuple[int, list[Any]]], header_map: HeaderMap,
             display: str) -> Iterator[RawRecord]:
    try:
        for number, values in rows:
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                continue
            yield header_map.record(display, number, values)
    finally:
        workbook.close()
