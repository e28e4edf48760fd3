"""`praksis export`: Fiks Arkiv bundles, a Noark 5 deposit package, and the depot's check of one."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from ..common.errors import ExitCode
from ..report.output import json_text
from .context import AppContext


@click.group()
def export() -> None:
    """Eksport til arkivsystemet: Fiks Arkiv-bunter og Noark 5-arkivuttrekk."""


@export.command("fiks-arkiv")
@click.option("--sak", "saker", multiple=True, help="Bare denne saken (kan gjentas), f.eks. 2026/17.")
@click.option("--siden", "--since", "since", type=click.DateTime(["%Y-%m-%d", "%d.%m.%Y"]),
              help="Saker endret fra og med denne datoen. Standard: alt som er endret siden forrige eksport.")
@click.option("--samlet", "combined", is_flag=True, help="Én zip for alle sakene (standard: én zip per sak).")
@click.option("--ut", "out", type=click.Path(file_okay=False, path_type=Path),
              help="Mappen buntene skrives til. Standard: eksport/fiks-arkiv/ i arbeidsområdet.")
@click.option("--json", "as_json", is_flag=True, help="Skriv resultatet som JSON.")
@click.pass_obj
def export_fiks_arkiv_command(app: AppContext, saker: tuple[str, ...], since: Any, combined: bool, out: Path | None,
                              as_json: bool) -> None:
    """Lag arkivmelding-bunter (KS Fiks Arkiv v1) for sakene, kontrollert mot XSD."""
    from ..report.export import fiks_json, print_fiks
    from ..export.fiks_arkiv import export_fiks_arkiv
    result = export_fiks_arkiv(app.config, out, list(saker) or None, since.date() if since else None,
                               "samlet" if combined else None, progress=None if as_json else click.echo)
    if as_json:
        click.echo(json_text(fiks_json(result)))
    else:
        print_fiks(result, click.echo)
    if result.left_out:
        sys.exit(int(ExitCode.INPUT_REJECTED))


@export.command("arkivuttrekk")
@click.option("--fra", "--from", "start", required=True, type=click.DateTime(["%Y-%m-%d", "%d.%m.%Y"]),
              help="Første dag i perioden (saksdato).")
@click.option("--til", "--to", "end", required=True, type=click.DateTime(["%Y-%m-%d", "%d.%m.%Y"]),
              help="Siste dag i perioden (saksdato).")
@click.option("--ut", "out", type=click.Path(file_okay=False, path_type=Path),
              help="Mappen avleveringspakke/ lages i. Standard: eksport/arkivuttrekk/<fra>_<til>/.")
@click.pass_obj
def export_arkivuttrekk_command(app: AppContext, start: Any, end: Any, out: Path | None) -> None:
    """Lag et Noark 5 v5.0-arkivuttrekk (avleveringspakke) for de avsluttede sakene i perioden."""
    from ..report.export import print_deposit
    from ..export.arkivuttrekk import export_arkivuttrekk
    result = export_arkivuttrekk(app.config, start.date(), end.date(), out)
    print_deposit(result, click.echo)


@export.command("check")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Skriv resultatet som JSON.")
@click.pass_obj
def export_check_command(app: AppContext, directory: Path, as_json: bool) -> None:
    """Kontroller en avleveringspakke slik depotet gjør; vis alle avvik; exit 1 ved avvik."""
    from ..report.export import package_problems_json, print_package_problems
    from ..export.package_check import check_package
    package = directory / "avleveringspakke" if (directory / "avleveringspakke").is_dir() else directory
    problems = check_package(package)
    if as_json:
        click.echo(json_text(package_problems_json(package, problems)))
    else:
        print_package_problems(package, problems, click.echo)
    if problems:
        sys.exit(int(ExitCode.INPUT_REJECTED))
