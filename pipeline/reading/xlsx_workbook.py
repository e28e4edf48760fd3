"""The parts of an Excel workbook (.xlsx) that its first sheet needs: the zip, the workbook and
its relationships, the shared strings, which styles are dates, the date epoch; and the parsers
that read them, which refuse a part with a DTD, resolve no entity and fetch nothing.

What a damaged workbook raises is `BROKEN`; a part with a DTD raises `EntityTrick`; `broken`
and `entities` are the messages for them (reading/xlsx_reader.py reads the sheet itself).
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from pathlib import Path
from typing import IO, Any

from lxml import etree
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900

from ..common.errors import InputFileError
from ..domain.texts import N_

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
TEXT, _SI = (f"{{{MAIN}}}{tag}" for tag in ("t", "si"))

BROKEN = (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, IndexError, OverflowError,
          etree.LxmlError, EOFError, zlib.error, NotImplementedError)
"""What a damaged workbook raises here: a bad zip or part, a missing part, XML that does not
parse, a cell value of the wrong kind, a shared-string index past the table."""


class EntityTrick(Exception):
    """A part declares a DTD: entities have no place in a workbook."""


def broken(display: str) -> InputFileError:
    return InputFileError(display, N_("Filen kan ikke leses som Excel-arbeidsbok (.xlsx): den er skadet, "
                                      "passordbeskyttet eller ikke laget av et regneark. Åpne den i Excel og "
                                      "lagre den på nytt som .xlsx."))


def entities(display: str) -> InputFileError:
    return InputFileError(display, N_("Filen kan ikke leses som Excel-arbeidsbok (.xlsx): XML-en i den har en "
                                      "DTD med entiteter (<!DOCTYPE …>), som Excel aldri skriver. Filen er ikke "
                                      "lagret fra et regneark; åpne den i Excel og lagre den på nytt som .xlsx."))


def _parse(part: IO[bytes], **options: Any) -> Any:
    """`iterparse` that resolves no entity, loads no DTD and fetches nothing (for the small
    parts: relationships, the workbook, styles)."""
    return etree.iterparse(part, resolve_entities=False, load_dtd=False, no_network=True, **options)


class XlsxWorkbook:
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
                    raise EntityTrick(name)
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


CHUNK = 1 << 16
PHONETIC = f"{{{MAIN}}}rPh"
"""A phonetic guide (furigana) inside a text: not part of the cell's value."""


def feed_parser(target: Any) -> Any:
    """A feed parser calling `target`: no tree is built, no entity resolved, nothing fetched."""
    return etree.XMLParser(target=target, resolve_entities=False, load_dtd=False, no_network=True)


def _feed(part: IO[bytes], target: Any) -> None:
    parser = feed_parser(target)
    while chunk := part.read(CHUNK):
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
        if tag == TEXT:
            self.collect = not self.phonetic
        elif tag == PHONETIC:
            self.phonetic = True

    def data(self, text: str) -> None:
        if self.collect:
            self.parts.append(text)

    def end(self, tag: str) -> None:
        if tag == TEXT:
            self.collect = False
        elif tag == PHONETIC:
            self.phonetic = False
        elif tag == _SI:
            self.strings.append("".join(self.parts).replace("x005F_", ""))
            self.parts = []

    def doctype(self, *_: Any) -> None:
        raise EntityTrick("sharedStrings")

    def close(self) -> None:
        return None
