"""Reading placement data as HR staff produce it: JSON, CSV (as Excel writes it in Norway), .xlsx.

A reader yields `RawRecord`s one at a time (memory stays flat however long the file):
the cells of one record by field path, each with the column as the user wrote it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Any, NamedTuple

from ..common.config import Config, header_key
from ..common.errors import InputFileError
from ..domain.normalize import is_blank
from .limits import check_size, check_zip, too_many_columns
from ..domain.texts import N_


class RawRecord(NamedTuple):
    """One record as read: `cells[i]` is the value of field `paths[i]`, and `columns` maps each
    path to its column as the user wrote it ("Fødselsnummer", "praktikant.navn").

    `paths` and `columns` are shared by all rows of a sheet, and `cells` may be the row as the
    CSV reader gave it (with extra cells at the end): no per-row dictionary on the hot path,
    and a tuple, which is the cheapest object to make once per row.
    """

    source: str  # the file name as given
    row: int  # line in a CSV, row in a sheet, 1-based index in a JSON list
    paths: tuple[str, ...]
    cells: Sequence[Any]
    columns: dict[str, str]
    problems: tuple[tuple[str, str], ...] = ()  # (column, message) found while reading

    @property
    def values(self) -> dict[str, Any]:
        return dict(zip(self.paths, self.cells))

    def column(self, path: str) -> str | None:
        return self.columns.get(path)


_new_record = tuple.__new__
"""`RawRecord(...)` without the Python-level argument handling of a NamedTuple: once per row."""


@dataclass
class Source:
    """An opened input file. `unit` says what `RawRecord.row` counts: linje, rad or post."""

    path: Path
    unit: str
    warnings: list[str] = field(default_factory=list)
    _records: Iterator[RawRecord] | None = None

    def records(self) -> Iterator[RawRecord]:
        assert self._records is not None
        return self._records


def _picker(index: list[int]) -> Callable[[Sequence[Any]], Sequence[Any]]:
    """The cells at `index` of a row, as a tuple (itemgetter returns a bare item for one index)."""
    if len(index) == 1:
        only = index[0]
        return lambda row: (row[only],)
    return itemgetter(*index)


class HeaderMap:
    """Maps a sheet's column headers to record fields, through the alias table in config/."""

    def __init__(self, headers: list[Any], config: Config, display: str) -> None:
        index: list[int] = []  # the sheet column of each known field
        self.columns: dict[str, str] = {}  # field path → header as written
        self.warnings: list[str] = []
        seen: dict[str, str] = {}
        self.width = max((i + 1 for i, h in enumerate(headers) if not is_blank(h)), default=0)
        if self.width > config.settings.grenser.maks_kolonner:
            raise too_many_columns(display, self.width, config.settings.grenser)
        for column, raw in enumerate(headers):
            header = "" if raw is None else str(raw).strip()
            if not header:
                continue
            path = config.aliases.get(header_key(header))
            if path is None:
                self.warnings.append(N_(
                    "Kolonnen «{kolonne}» er ukjent og blir ikke lest. Gi den et navn fra "
                    "kolonner.toml, eller legg til navnet der.", kolonne=header
                ))
                continue
            if path in seen:
                raise InputFileError(display, N_(
                    "Kolonnene «{foerste}» og «{andre}» betyr begge «{felt}». Fjern eller gi nytt navn til én av dem.",
                    foerste=seen[path], andre=header, felt=path,
                ))
            seen[path] = header
            index.append(column)
            self.columns[path] = header
        if not index:
            raise InputFileError(display, N_(
                "Fant ingen kjente kolonner i overskriftsraden. Første rad må ha overskrifter "
                "som «Navn», «Fødselsnummer», «Praksisenhet», «Startdato» (se kolonner.toml)."
            ))
        self.paths = tuple(self.columns)
        self.index = index
        """The sheet column (0-based) of each of `paths`."""
        # Where the known columns are the first ones in order (the usual sheet), a row is
        # used as it is; otherwise its known cells are picked out.
        self._pick = None if index == list(range(len(index))) else _picker(index)

    def record(self, source: str, row: int, values: list[Any] | tuple[Any, ...]) -> RawRecord:
        if len(values) < self.width:
            values = list(values) + [None] * (self.width - len(values))
        problems: tuple[tuple[str, str], ...] = ()
        # (any(extra) first, at C speed: a row of thousands of empty cells is common in a CSV)
        if len(values) > self.width and any(extra := values[self.width:]) and any(not is_blank(v) for v in extra):
            problems = (("", N_("Raden har verdier i kolonner uten overskrift. Sjekk at ingen verdi er skrevet i feil "
                                "kolonne.")),)
        cells = values if self._pick is None else self._pick(values)
        return _new_record(RawRecord, (source, row, self.paths, cells, self.columns, problems))


SUPPORTED = {".json": "json", ".csv": "csv", ".txt": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx"}


def open_source(path: Path, config: Config) -> Source:
    """Open one input file by its type; raises InputFileError when it cannot be read at all."""
    from . import csv_reader, json_reader, xlsx_reader

    display = str(path)
    if not path.is_file():
        raise InputFileError(display, N_("Filen finnes ikke."))
    kind = SUPPORTED.get(path.suffix.lower())
    if kind is None:
        if path.suffix.lower() in (".xls", ".ods", ".numbers"):
            raise InputFileError(display, N_("Filtypen «{type}» støttes ikke. Bruk .json, .csv eller .xlsx. Lagre arket "
                                             "som .xlsx (Excel-arbeidsbok) eller CSV.", type=path.suffix))
        raise InputFileError(display, N_("Filtypen «{type}» støttes ikke. Bruk .json, .csv eller .xlsx.",
                                         type=path.suffix or N_("(ingen)")))
    size = path.stat().st_size
    if size == 0:
        raise InputFileError(display, N_("Filen er tom."))
    check_size(path, size, config.settings.grenser)
    if kind == "xlsx":
        check_zip(path, config.settings.grenser)
    reader = {"json": json_reader.open_json, "csv": csv_reader.open_csv, "xlsx": xlsx_reader.open_xlsx}[kind]
    return reader(path, config)
