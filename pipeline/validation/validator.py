"""Validation: raw records → validated `Praksisplass` or every error, named for the user.

Rows are validated in chunks, column by column: field values are read first (each error is
kept), then the domain rules run on what could be read, then each row without errors gets its
id and its pydantic model. Every error names the file, the row, the column as the user wrote
it, the value (a fødselsnummer masked) and what to fix.
"""

from __future__ import annotations

import gc
import hashlib
import hmac
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from . import rules
from .columns import CACHE_LIMIT, CACHED, convert_column, harmless_notes
from .layout import Layout, Made, Step, nesting
from ..common.config import Config
from ..common.errors import InputFileError
from ..domain.characters import UNSHOWN
from ..domain.identifiers import mask_fnr
from ..domain.normalize import converters, fold
from ..reading import RawRecord, Source, open_source
from ..domain.record import FIELDS, Praksisplass
from ..domain.texts import N_, Texts

CHUNK = 256
"""Rows validated together (column by column); small enough to keep memory flat."""
_MAX_SHOWN = 60
_ID_FROM = ("praktikant.foedselsnummer", "praksisenhet.navn", "praksisenhet.organisasjonsnummer", "startdato")
"""The fields a derived id is made from (see `derived_id`)."""
_validate_record = Praksisplass.__pydantic_validator__.validate_python
"""`Praksisplass.model_validate` without its Python wrapper, which costs a tenth as much again.
Called with `extra="ignore"`: the nested dict is made from the record's own fields (`nesting`),
so it has no unknown key, and the check for one would cost pydantic a lookup per key per model.
(The models themselves forbid unknown keys, which matters where a record is read back from JSON.)"""


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
    errors: Sequence[Feil] = ()  # most records have none: no list made per row
    notes: Sequence[str] = ()
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
    # cut before the work: a cell may hold 32,767 characters, and a file thousands of them
    text = " ".join(text[: _MAX_SHOWN * 4].split())
    if not text.isprintable():
        text = UNSHOWN.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)
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
        self.texts = config.texts
        """Every message, warning and note of a `FileResult` is written in the workspace's målform."""
        convert = converters(config.settings.innlesing.listeskille)
        self._fields: dict[str, Step] = {
            path: (path, convert[spec.kind.name], spec.kind.max_length, {"": None, None: None} if spec.kind.name in CACHED else None)
            for path, spec in FIELDS.items()
        }
        self._layouts: dict[tuple[str, ...], Layout] = {}
        self._made: dict[tuple[str, tuple[str, ...]], Made] = {}
        """Per shared part and the fields a layout has of it: their values → the validated instance."""

    def _layout_for(self, paths: tuple[str, ...]) -> Layout:
        """How rows with these fields are converted and nested (one per sheet layout)."""
        layout = self._layouts.get(paths)
        if layout is None:
            nest = nesting(paths, lambda part, fields: self._made.setdefault((part, fields), {}))
            layout = Layout(paths, tuple(self._fields[path] for path in paths), nest)
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
            result.file_error = self.texts.render(exc.reason)
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
        result.warnings.extend(self.texts.render_all(source.warnings))
        if count == 0:
            raise InputFileError(str(path), N_("Filen har ingen praksisplasser (bare overskrifter eller tom liste)."))

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
            self._validate_group(raws[start:end], self._layout_for(paths), unit, seen, results)
            start = end

    def _validate_group(self, group: list[RawRecord], layout: Layout, unit: str, seen: dict[str, int] | None,
                        results: list[RecordResult]) -> None:
        """Rows of one layout: cells converted and rules checked column by column, then each
        row's id, duplicate check and typed record."""
        # A draft holds a record's errors; most rows have none, so it is made when needed.
        texts = _ = self.texts
        drafts = {index: _Draft(raw, unit, texts) for index, raw in enumerate(group) if raw.problems}
        columns, rows = self._convert_columns(layout, group, drafts, unit)
        cleaned = harmless_notes(layout, group)
        unasked = rules.sector_notes(columns)
        for index, path, message in rules.check(columns, self.documents):
            errors = drafts.get(index) or drafts.setdefault(index, _Draft(group[index], unit, texts))
            if path not in errors.unreadable:  # already reported as unreadable, not also as missing
                errors.add(path, errors.raw.columns.get(path), errors.given(path), message)
        fnrs, units, starts = columns["praktikant.foedselsnummer"], columns["praksisenhet.navn"], columns["startdato"]
        for index, (raw, row, record_id, name) in enumerate(zip(group, rows, columns["id"], columns["praktikant.navn"])):
            result = RecordResult(raw.source, unit, raw.row, None, id=record_id, name=name)
            derived = False
            if record_id is None and fnrs[index] is not None and units[index] is not None and starts[index] is not None:
                record_id = result.id = derived_id(self.config.id_key, {path: columns[path][index] for path in _ID_FROM})
                derived = True
                result.notes = [_("Ingen id i kilden: avledet nøkkel {noekkel} (fra fødselsnummer, enhet og startdato).",
                                  noekkel=record_id)]
            if index in cleaned:
                result.notes = [*result.notes, *(_("«{kolonne}»: {merknad}.", kolonne=column,
                                                   merknad="; ".join(texts.render(part) for part in parts))
                                                 for column, parts in cleaned[index])]
            if index in unasked:
                result.notes = [*result.notes, *(texts.render(note) for note in unasked[index])]
            draft = drafts.get(index)
            if record_id is not None and seen is not None:
                if record_id in seen:
                    draft = drafts.setdefault(index, _Draft(raw, unit, texts))
                    draft.add("id", raw.column("id"), record_id,
                              N_("Samme id som {plassering}. Hver praksisplass skal stå én gang.",
                                 plassering=f"{unit} {seen[record_id]}"))
                else:
                    seen[record_id] = raw.row
            if draft is not None and draft.errors:
                result.errors = draft.errors
            else:
                self._type(result, raw, row, derived, layout)
            results.append(result)

    def _convert_columns(self, layout: Layout, group: list[RawRecord], drafts: dict[int, _Draft],
                         unit: str) -> tuple[dict[str, Sequence[Any]], list[tuple[Any, ...]]]:
        """The chunk's converted values (None: blank or unreadable), by column for every field
        of the record (a field the sheet lacks is all None), and by row in layout order."""
        width = len(layout.paths)
        cells = [raw.cells if len(raw.cells) == width else raw.cells[:width] for raw in group]
        resolved: list[list[Any]] = []
        for step, column in zip(layout.steps, zip(*cells)):
            values, failures = convert_column(step, column)
            for index, message in failures:
                draft = drafts.get(index) or drafts.setdefault(index, _Draft(group[index], unit, self.texts))
                draft.unreadable.add(step[0])
                draft.add(step[0], draft.raw.columns[step[0]], column[index], message)
            resolved.append(values)
        columns: dict[str, Sequence[Any]] = dict.fromkeys(FIELDS, (None,) * len(group))
        columns.update(zip(layout.paths, resolved))
        rows = list(zip(*resolved)) if resolved else [()] * len(group)  # a record with no known field
        return columns, rows

    def _type(self, result: RecordResult, raw: RawRecord, row: tuple[Any, ...], derived: bool, layout: Layout) -> None:
        """The typed record of a row without errors; parts many rows repeat are shared."""
        nested, fresh = layout.nest(row, result.id, derived)
        try:
            record = result.record = _validate_record(nested, extra="ignore")
        except ValidationError as exc:  # a bug guard: the converters should have caught it
            draft = _Draft(raw, result.unit, self.texts)
            for err in exc.errors():
                path = ".".join(str(p) for p in err["loc"])
                draft.add(path, raw.column(path), None, N_("Ugyldig verdi: {feil}", feil=err["msg"]))
            result.errors = draft.errors
            return
        for part, key, made in fresh:
            if len(made) < CACHE_LIMIT:
                made[key] = getattr(record, part)


class _Draft:
    """The errors of one record while it is being validated (made at its first problem), each
    message in the workspace's målform."""

    __slots__ = ("errors", "raw", "texts", "unit", "unreadable")

    def __init__(self, raw: RawRecord, unit: str, texts: Texts) -> None:
        self.raw = raw
        self.unit = unit
        self.texts = texts
        self.errors: list[Feil] = []
        self.unreadable: set[str] = set()
        for column, message in raw.problems:
            self.add("", column or texts.render(N_("(raden)")), None, message)

    def given(self, path: str) -> Any:
        """The value of a field as the source gave it (None where it has no such column)."""
        return self.raw.values.get(path)

    def add(self, path: str, column: str | None, value: Any, message: str) -> None:
        """`message`: a `texts.Message` (or text already in the målform)."""
        if column is None:
            column = f"{self.texts.render(FIELDS[path].title)} ({path})" if path in FIELDS else path
        raw = self.raw
        self.errors.append(Feil(raw.source, f"{self.unit} {raw.row}", raw.row, column, path,
                                shown_value(path, value), self.texts.render(message)))


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
