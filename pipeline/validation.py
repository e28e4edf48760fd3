"""Validation: raw records → validated `Praksisplass` or every error, named for the user.

Field values are read first (each error is kept), then the domain rules run on what
could be read, then the pydantic model is built. Every error names the file, the row,
the column as the user wrote it, the value (a fødselsnummer masked) and what to fix.
"""

from __future__ import annotations

import gc
import hashlib
import hmac
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from . import rules
from .config import Config
from .errors import InputFileError
from .identifiers import mask_fnr
from .normalize import Converter, ValueProblem, converters, fold
from .reading import RawRecord, Source, open_source
from .record import FIELDS, Praksisplass

_PATHS: dict[str, tuple[str, str | None, str | None]] = {
    path: (parts + [None, None])[:3] for path in FIELDS for parts in [path.split(".")]  # type: ignore[misc]
}
_CACHED = {"text", "longtext", "date", "bool", "number", "list", "tiltak", "status", "orgnr", "phone", "email"}
"""Kinds whose converted values are remembered per column: sheets repeat units, dates, tiltak,
tasks… and a dict hit is far cheaper than parsing again. Never the fødselsnummer."""
_CACHE_LIMIT = 4096
_MISS = object()
CHUNK = 256
"""Rows validated together (column by column); small enough to keep memory flat."""
_Step = tuple[str, Converter, int, "dict[str, Any] | None"]
_MAX_SHOWN = 60


@dataclass(frozen=True)
class Feil:
    """One problem in one record, for the person who fixes the sheet."""

    fil: str
    plassering: str  # "linje 4", "rad 7", "post 2"
    rad: int
    kolonne: str
    felt: str
    verdi: str
    melding: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "fil": self.fil, "plassering": self.plassering, "rad": self.rad, "kolonne": self.kolonne,
            "felt": self.felt, "verdi": self.verdi, "melding": self.melding,
        }


@dataclass
class RecordResult:
    source: str
    unit: str
    row: int
    record: Praksisplass | None
    errors: list[Feil] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    id: str | None = None
    name: str | None = None

    @property
    def valid(self) -> bool:
        return self.record is not None

    @property
    def where(self) -> str:
        return f"{self.unit} {self.row}"


@dataclass
class FileResult:
    """The outcome of one file: counts, errors and notes as records stream past (memory
    stays flat); `records` holds every record's full result only where a caller keeps them
    (`Validator.validate_file`, for ingest and previews)."""

    path: str
    unit: str = "linje"
    warnings: list[str] = field(default_factory=list)
    file_error: str | None = None
    n_valid: int = 0
    n_invalid: int = 0
    errors: list[Feil] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (where, note)
    records: list[RecordResult] = field(default_factory=list)

    def count(self, record: RecordResult) -> None:
        if record.valid:
            self.n_valid += 1
        else:
            self.n_invalid += 1
        self.errors.extend(record.errors)
        self.notes.extend((record.where, note) for note in record.notes)

    @property
    def n_records(self) -> int:
        return self.n_valid + self.n_invalid

    @property
    def ok(self) -> bool:
        return self.file_error is None and self.n_invalid == 0


def shown_value(path: str, raw: Any) -> str:
    """The value as it may be shown in a report: a fødselsnummer masked, long text cut."""
    if raw is None:
        return ""
    if isinstance(raw, date):
        text = raw.strftime("%d.%m.%Y")
    elif isinstance(raw, float) and raw.is_integer():
        text = str(int(raw))
    elif isinstance(raw, list):
        text = " | ".join(str(v) for v in raw)
    else:
        text = str(raw)
    if path in FIELDS and FIELDS[path].kind.name == "fnr":
        return mask_fnr(text)
    text = " ".join(text.split())
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 1] + "…"


def derived_id(key: bytes, values: dict[str, Any]) -> str:
    """A stable key from fødselsnummer + unit + start date that reveals none of them (HMAC)."""
    unit = values.get("praksisenhet.organisasjonsnummer") or fold(values["praksisenhet.navn"])
    message = f"{values['praktikant.foedselsnummer']}|{unit}|{values['startdato'].isoformat()}"
    return "H-" + hmac.new(key, message.encode(), hashlib.sha256).hexdigest()[:16]


def _nest(values: dict[str, Any]) -> dict[str, Any]:
    """`{"praktikant.navn": x}` → `{"praktikant": {"navn": x}}` (the record is at most 3 deep)."""
    nested: dict[str, Any] = {}
    paths = _PATHS
    for path, value in values.items():
        first, second, third = paths[path]
        if second is None:
            nested[path] = value
        elif third is None:
            nested.setdefault(first, {})[second] = value
        else:
            nested.setdefault(first, {}).setdefault(second, {})[third] = value
    return nested


class Validator:
    """Validates files against the workspace's configuration (document set, aliases, id key)."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.documents = config.documents
        convert = converters(config.settings.innlesing.listeskille)
        # Per field: its converter, its length limit, and its cache of converted values (or None).
        self._fields: dict[str, _Step] = {
            path: (path, convert[spec.kind.name], spec.kind.max_length, {"": None} if spec.kind.name in _CACHED else None)
            for path, spec in FIELDS.items()
        }
        self._plans: dict[tuple[str, ...], tuple[_Step, ...]] = {}

    def _plan_for(self, paths: tuple[str, ...]) -> tuple[_Step, ...]:
        """The conversion steps for a record's fields, in its order (one per sheet layout)."""
        plan = self._plans.get(paths)
        if plan is None:
            plan = tuple(self._fields[path] for path in paths)
            if len(self._plans) < 256:  # JSON records may each have their own layout
                self._plans[paths] = plan
        return plan

    def validate_file(self, path: Path) -> FileResult:
        """Validate a whole file, keeping every record's result (for reports)."""
        result = FileResult(str(path))
        try:
            for record in self.iter_file(path, result):
                result.count(record)
                result.records.append(record)
        except InputFileError as exc:
            result.file_error = exc.reason
        return result

    def iter_file(self, path: Path, result: FileResult) -> Iterator[RecordResult]:
        """Stream a file's record results; file-level facts go into `result`.

        Records are validated in chunks of `CHUNK` rows (memory stays flat). Raises
        InputFileError for a file that cannot be read or holds no records.
        """
        source: Source = open_source(path, self.config)
        result.unit = source.unit
        seen: dict[str, int] = {}
        count = 0
        records = source.records()
        while True:
            with _cyclic_gc_paused():  # reading the chunk allocates as much as validating it
                chunk = list(islice(records, CHUNK))
                results = self.validate_chunk(chunk, source.unit, seen)
            if not chunk:
                break
            count += len(chunk)
            yield from results
        result.warnings.extend(source.warnings)
        if count == 0:
            raise InputFileError(str(path), "Filen har ingen praksisplasser (bare overskrifter eller tom liste).")

    def validate_record(self, raw: RawRecord, unit: str, seen: dict[str, int] | None = None) -> RecordResult:
        return self.validate_chunk([raw], unit, seen)[0]

    def validate_chunk(self, raws: list[RawRecord], unit: str, seen: dict[str, int] | None = None) -> list[RecordResult]:
        """Validate records in order. Cells are converted column by column over the rows that
        share a layout (all rows of a sheet): repeated values then cost one dictionary lookup,
        which is most of the speed of validating a long sheet."""
        results: list[RecordResult] = []
        with _cyclic_gc_paused():
            self._validate_groups(raws, unit, seen, results)
        return results

    def _validate_groups(self, raws: list[RawRecord], unit: str, seen: dict[str, int] | None,
                         results: list[RecordResult]) -> None:
        start = 0
        while start < len(raws):
            paths = raws[start].paths
            end = start + 1
            while end < len(raws) and raws[end].paths is paths:
                end += 1
            group = raws[start:end]
            drafts = [_Draft(raw, unit) for raw in group]
            self._convert_columns(group, drafts)
            results.extend(self._finish(draft, seen) for draft in drafts)
            start = end

    def _convert_columns(self, group: list[RawRecord], drafts: list[_Draft]) -> None:
        paths = group[0].paths
        width = len(paths)
        rows = [raw.cells if len(raw.cells) == width else raw.cells[:width] for raw in group]
        resolved: list[list[Any]] = []
        for (path, convert, limit, cache), column in zip(self._plan_for(paths), zip(*rows)):
            if cache is not None:  # it maps "" to None: a blank cell is a hit too
                values = [cache.get(value, _MISS) if value.__class__ is str else (None if value is None else _MISS)
                          for value in column]
            else:
                values = [None if value is None or value == "" else _MISS for value in column]
            for index in [i for i, value in enumerate(values) if value is _MISS]:
                values[index] = self._convert_cell(column[index], path, convert, limit, cache, drafts[index])
            resolved.append(values)
        for draft, row in zip(drafts, zip(*resolved)):
            draft.values = {path: value for path, value in zip(paths, row) if value is not None}

    @staticmethod
    def _convert_cell(value: Any, path: str, convert: Converter, limit: int, cache: dict[str, Any] | None,
                      draft: _Draft) -> Any:
        """One cell not found in its column's cache: None where blank or unreadable."""
        if value is None or (value.__class__ is str and (not value or value.isspace())):
            return None
        try:
            converted = convert(value, limit)
        except ValueProblem as problem:
            draft.unreadable.add(path)
            draft.add(path, draft.raw.columns[path], value, problem.message)
            return None
        if cache is not None and value.__class__ is str and len(cache) < _CACHE_LIMIT:
            # lists are stored as tuples, so no record can change another's
            cache[value] = tuple(converted) if isinstance(converted, list) else converted
        return converted  # None: empty once cleaned, i.e. not given

    def _finish(self, draft: _Draft, seen: dict[str, int] | None) -> RecordResult:
        """Rules, id, duplicate check and the typed record, for one converted row."""
        raw, values = draft.raw, draft.values
        problems = rules.check(values, self.documents)
        given = raw.values if problems else {}
        for path, message in problems:
            if path in draft.unreadable:  # already reported as unreadable, not also as missing
                continue
            draft.add(path, raw.columns.get(path), given.get(path), message)

        result = RecordResult(raw.source, draft.unit, raw.row, None, draft.errors, name=values.get("praktikant.navn"))
        derived = False
        if "id" in values:
            result.id = values["id"]
        elif all(p in values for p in ("praktikant.foedselsnummer", "praksisenhet.navn", "startdato")):
            values["id"] = result.id = derived_id(self.config.id_key, values)
            derived = True
            result.notes.append(f"Ingen id i kilden: avledet nøkkel {result.id} (fra fødselsnummer, enhet og startdato).")
        if result.id is not None and seen is not None:
            if result.id in seen:
                draft.add("id", raw.column("id"), result.id,
                          f"Samme id som {draft.unit} {seen[result.id]}. Hver praksisplass skal stå én gang.")
            else:
                seen[result.id] = raw.row
        if draft.errors:
            return result
        try:
            nested = _nest(values)
            nested["id_avledet"] = derived
            result.record = Praksisplass.model_validate(nested)
        except ValidationError as exc:  # a bug guard: the converters should have caught it
            for err in exc.errors():
                path = ".".join(str(p) for p in err["loc"])
                draft.add(path, raw.column(path), None, f"Ugyldig verdi: {err['msg']}")
        return result


class _Draft:
    """One record while it is being validated: the values read so far and its errors."""

    __slots__ = ("raw", "unit", "values", "errors", "unreadable")

    def __init__(self, raw: RawRecord, unit: str) -> None:
        self.raw = raw
        self.unit = unit
        self.values: dict[str, Any] = {}
        self.errors: list[Feil] = []
        self.unreadable: set[str] = set()
        for column, message in raw.problems:
            self.add("", column or "(raden)", None, message)

    def add(self, path: str, column: str | None, value: Any, message: str) -> None:
        if column is None:
            column = f"{FIELDS[path].title} ({path})" if path in FIELDS else path
        raw = self.raw
        self.errors.append(Feil(raw.source, f"{self.unit} {raw.row}", raw.row, column, path,
                                shown_value(path, value), message))


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Validation allocates a dozen objects per row and creates no reference cycles. Left on,
    the cyclic collector runs full collections over every long-lived object (the value caches,
    the ids seen) every few thousand rows; paused per chunk, it runs between chunks instead."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
