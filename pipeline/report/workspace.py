"""The workspace: `praksis init` and `templates check`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .output import Echo

if TYPE_CHECKING:
    from ..common.workspace import Workspace
    from ..documents.template_check import TemplateProblem


def print_workspace(workspace: Workspace, echo: Echo) -> None:
    echo(f"Laget arbeidsområdet {workspace.root}")
    echo(f"  Oppsett:   {workspace.config_dir} (praksis.toml, kolonner.toml)")
    echo(f"  Maler:     {workspace.templates}")
    echo(f"  Innboks:   {workspace.inbox}")
    echo(f"  Arkiv:     {workspace.archive}")


def template_check_json(results: dict[str, list[TemplateProblem]]) -> dict[str, Any]:
    return {"maler": {name: [p.message for p in found if not p.warning] for name, found in results.items()},
            "advarsler": {name: [p.message for p in found if p.warning]
                          for name, found in results.items() if any(p.warning for p in found)},
            "feil": sum(1 for found in results.values() for p in found if not p.warning)}


def print_template_check(results: dict[str, list[TemplateProblem]], echo: Echo) -> None:
    """Each template's errors and remarks («Merk: …», which do not fail the check)."""
    problems = sum(1 for found in results.values() for p in found if not p.warning)
    warnings = sum(1 for found in results.values() for p in found if p.warning)
    for name, found in results.items():
        errors = [p for p in found if not p.warning]
        echo(f"{name}: {'OK' if not errors else f'{len(errors)} feil'}")
        for problem in found:
            echo(f"  - {'Merk: ' if problem.warning else ''}{problem.message}")
    echo(f"\n{len(results)} maler kontrollert, {problems} feil, {warnings} merknader.")
