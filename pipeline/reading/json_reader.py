"""JSON: one placement object, a list of them, or `{"praksisplasser": [...]}`; streamed with ijson."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ijson

from ..config import Config, header_key
from ..errors import InputFileError
from ..record import FIELDS
from . import RawRecord, Source

WRAPPER_KEY = "praksisplasser"


def records_prefix(path: Path) -> str:
    """One streaming pass: check the syntax and find the records' prefix for ijson.items."""
    display = str(path)
    top: str | None = None
    wrapped = False
    try:
        with path.open("rb") as handle:
            for prefix, event, value in ijson.parse(handle, use_float=True):
                if top is None:
                    top = event
                if prefix == "" and event == "map_key" and value == WRAPPER_KEY:
                    wrapped = True
    except ijson.JSONError as exc:
        raise InputFileError(display, f"Ugyldig JSON: {exc}. Sjekk komma, klammer og anførselstegn.") from None
    except UnicodeDecodeError:
        raise InputFileError(display, "JSON-filen må være lagret som UTF-8.") from None
    if top == "start_array":
        return "item"
    if top == "start_map":
        return f"{WRAPPER_KEY}.item" if wrapped else ""
    raise InputFileError(display, "JSON-filen må inneholde ett objekt, en liste, eller {\"praksisplasser\": [...]}.")


def open_json(path: Path, config: Config) -> Source:
    prefix = records_prefix(path)
    source = Source(path, "post")
    source._records = _records(path, prefix, config, source)
    return source


def _flatten(obj: dict[str, Any], prefix: str, out: dict[str, tuple[str, Any]]) -> None:
    for key, value in obj.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict) and path not in FIELDS:
            _flatten(value, path + ".", out)
        else:
            out[path] = (path, value)


def _records(path: Path, prefix: str, config: Config, source: Source) -> Iterator[RawRecord]:
    display = str(path)
    unknown: set[str] = set()
    with path.open("rb") as handle:
        for index, obj in enumerate(ijson.items(handle, prefix, use_float=True), start=1):
            if not isinstance(obj, dict):
                yield RawRecord(display, index, (), (), {}, (("", "Posten er ikke et JSON-objekt med felter."),))
                continue
            flat: dict[str, tuple[str, Any]] = {}
            _flatten(obj, "", flat)
            values: dict[str, Any] = {}
            columns: dict[str, str] = {}
            problems: list[tuple[str, str]] = []
            for key, (column, value) in flat.items():
                field = config.aliases.get(header_key(key))
                if field is None:
                    if key not in unknown:
                        unknown.add(key)
                        source.warnings.append(f"Feltet «{key}» er ukjent og blir ikke lest.")
                    continue
                if field in values:
                    problems.append((column, f"Feltet er gitt to ganger (også som «{columns[field]}»)."))
                    continue
                values[field] = value
                columns[field] = column
            yield RawRecord(display, index, tuple(values), list(values.values()), columns, tuple(problems))
