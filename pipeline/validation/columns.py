"""A chunk's cells converted column by column, through a cache of converted values per column,
and the notes on the harmless characters the text converters cleaned.
"""

from __future__ import annotations

from itertools import repeat
from operator import itemgetter
from typing import Any

from ..domain.characters import harmless_note, has_harmless
from ..domain.normalize import ValueProblem
from ..domain.record import FIELDS
from ..domain.texts import Message
from ..reading import RawRecord
from .layout import Layout, Step

CACHED = {"text", "longtext", "date", "bool", "number", "list", "tiltak", "status", "orgnr", "phone", "email"}
"""Kinds whose converted values are remembered per column: sheets repeat units, dates, tiltak,
tasks… and a dict hit is far cheaper than parsing again. Never the fødselsnummer."""
CACHE_LIMIT = 4096
_MISS = object()

_CLEANED_KINDS = frozenset(("text", "longtext", "list", "tiltak", "status", "sektor"))
"""The kinds whose converters clean harmless whitespace-like characters (characters.clean)."""


def harmless_notes(layout: Layout, group: list[RawRecord]) -> dict[int, list[tuple[str, list[Message]]]]:
    """Per row of the chunk, a note for each text field whose value held a no-break space, a
    zero-width space, a soft hyphen or the like (cleaned by its converter, so not an error,
    but said, with the field). Each column is looked at whole first, at C speed."""
    notes: dict[int, list[tuple[str, list[Message]]]] = {}
    rows = [raw.cells for raw in group]
    for position, path in enumerate(layout.paths):
        if FIELDS[path].kind.name not in _CLEANED_KINDS:
            continue
        texts = list(map(itemgetter(position), rows))
        try:
            joined = "".join(texts)  # a CSV's cells are all text
        except TypeError:  # blank cells, numbers or lists (.xlsx, JSON)
            texts = [cell if cell.__class__ is str else "\n".join(map(str, cell)) if isinstance(cell, list) else ""
                     for cell in texts]
            joined = "".join(texts)
        if not has_harmless(joined):
            continue
        for index, text in enumerate(texts):
            note = harmless_note(text)
            if note is not None:
                notes.setdefault(index, []).append((group[index].columns[path], note))
    return notes


def convert_column(step: Step, column: tuple[Any, ...]) -> tuple[list[Any], list[tuple[int, str]]]:
    """One column of a chunk: its converted values (None where blank or unreadable) and the
    cells that could not be read, as (row index, what to fix)."""
    _path, convert, limit, cache = step
    failures: list[tuple[int, str]] = []
    if cache is None:
        values = [None if value is None or value == "" else _MISS for value in column]
        if _MISS not in values:
            return values, failures
    else:  # it maps "" and None to None: a blank cell is a hit too
        try:
            return list(map(cache.__getitem__, column)), failures  # every cell seen before: the usual case
        except KeyError:
            values = list(map(cache.get, column, repeat(_MISS)))
        except TypeError:  # a list or object from JSON: not hashable, so never cached
            values = [cache.get(value, _MISS) if value.__class__ is str else (None if value is None else _MISS)
                      for value in column]
    store = cache if cache is not None and len(cache) < CACHE_LIMIT else None  # once full, it stays as it is
    if store is None and values.count(_MISS) == len(values):
        # A value no earlier row had, in every row (an id, a phone number): converted in one go
        # unless a cell is blank, not text or cannot be read; those are taken one by one below.
        try:
            if not any(map(str.isspace, column)):
                return [convert(cell, limit) for cell in column], failures
        except (ValueProblem, TypeError):
            pass
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
        if store is not None and cell.__class__ is str:
            # lists are stored as tuples, so no record can change another's
            store[cell] = tuple(converted) if converted.__class__ is list else converted
        values[index] = converted  # None: empty once cleaned, i.e. not given
    return values, failures
