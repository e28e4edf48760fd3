"""One sheet layout (its tuple of field paths): the conversion step of each field, and the
function, compiled once per layout, that turns a converted row into the record's nested shape,
taking the parts many rows repeat from the instances made for earlier rows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from ..domain.normalize import Converter
from ..domain.record import FIELDS

Step = tuple[str, Converter, int, "dict[Any, Any] | None"]
"""Per field: its path, converter, length limit, and its cache of converted values (or None)."""
_SHARED_PARTS = tuple(sorted(
    {path.split(".")[0] for path in FIELDS if "." in path}
    - {path.split(".")[0] for path, spec in FIELDS.items() if spec.kind.name in ("fnr", "list")}
))
"""Parts of the record that many rows repeat (the unit and its leader, the supervisor, the
ordering office, the requirements): each distinct one is validated once and the (frozen)
instance shared. Never a part with a fødselsnummer, or a list (not hashable)."""


class Layout:
    """The fields of one sheet layout (its tuple of field paths), in the sheet's order: the
    conversion step of each, and `nest`, which turns a converted row into the record's nested
    shape (`praktikant.navn` → `{"praktikant": {"navn": …}}`), made once per layout."""

    __slots__ = ("nest", "paths", "steps")

    def __init__(self, paths: tuple[str, ...], steps: tuple[Step, ...], nest: _Nest) -> None:
        self.paths = paths
        self.steps = steps
        self.nest = nest


Made = dict[tuple[Any, ...], BaseModel]
"""One shared part's validated instances, by the values of its fields in one layout."""
_Fresh = tuple[tuple[str, tuple[Any, ...], Made], ...]
"""Shared parts a row had to build itself: (part, its values, where to keep the instance)."""
_Nest = Callable[[tuple[Any, ...], "str | None", bool], tuple[dict[str, Any], _Fresh]]


def nesting(paths: tuple[str, ...], made: Callable[[str, tuple[str, ...]], Made] | None = None) -> _Nest:
    """A function from a converted row (values in `paths` order, None where not given), its id
    and whether the id is derived, to the nested dict the record is validated from (leaving out
    what is not given), and the shared parts it built.

    A shared part (see `_SHARED_PARTS`) whose values an earlier row had is taken as the
    instance made then, from `made(part, its paths)`; a new one is built as a dict and reported,
    so the caller can keep the instance pydantic makes of it. Without `made`, nothing is shared.

    The function is written out as straight-line Python and compiled once per layout, as
    `collections.namedtuple` and `dataclasses` do: a loop over the fields costs three times as
    much, on every row of every sheet. The names come from the record's own fields (FIELDS),
    never from a file, and are written with repr()."""
    tree: dict[str, Any] = {}  # name → index in the row (a field) or a subtree (a part)
    for index, path in enumerate(paths):
        *parents, name = path.split(".")
        node = tree
        for parent in parents:
            node = node.setdefault(parent, {})
        node[name] = index
    variables = "".join(f"v{index}, " for index in range(len(paths)))
    lines = ["def nest(row, record_id, derived):", f"    ({variables}) = row",
             "    nested = {'id': record_id, 'id_avledet': derived}", "    fresh = ()"]
    namespace: dict[str, Any] = {}
    shared: dict[str, list[int]] = {part: [] for part in _SHARED_PARTS} if made is not None else {}
    for name, node in tree.items():
        if name == "id":
            continue
        if isinstance(node, int):
            lines.append(f"    if v{node} is not None: nested[{name!r}] = v{node}")
        elif name in shared:
            shared[name] = [index for index, path in enumerate(paths) if path.startswith(name + ".")]
        else:
            _build_part(lines, "nested", name, node, "    ")
    for part, picks in shared.items():  # also a part the layout lacks: its default, made once
        assert made is not None
        namespace[f"made_{part}"] = made(part, tuple(paths[i] for i in picks))
        lines += [f"    key = ({''.join(f'v{i}, ' for i in picks)})",
                  f"    found = made_{part}.get(key)",
                  "    if found is not None:",
                  f"        nested[{part!r}] = found  # taken as it is: pydantic does not validate an instance again",
                  "    else:"]
        if part in tree:
            _build_part(lines, "nested", part, tree[part], "        ")
        lines.append(f"        fresh += (({part!r}, key, made_{part}),)")
    lines.append("    return nested, fresh")
    exec("\n".join(lines), namespace)  # noqa: S102 (generated from field names, see above)
    # Taken out of its own globals: a function in the dict it reads would be a reference cycle,
    # keeping the instances in `made` alive until a full garbage collection.
    return namespace.pop("nest")  # type: ignore[no-any-return]


def _build_part(lines: list[str], holder: str, name: str, node: dict[str, Any], indent: str) -> None:
    """Lines that build part `name` of `holder` as a dict, its own parts inside it (left out
    where nothing in it is given)."""
    variable = f"{holder}_{name}" if holder != "nested" else f"part_{name}"
    lines.append(f"{indent}{variable} = {{}}")
    for child, value in node.items():
        if isinstance(value, int):
            lines.append(f"{indent}if v{value} is not None: {variable}[{child!r}] = v{value}")
        else:
            _build_part(lines, variable, child, value, indent)
    lines.append(f"{indent}if {variable}: {holder}[{name!r}] = {variable}")
