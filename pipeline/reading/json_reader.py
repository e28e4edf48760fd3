"""JSON: one placement object, a list of them, or `{"praksisplasser": [...]}`; streamed with ijson."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import ijson

from ..common.config import Config, Grenser, header_key
from ..common.errors import InputFileError
from ..domain.record import FIELDS
from ..domain.texts import N_
from . import RawRecord, Source
from .limits import too_deep, too_many_rows

WRAPPER_KEY = "praksisplasser"


def records_prefix(path: Path, limits: Grenser | None = None) -> str:
    """One streaming pass before any record is handed out: check the syntax, the nesting depth
    and the number of records (`limits`), and find the records' prefix for ijson.items.
    Events without prefixes (basic_parse) and a depth counter: no recursion, and memory flat
    however deep the file tries to go, since the pass stops at the limit."""
    display = str(path)
    top: str | None = None
    wrapped = False
    depth = 0
    records = 0
    max_depth = limits.maks_dybde if limits else 1 << 30
    max_records = limits.maks_rader if limits else 1 << 62
    top_key: str | None = None  # the key being read in the top-level object
    try:
        with path.open("rb") as handle:
            for event, value in ijson.basic_parse(handle, use_float=True):
                if top is None:
                    top = event
                # a record starts: a value in the top-level list, or in the «praksisplasser» list
                if (depth == 1 and top == "start_array" and event not in _ENDS) or (
                        depth == 2 and top_key == WRAPPER_KEY and event not in _ENDS and event != "map_key"):
                    records += 1
                    if records > max_records:
                        raise too_many_rows(display, records, "post", limits)  # type: ignore[arg-type]
                if event in _STARTS:
                    depth += 1
                    if depth > max_depth:
                        raise too_deep(display, limits)  # type: ignore[arg-type]
                elif event in _ENDS:
                    depth -= 1
                elif event == "map_key" and depth == 1:
                    top_key = value
                    if value == WRAPPER_KEY:
                        wrapped = True
    except ijson.JSONError as exc:
        raise InputFileError(display, N_("Ugyldig JSON: {feil}. Sjekk komma, klammer og anførselstegn.", feil=exc)) from None
    except UnicodeDecodeError:
        raise InputFileError(display, N_("JSON-filen må være lagret som UTF-8.")) from None
    if top == "start_array":
        return "item"
    if top == "start_map":
        return f"{WRAPPER_KEY}.item" if wrapped else ""
    raise InputFileError(display, N_("JSON-filen må inneholde ett objekt, en liste, eller {\"praksisplasser\": [...]}."))


_STARTS = frozenset(("start_map", "start_array"))
_ENDS = frozenset(("end_map", "end_array"))


def open_json(path: Path, config: Config) -> Source:
    prefix = records_prefix(path, config.settings.grenser)
    source = Source(path, "post")
    source._records = _records(path, prefix, config, source)
    return source


def _flatten(obj: dict[str, Any], prefix: str, out: dict[str, Any]) -> None:
    for key, value in obj.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict) and path not in FIELDS:
            _flatten(value, path + ".", out)
        else:
            out[path] = value


_CACHED = 4096
"""Distinct keys and key layouts remembered per file (a file written by a program has a few;
a hostile one with a new key in every record must not grow memory with them)."""

_Layout = tuple[tuple[str, ...], dict[str, str], tuple[tuple[str, str], ...]]


def _records(path: Path, prefix: str, config: Config, source: Source) -> Iterator[RawRecord]:
    """Records with the same keys share one `paths` tuple and one `columns` dict, as the rows of
    a sheet do: the validator then converts them column by column (10,000 records validated one
    by one took eight times as long as the same rows in a CSV)."""
    display = str(path)
    unknown: set[str] = set()
    fields: dict[str, str | None] = {}  # key as written → its field (None: unknown)
    layouts: dict[tuple[str, ...], _Layout] = {}

    def field_of(key: str) -> str | None:
        field = fields.get(key, "")
        if field == "":
            field = config.aliases.get(header_key(key))
            if len(fields) < _CACHED:
                fields[key] = field
        return field

    with path.open("rb") as handle:
        for index, obj in enumerate(ijson.items(handle, prefix, use_float=True), start=1):
            if not isinstance(obj, dict):
                yield RawRecord(display, index, (), (), {}, (("", N_("Posten er ikke et JSON-objekt med felter.")),))
                continue
            flat: dict[str, Any] = {}
            _flatten(obj, "", flat)
            keys = tuple(flat)
            layout = layouts.get(keys)
            if layout is None:
                layout = _layout(keys, field_of, unknown, source)
                if len(layouts) < _CACHED:
                    layouts[keys] = layout
            paths, columns, problems = layout
            # the value of each field's column, in the order of `paths` (a field given twice:
            # the first one counts, the other is in `problems`)
            yield RawRecord(display, index, paths, [flat[columns[path]] for path in paths], columns, problems)


def _layout(keys: tuple[str, ...], field_of: Callable[[str], str | None], unknown: set[str],
            source: Source) -> _Layout:
    """The fields of a record with these (flattened) keys, each field's key, and the keys that
    name a field already given."""
    columns: dict[str, str] = {}
    problems: list[tuple[str, str]] = []
    for key in keys:
        field = field_of(key)
        if field is None:
            if key not in unknown and len(unknown) < _UNKNOWN_NAMED:
                unknown.add(key)
                source.warnings.append(N_("Feltet «{felt}» er ukjent og blir ikke lest.", felt=key))
            continue
        if field in columns:
            problems.append((key, N_("Feltet er gitt to ganger (også som «{kolonne}»).", kolonne=columns[field])))
            continue
        columns[field] = key
    return tuple(columns), columns, tuple(problems)


_UNKNOWN_NAMED = 50
"""Unknown keys named in the warnings; a file with more is not a placement list anyway."""
