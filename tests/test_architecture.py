"""The shape of the house (docs/arkitektur.md), read from the source: no import cycle between
packages, no module over 400 lines, and `subprocess` only in the wrappers of programs/."""

from __future__ import annotations

import ast
from pathlib import Path

from pipeline.common.workspace import PACKAGE_ROOT

PIPELINE = PACKAGE_ROOT / "pipeline"
MAX_LINES = 400


def modules() -> list[Path]:
    return sorted(PIPELINE.rglob("*.py"))


def unit(module: str) -> str:
    """The node of the package graph: a sub-package (`pipeline.archive`, `pipeline.cli`) or a
    top-level module (`pipeline.ingest`)."""
    return ".".join(module.split(".")[:2])


def imported(path: Path) -> set[str]:
    """Every praksis module `path` imports, at the top or inside a function."""
    parts = list(path.relative_to(PACKAGE_ROOT).with_suffix("").parts)
    package = parts[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            if not node.module:  # `from . import x`: x is a module of that package
                found |= {f"{name}.{alias.name}" for alias in node.names}
            else:
                found.add(name)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return {name for name in found if name.startswith("pipeline.")}


def package_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in modules():
        source = unit(".".join(path.relative_to(PACKAGE_ROOT).with_suffix("").parts))
        if source == "pipeline.__init__":
            continue
        graph.setdefault(source, set()).update(unit(name) for name in imported(path) if unit(name) != source)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycle_between_packages() -> None:
    graph = package_graph()
    assert "pipeline.archive" in graph and "pipeline.ingest" in graph  # the graph was read
    assert cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_domain_and_common_packages_import_nothing_above_them() -> None:
    graph = package_graph()
    assert graph["pipeline.domain"] == set()
    assert graph["pipeline.common"] <= {"pipeline.domain"}


def test_no_module_over_400_lines() -> None:
    sizes = {str(path.relative_to(PACKAGE_ROOT)): len(path.read_text(encoding="utf-8").splitlines())
             for path in modules()}
    over = {name: lines for name, lines in sizes.items() if lines > MAX_LINES}
    assert over == {}, f"split these along a seam they have (issue #15): {over}"


def test_subprocess_only_in_the_program_wrappers() -> None:
    users = sorted(str(path.relative_to(PACKAGE_ROOT)) for path in modules()
                   if "subprocess" in {a.name for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                                       if isinstance(n, ast.Import) for a in n.names}
                   | {n.module for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                      if isinstance(n, ast.ImportFrom) and n.module})
    assert users and all(name.startswith("pipeline/programs/") for name in users), users
