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

import posixpath
import zipfile
import zlib
from collections.abc import Generator, Iterator
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from lxml import etree
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel, from_ISO8601

from ..common.config import Config, Grenser
from ..common.errors import InputFileError
from ..domain.texts import N_
from . import HeaderMap, RawRecord, Source
from .limits import check_zip, count_sheet, too_many_rows

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_ROW, _CELL, _V, _T, _SI = (f"{{{MAIN}}}{tag}" for tag in ("row", "c", "v", "t", "si"))
_MAX_COLUMN = 16_384
"""Excel's last column (XFD); a cell reference past it is not from a spreadsheet program."""

_BROKEN = (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, IndexError, OverflowError,
           etree.LxmlError, EOFError, zlib.error, NotImplementedError)
"""What a damaged workbook raises here: a bad zip or part, a missing part, XML that does not
parse, a cell value of the wrong kind, a shared-string index past the table."""


class _EntityTrick(Exception):
    """A part declares a DTD: entities have no place in a workbook."""


def _broken(display: str) -> InputFileError:
    return InputFileError(display, N_("Filen kan ikke leses som Excel-arbeidsbok (.xlsx): den er skadet, "
                                      "passordbeskyttet eller ikke laget av et regneark. Åpne den i Excel og "
                                      "lagre den på nytt som .xlsx."))


def _entities(display: str) -> InputFileError:
    return InputFileError(display, N_("Filen kan ikke leses som Excel-arbeidsbok (.xlsx): XML-en i den har en "
                                      "DTD med entiteter (<!DOCTYPE …>), som Excel aldri skriver. Filen er ikke "
                                      "lagret fra et regneark; åpne den i Excel og lagre den på nytt som .xlsx."))


def _parse(part: IO[bytes], **options: Any) -> Any:
    """`iterparse` that resolves no entity, loads no DTD and fetches nothing (for the small
    parts: relationships, the workbook, styles)."""
    return etree.iterparse(part, resolve_entities=False, load_dtd=False, no_network=True, **options)


class _Workbook:
    """The zip and what the first sheet needs from it: its part, the shared strings, which
    styles are dates, the date epoch."""

    def __init__(self, path: Path) -> None:
        self.zip = zipfile.ZipFile(path)
        try:
            workbook = self._part_name("", _rels_target(self._xml("_rels/.rels"), "/officeDocument") or "xl/workbook.xml")
            root = self._xml(workbook)
            base = posixpath.dirname(workbook)
            rels = self._xml(posixpath.join(base, "_rels", posixpath.basename(workbook) + ".rels"))
            pr = root.find(f"{{{MAIN}}}workbookPr")
            self.epoch = CALENDAR_MAC_1904 if pr is not None and pr.get("date1904") in ("1", "true") else CALENDAR_WINDOWS_1900
            first = root.find(f"{{{MAIN}}}sheets/{{{MAIN}}}sheet")
            self.sheet: str | None = None  # no sheet, or a chart sheet: no rows
            if first is not None:
                rel = rels.find(f"{{{_REL}}}Relationship[@Id='{first.get(f'{{{_OFFICE_REL}}}id')}']")
                if rel is not None and rel.get("Type", "").endswith("/worksheet"):
                    self.sheet = self._part_name(base, rel.get("Target", ""))
            strings = _rels_target(rels, "/sharedStrings")
            self.strings = self._shared_strings(self._part_name(base, strings)) if strings else []
            styles = _rels_target(rels, "/styles")
            self.dates, self.durations = self._date_styles(self._part_name(base, styles)) if styles else (set(), set())
        except BaseException:
            self.zip.close()
            raise

    def _part_name(self, base: str, target: str) -> str:
        """A relationship's target as a name in the zip (relative to `base`, or absolute)."""
        return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))

    def open(self, name: str) -> IO[bytes]:
        """A part, refused if it declares a DTD (checked by parsing up to its root element)."""
        with self.zip.open(name) as head:
            for _event, element in _parse(head, events=("start",)):
                if element.getroottree().docinfo.internalDTD is not None or element.getroottree().docinfo.doctype:
                    raise _EntityTrick(name)
                break
        return self.zip.open(name)

    def _xml(self, name: str) -> Any:
        """A small part (relationships, the workbook) parsed whole."""
        with self.open(name) as part:
            for _event, root in _parse(part, events=("end",)):
                pass
        return root

    def _shared_strings(self, name: str) -> list[str]:
        """As openpyxl reads them: each `<si>`'s text runs joined (phonetic runs left out), with
        Excel's escape of an underscore (`_x005F_`) undone."""
        target = _StringsTarget()
        with self.open(name) as part:
            _feed(part, target)
        return target.strings

    def _date_styles(self, name: str) -> tuple[set[int], set[int]]:
        """The cell styles (`s`, an index into cellXfs) whose number format is a date or a duration."""
        root = self._xml(name)
        custom = {int(f.get("numFmtId", "-1")): f.get("formatCode", "")
                  for f in root.iterfind(f"{{{MAIN}}}numFmts/{{{MAIN}}}numFmt")}
        dates: set[int] = set()
        durations: set[int] = set()
        for index, xf in enumerate(root.iterfind(f"{{{MAIN}}}cellXfs/{{{MAIN}}}xf")):
            number = int(xf.get("numFmtId", "0"))
            code = custom.get(number, BUILTIN_FORMATS.get(number))
            if is_date_format(code):
                dates.add(index)
            if is_timedelta_format(code):
                durations.add(index)
        return dates, durations

    def close(self) -> None:
        self.zip.close()


def _rels_target(rels: Any, kind: str) -> str | None:
    for rel in rels.iterfind(f"{{{_REL}}}Relationship"):
        if rel.get("Type", "").endswith(kind):
            return str(rel.get("Target", ""))
    return None


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
        workbook = _Workbook(path)
        if workbook.sheet is not None:
            try:
                count_sheet(workbook.zip, workbook.sheet, display, config.settings.grenser)
            except BaseException:
                workbook.close()
                raise
    except _EntityTrick:
        raise _entities(display) from None
    except _BROKEN:
        raise _broken(display) from None
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
        workbook = _Workbook(path)
    except _EntityTrick:
        raise _entities(display) from None
    except _BROKEN:
        raise _broken(display) from None
    try:
        if workbook.sheet is not None:
            try:
                count_sheet(workbook.zip, workbook.sheet, display, limits)
            except _BROKEN:
                raise _broken(display) from None
        yield from _rows(workbook, display, limits, bytearray(b"\x01" * (limits.maks_kolonner + 2)))
    finally:
        workbook.close()


def _rows(workbook: _Workbook, display: str, limits: Grenser,
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
            parser = _parser(target)
            while True:
                chunk = part.read(_CHUNK)
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
    except _EntityTrick:
        raise _entities(display) from None
    except _BROKEN:
        raise _broken(display) from None


_CHUNK = 1 << 16
_PHONETIC = f"{{{MAIN}}}rPh"


def _parser(target: Any) -> Any:
    """A feed parser calling `target`: no tree is built, no entity resolved, nothing fetched."""
    return etree.XMLParser(target=target, resolve_entities=False, load_dtd=False, no_network=True)


def _feed(part: IO[bytes], target: Any) -> None:
    parser = _parser(target)
    while chunk := part.read(_CHUNK):
        parser.feed(chunk)
    parser.close()


class _StringsTarget:
    """Parser target for the shared strings: the text of each `<si>` (plain or rich-text runs,
    never a phonetic `<rPh>` run)."""

    def __init__(self) -> None:
        self.strings: list[str] = []
        self.parts: list[str] = []
        self.collect = False
        self.phonetic = False

    def start(self, tag: str, attrib: Any) -> None:
        if tag == _T:
            self.collect = not self.phonetic
        elif tag == _PHONETIC:
            self.phonetic = True

    def data(self, text: str) -> None:
        if self.collect:
            self.parts.append(text)

    def end(self, tag: str) -> None:
        if tag == _T:
            self.collect = False
        elif tag == _PHONETIC:
            self.phonetic = False
        elif tag == _SI:
            self.strings.append("".join(self.parts).replace("x005F_", ""))
            self.parts = []

    def doctype(self, *_: Any) -> None:
        raise _EntityTrick("sharedStrings")

    def close(self) -> None:
        return None


class _SheetTarget:
    """Parser target for a worksheet: each `<row>` as (number, values), values from column A
    on, as openpyxl gives them. Called for every element and text of the sheet, so it does
    the least it can: cells of columns not `wanted` are skipped, text is gathered only inside
    a kept cell's `<v>` (or `<is><t>` for an inline string), and no element object is made."""

    def __init__(self, workbook: _Workbook, wanted: bytearray, widest: int) -> None:
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
        elif tag == _T:
            self.collect = self.keep and self.kind == "inlineStr" and not self.phonetic
        elif tag == _ROW:
            stated = attrib.get("r")
            self.number = int(stated) if stated else self.number + 1
            self.values, self.column = [], 0
        elif tag == _PHONETIC:
            self.phonetic = True

    def data(self, text: str) -> None:
        if self.collect:
            self.parts.append(text)

    def end(self, tag: str) -> None:
        if tag == _CELL:
            if self.keep:
                self._cell()
            self.keep = self.collect = False
        elif tag == _V or tag == _T:
            self.collect = False
        elif tag == _ROW:
            self.ready.append((self.number, self.values))
        elif tag == _PHONETIC:
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
        raise _EntityTrick("worksheet")

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


def _records(workbook: _Workbook, rows: Iterator[tuple[int, list[Any]]], header_map: HeaderMap,
             display: str) -> Iterator[RawRecord]:
    try:
        for number, values in rows:
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                continue
            yield header_map.record(display, number, values)
    finally:
        workbook.close()
