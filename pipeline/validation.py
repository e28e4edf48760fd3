"""Validation: raw records → validated `Praksisplass` or every error, named for the user.

Field values are read first (each error is kept), then the domain rules run on what
could be read, then the pydantic model is built. Every error names the file, the row,
the column as the user wrote it, the value (a fødselsnummer masked) and what to fix.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
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
_CACHED = {"text", "longtext", "date", "bool", "number", "list", "tiltak", "status", "orgnr", "phone"}
"""Kinds whose converted values are remembered per column: sheets repeat units, dates, tiltak,
tasks… and a dict hit is far cheaper than parsing again. Never the fødselsnummer."""
_CACHE_LIMIT = 4096
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
    """The outcome of one file. `records` is filled by `Validator.validate_file`."""

    path: str
    unit: str = "linje"
    warnings: list[str] = field(default_factory=list)
    file_error: str | None = None
    records: list[RecordResult] = field(default_factory=list)

    @property
    def n_valid(self) -> int:
        return sum(1 for r in self.records if r.valid)

    @property
    def n_invalid(self) -> int:
        return sum(1 for r in self.records if not r.valid)

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
            path: (path, convert[spec.kind.name], spec.kind.max_length, {} if spec.kind.name in _CACHED else None)
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
                result.records.append(record)
        except InputFileError as exc:
            result.file_error = exc.reason
        return result

    def iter_file(self, path: Path, result: FileResult) -> Iterator[RecordResult]:
        """Stream a file's record results; file-level facts go into `result`.

        Raises InputFileError for a file that cannot be read or holds no records.
        """
        source: Source = open_source(path, self.config)
        result.unit = source.unit
        seen: dict[str, int] = {}
        count = 0
        for raw in source.records():
            count += 1
            yield self.validate_record(raw, source.unit, seen)
        result.warnings.extend(source.warnings)
        if count == 0:
            raise InputFileError(str(path), "Filen har ingen praksisplasser (bare overskrifter eller tom liste).")

    def validate_record(self, raw: RawRecord, unit: str, seen: dict[str, int] | None = None) -> RecordResult:
        where = f"{unit} {raw.row}"
        errors: list[Feil] = []

        def add(path: str, column: str | None, value: Any, message: str) -> None:
            if column is None:
                column = f"{FIELDS[path].title} ({path})" if path in FIELDS else path
            errors.append(Feil(raw.source, where, raw.row, column, path, shown_value(path, value), message))

        for column, message in raw.problems:
            add("", column or "(raden)", None, message)

        values: dict[str, Any] = {}
        unreadable: set[str] = set()
        for (path, convert, limit, cache), value in zip(self._plan_for(raw.paths), raw.cells):
            if value is None or (value.__class__ is str and (not value or value.isspace())):
                continue
            if cache is not None and value.__class__ is str and value in cache:
                converted = cache[value]
            else:
                try:
                    converted = convert(value, limit)
                except ValueProblem as problem:
                    unreadable.add(path)
                    add(path, raw.columns[path], value, problem.message)
                    continue
                if cache is not None and value.__class__ is str and len(cache) < _CACHE_LIMIT:
                    # lists are stored as tuples, so no record can change another's
                    cache[value] = tuple(converted) if isinstance(converted, list) else converted
            if converted is not None:  # None: empty once cleaned, i.e. not given
                values[path] = converted

        problems = rules.check(values, self.documents)
        given = raw.values if problems else {}
        for path, message in problems:
            if path in unreadable:  # already reported as unreadable, not also as missing
                continue
            add(path, raw.columns.get(path), given.get(path), message)

        result = RecordResult(raw.source, unit, raw.row, None, errors, name=values.get("praktikant.navn"))
        derived = False
        if "id" in values:
            result.id = values["id"]
        elif all(p in values for p in ("praktikant.foedselsnummer", "praksisenhet.navn", "startdato")):
            values["id"] = result.id = derived_id(self.config.id_key, values)
            derived = True
            result.notes.append(f"Ingen id i kilden: avledet nøkkel {result.id} (fra fødselsnummer, enhet og startdato).")
        if result.id is not None and seen is not None:
            if result.id in seen:
                add("id", raw.column("id"), result.id, f"Samme id som {unit} {seen[result.id]}. Hver praksisplass skal stå én gang.")
            else:
                seen[result.id] = raw.row
        if errors:
            return result
        try:
            nested = _nest(values)
            nested["id_avledet"] = derived
            result.record = Praksisplass.model_validate(nested)
        except ValidationError as exc:  # a bug guard: the converters should have caught it
            for err in exc.errors():
                path = ".".join(str(p) for p in err["loc"])
                add(path, raw.column(path), None, f"Ugyldig verdi: {err['msg']}")
        return result
