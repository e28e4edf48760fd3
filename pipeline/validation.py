"""Validation: raw records → validated `Praksisplass` or every error, named for the user.

Field values are read first (each error is kept), then the domain rules run on what
could be read, then the pydantic model is built. Every error names the file, the row,
the column as the user wrote it, the value (a fødselsnummer masked) and what to fix.
"""

from __future__ import annotations

import gc
import hashlib
import hmac
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from itertools import islice, repeat
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import rules
from .config import Config
from .errors import InputFileError
from .identifiers import mask_fnr
from .normalize import Converter, ValueProblem, converters, fold
from .reading import RawRecord, Source, open_source, picker
from .record import FIELDS, Praksisplass

_CACHED = {"text", "longtext", "date", "bool", "number", "list", "tiltak", "status", "orgnr", "phone", "email"}
"""Kinds whose converted values are remembered per column: sheets repeat units, dates, tiltak,
tasks… and a dict hit is far cheaper than parsing again. Never the fødselsnummer."""
_CACHE_LIMIT = 4096
_MISS = object()
CHUNK = 256
"""Rows validated together (column by column); small enough to keep memory flat."""
_Step = tuple[str, Converter, int, "dict[Any, Any] | None"]
"""Per field: its path, converter, length limit, and its cache of converted values (or None)."""
_MAX_SHOWN = 60
_SHARED_PARTS = tuple(sorted(
    {path.split(".")[0] for path in FIELDS if "." in path}
    - {path.split(".")[0] for path, spec in FIELDS.items() if spec.kind.name in ("fnr", "list")}
))
"""Parts of the record that many rows repeat (the unit and its leader, the supervisor, the
ordering office, the requirements): each distinct one is validated once and the (frozen)
instance shared. Never a part with a fødselsnummer, or a list (not hashable)."""
_validate_record = Praksisplass.__pydantic_validator__.validate_python
"""`Praksisplass.model_validate` without its Python wrapper, which costs a tenth as much again."""


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


@dataclass(slots=True)
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


class Validator:
    """Validates files against the workspace's configuration (document set, aliases, id key)."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.documents = config.documents
        convert = converters(config.settings.innlesing.listeskille)
        self._fields: dict[str, _Step] = {
            path: (path, convert[spec.kind.name], spec.kind.max_length, {"": None, None: None} if spec.kind.name in _CACHED else None)
            for path, spec in FIELDS.items()
        }
        self._layouts: dict[tuple[str, ...], _Layout] = {}
        self._made: dict[str, dict[tuple[Any, ...], BaseModel]] = {part: {} for part in _SHARED_PARTS}
        """Per shared part: (its fields, their values) → the validated instance."""

    def _layout_for(self, paths: tuple[str, ...]) -> _Layout:
        """How rows with these fields are converted and nested (one per sheet layout)."""
        layout = self._layouts.get(paths)
        if layout is None:
            layout = _Layout(paths, tuple(self._fields[path] for path in paths), self._made)
            if len(self._layouts) < 256:  # JSON records may each have their own layout
                self._layouts[paths] = layout
        return layout

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
            layout = self._layout_for(paths)
            # A draft holds a record's errors; most rows have none, so it is made when needed.
            drafts = {index: _Draft(raw, unit) for index, raw in enumerate(group) if raw.problems}
            rows = self._convert_columns(layout, group, drafts, unit)
            finish = self._finish
            results.extend(finish(raw, row, drafts.get(index), layout, unit, seen)
                           for index, (raw, row) in enumerate(zip(group, rows)))
            start = end

    def _convert_columns(self, layout: _Layout, group: list[RawRecord], drafts: dict[int, _Draft],
                         unit: str) -> list[tuple[Any, ...]]:
        """Each row's converted values in layout order (None: blank or unreadable)."""
        width = len(layout.paths)
        rows = [raw.cells if len(raw.cells) == width else raw.cells[:width] for raw in group]
        resolved: list[list[Any]] = []
        for step, column in zip(layout.steps, zip(*rows)):
            values, failures = _convert_column(step, column)
            for index, message in failures:
                draft = drafts.get(index) or drafts.setdefault(index, _Draft(group[index], unit))
                draft.unreadable.add(step[0])
                draft.add(step[0], draft.raw.columns[step[0]], column[index], message)
            resolved.append(values)
        return list(zip(*resolved)) if resolved else [()] * len(group)  # a record with no known field

    def _finish(self, raw: RawRecord, row: tuple[Any, ...], draft: _Draft | None, layout: _Layout, unit: str,
                seen: dict[str, int] | None) -> RecordResult:
        """Rules, id, duplicate check and the typed record, for one converted row."""
        values = layout.blank.copy()  # every field of the layout; None: not given or unreadable
        values.update(zip(layout.paths, row))
        problems = rules.check(values, self.documents)
        if problems:
            draft = draft or _Draft(raw, unit)
            given = raw.values
            for path, message in problems:
                if path in draft.unreadable:  # already reported as unreadable, not also as missing
                    continue
                draft.add(path, raw.columns.get(path), given.get(path), message)

        result = RecordResult(raw.source, unit, raw.row, None, name=values.get("praktikant.navn"))
        derived = False
        if values.get("id") is not None:
            result.id = values["id"]
        elif all(values.get(p) is not None for p in ("praktikant.foedselsnummer", "praksisenhet.navn", "startdato")):
            result.id = derived_id(self.config.id_key, values)
            derived = True
            result.notes.append(f"Ingen id i kilden: avledet nøkkel {result.id} (fra fødselsnummer, enhet og startdato).")
        if result.id is not None and seen is not None:
            if result.id in seen:
                draft = draft or _Draft(raw, unit)
                draft.add("id", raw.column("id"), result.id,
                          f"Samme id som {unit} {seen[result.id]}. Hver praksisplass skal stå én gang.")
            else:
                seen[result.id] = raw.row
        if draft is not None and draft.errors:
            result.errors = draft.errors
            return result
        nested = layout.nest(row)
        nested["id"] = result.id
        nested["id_avledet"] = derived
        new_parts = []
        for part, paths, pick, made_parts in layout.shared:
            key = (paths, pick(row))
            made = made_parts.get(key)
            if made is None:
                new_parts.append((part, key, made_parts))
            else:
                nested[part] = made  # taken as it is: pydantic does not validate an instance again
        try:
            record = result.record = _validate_record(nested)
        except ValidationError as exc:  # a bug guard: the converters should have caught it
            draft = draft or _Draft(raw, unit)
            for err in exc.errors():
                path = ".".join(str(p) for p in err["loc"])
                draft.add(path, raw.column(path), None, f"Ugyldig verdi: {err['msg']}")
            result.errors = draft.errors
            return result
        for part, key, made_parts in new_parts:
            if len(made_parts) < _CACHE_LIMIT:
                made_parts[key] = getattr(record, part)
        return result


def _convert_column(step: _Step, column: tuple[Any, ...]) -> tuple[list[Any], list[tuple[int, str]]]:
    """One column of a chunk: its converted values (None where blank or unreadable) and the
    cells that could not be read, as (row index, what to fix)."""
    _path, convert, limit, cache = step
    if cache is None:
        values = [None if value is None or value == "" else _MISS for value in column]
    else:  # it maps "" and None to None: a blank cell is a hit too
        try:
            values = list(map(cache.get, column, repeat(_MISS)))
        except TypeError:  # a list or object from JSON: not hashable, so never cached
            values = [cache.get(value, _MISS) if value.__class__ is str else (None if value is None else _MISS)
                      for value in column]
    failures: list[tuple[int, str]] = []
    if _MISS not in values:
        return values, failures
    store = cache is not None and len(cache) < _CACHE_LIMIT  # once full, it stays as it is
    for index, value in enumerate(values):
        if value is not _MISS:
            continue
        cell = column[index]  # never "" or None: both are hits in a cache, and blank without one
        if cell.__class__ is str and cell.isspace():
            values[index] = None
            continue
        try:
            converted = convert(cell, limit)
        except ValueProblem as problem:
            failures.append((index, problem.message))
            values[index] = None
            continue
        if store and cell.__class__ is str:
            # lists are stored as tuples, so no record can change another's
            cache[cell] = tuple(converted) if converted.__class__ is list else converted
        values[index] = converted  # None: empty once cleaned, i.e. not given
    return values, failures


class _Layout:
    """The fields of one sheet layout (its tuple of field paths), in the sheet's order: the
    conversion step of each, and `nest`, which turns a converted row into the record's nested
    shape (`praktikant.navn` → `{"praktikant": {"navn": …}}`), made once per layout."""

    __slots__ = ("paths", "steps", "blank", "nest", "shared")

    def __init__(self, paths: tuple[str, ...], steps: tuple[_Step, ...],
                 made: dict[str, dict[tuple[Any, ...], BaseModel]]) -> None:
        self.paths = paths
        self.steps = steps
        self.blank: dict[str, Any] = dict.fromkeys(paths)  # copied per row: cheaper than growing a dict
        self.nest = _nesting(paths)
        # Per shared part: its fields in this layout, how to pick their values from a row, and
        # the validator's instances of it made so far.
        self.shared = tuple(
            (part, tuple(paths[i] for i in index), picker(index), made[part])
            for part in _SHARED_PARTS
            for index in [[i for i, path in enumerate(paths) if path.startswith(part + ".")]]
        )


def _nesting(paths: tuple[str, ...]) -> Callable[[tuple[Any, ...]], dict[str, Any]]:
    """A function from a converted row (values in `paths` order, None where not given) to the
    nested dict the record is validated from, leaving out what is not given.

    It is written out as straight-line Python and compiled once per layout, as
    `collections.namedtuple` and `dataclasses` do: a loop over the fields costs three times as
    much, on every row of every sheet. The names come from the record's own fields (FIELDS),
    never from a file, and are written with repr()."""
    by_parent: dict[tuple[str, ...], list[tuple[str, int]]] = {(): []}
    for index, path in enumerate(paths):
        *parent, name = path.split(".")
        by_parent.setdefault(tuple(parent), []).append((name, index))
    variables = "".join(f"v{index}, " for index in range(len(paths)))
    lines = ["def nest(row):", f"    ({variables}) = row", "    nested = {}"]
    # the record's own fields, then the parts, parents before children (praksisenhet, then .leder)
    for parent, fields in sorted(by_parent.items(), key=lambda item: len(item[0])):
        target = "nested" if not parent else "part"
        if parent:
            lines.append("    part = {}")
        lines.extend(f"    if v{index} is not None: {target}[{name!r}] = v{index}" for name, index in fields)
        if parent:
            holder = "nested" + "".join(f".setdefault({key!r}, {{}})" for key in parent[:-1])
            lines.append(f"    if part: {holder}[{parent[-1]!r}] = part")
    lines.append("    return nested")
    namespace: dict[str, Any] = {}
    exec("\n".join(lines), namespace)  # noqa: S102 (generated from field names, see above)
    return namespace["nest"]  # type: ignore[no-any-return]


class _Draft:
    """The errors of one record while it is being validated (made at its first problem)."""

    __slots__ = ("raw", "unit", "errors", "unreadable")

    def __init__(self, raw: RawRecord, unit: str) -> None:
        self.raw = raw
        self.unit = unit
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
