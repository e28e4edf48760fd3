"""Excel workbooks (.xlsx): the first sheet, the first non-empty row as headers.

Read-only (streamed) mode, with the sheet's stated size (`<dimension>`) ignored: a workbook
written by another program may state a stale size, and openpyxl would stop reading there,
dropping rows without a word. The zip directory has been checked against `[grenser]` before
openpyxl opens the file (reading/limits.py); XML that is broken or tries entity tricks is
answered with a message, never a traceback.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import ParseError

from lxml.etree import LxmlError
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from ..common.config import Config, Grenser
from ..common.errors import InputFileError
from ..common.texts import N_
from . import HeaderMap, RawRecord, Source
from .limits import too_many_rows

_BROKEN = (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, AttributeError,
           IndexError, ParseError, LxmlError, EOFError)
"""What openpyxl raises on a damaged workbook: a bad zip, a missing part, XML it cannot read
(lxml refuses entity declarations and external entities), a value of the wrong type."""


def _broken(display: str) -> InputFileError:
    return InputFileError(display, N_("Filen kan ikke leses som Excel-arbeidsbok (.xlsx): den er skadet, "
                                      "passordbeskyttet eller ikke laget av et regneark (f.eks. XML med "
                                      "entiteter). Åpne den i Excel og lagre den på nytt som .xlsx."))


def open_xlsx(path: Path, config: Config) -> Source:
    display = str(path)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except _BROKEN:
        raise _broken(display) from None
    source = Source(path, "rad")
    rows = _rows(workbook, display, config.settings.grenser)
    header_map: HeaderMap | None = None
    try:
        for _number, values in rows:
            if any(v not in (None, "") for v in values):
                header_map = HeaderMap(list(values), config, display)
                break
    except BaseException:
        workbook.close()
        raise
    if header_map is None:
        workbook.close()
        raise InputFileError(display, N_("Det første regnearket er tomt: fant ingen overskriftsrad."))
    source.warnings.extend(header_map.warnings)
    source._records = _records(workbook, rows, header_map, display)
    return source


def _rows(workbook, display: str, limits: Grenser) -> Iterator[tuple[int, tuple]]:  # type: ignore[no-untyped-def]
    try:
        if not workbook.worksheets:
            raise InputFileError(display, N_("Arbeidsboken har ingen regneark."))
        sheet = workbook.worksheets[0]
        if hasattr(sheet, "reset_dimensions"):  # a chart sheet has none (and no rows)
            sheet.reset_dimensions()
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > limits.maks_rader + 1:  # + the header row
                raise too_many_rows(display, number, "rad", limits)
            yield number, values
    except _BROKEN:
        raise _broken(display) from None


def _records(workbook, rows: Iterator[tuple[int, tuple]], header_map: HeaderMap, display: str) -> Iterator[RawRecord]:  # type: ignore[no-untyped-def]
    try:
        for number, values in rows:
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                continue
            yield header_map.record(display, number, values)
    finally:
        workbook.close()
