"""The `praksis` command: a thin layer over the library. Errors become messages and exit codes."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from . import __version__
from .config import Config, load_config
from .errors import ConfigError, ExitCode, InputFileError, PraksisError
from .report import ValidationTable, validation_json
from .validation import FileResult, Validator
from .workspace import Workspace, init_workspace, workspace_from


@dataclass
class AppContext:
    workspace: Workspace
    _config: Config | None = None

    @property
    def config(self) -> Config:
        """Read once, on first use, and passed down from here."""
        if self._config is None:
            self._config = load_config(self.workspace)
        return self._config


class PraksisGroup(click.Group):
    """Turns the library's typed errors into a message on stderr and the right exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PraksisError as exc:
            click.echo(f"Feil: {exc.message}", err=True)
            ctx.exit(int(exc.exit_code))


@click.group(cls=PraksisGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), envvar="PRAKSIS_ROOT",
              help="Arbeidsområdet (mappe med inbox/, archive/, config/). Standard: gjeldende mappe.")
@click.version_option(__version__, prog_name="praksis")
@click.pass_context
def main(ctx: click.Context, root: Path | None) -> None:
    """praksis: dokumenter og arkiv for praksisplasser."""
    ctx.obj = AppContext(workspace_from(root))


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def init(directory: Path) -> None:
    """Lag et nytt arbeidsområde i DIRECTORY med standardoppsett."""
    workspace = init_workspace(directory)
    click.echo(f"Laget arbeidsområdet {workspace.root}")
    click.echo(f"  Oppsett:   {workspace.config_dir} (praksis.toml, kolonner.toml)")
    click.echo(f"  Maler:     {workspace.templates}")
    click.echo(f"  Innboks:   {workspace.inbox}")
    click.echo(f"  Arkiv:     {workspace.archive}")


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Skriv resultatet som JSON.")
@click.pass_obj
def validate(app: AppContext, files: tuple[Path, ...], as_json: bool) -> None:
    """Kontroller praksisplasser i FILES (JSON, CSV, .xlsx) og vis alle feil."""
    validator = Validator(app.config)
    table = None if as_json else ValidationTable(click.echo)
    results: list[FileResult] = []
    for path in files:
        result = FileResult(str(path))
        results.append(result)
        if table:
            table.start_file(str(path))
        try:
            for i, record in enumerate(validator.iter_file(path, result)):
                if table and i == 0:
                    table.header(result.unit)
                result.records.append(record)
                if table:
                    table.record(record)
        except InputFileError as exc:
            result.file_error = exc.reason
        if table:
            table.finish_file(result)
    if as_json:
        click.echo(json.dumps(validation_json(results), ensure_ascii=False, indent=2))
    elif table:
        table.summary(results)
    if not all(r.ok for r in results):
        sys.exit(int(ExitCode.INPUT_REJECTED))


__all__ = ["main", "ConfigError"]
