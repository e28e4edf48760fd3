"""`praksis signert`: file signed copies, and approve or reject a scan waiting for review."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..common.errors import ExitCode
from ..report.output import json_text
from .context import AppContext, refresh_inbox


class SignedGroup(click.Group):
    """`praksis signert FIL…` files signed copies (the command `arkiver`); `godkjenn` and `avvis`
    settle a scan waiting in signert/til_kontroll/."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = ["arkiver", *args]
        return super().parse_args(ctx, args)


@click.group(cls=SignedGroup)
def signert() -> None:
    """Signerte dokumenter: «praksis signert FIL…» arkiverer, «godkjenn»/«avvis» avgjør det som venter på kontroll."""


@signert.command("arkiver")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Skriv resultatet som JSON.")
@click.pass_obj
def signert_arkiver(app: AppContext, files: tuple[Path, ...], as_json: bool) -> None:
    """Arkiver signerte dokumenter (skannet eller e-signert PDF) i riktig sak.

    Dokumentet finnes fra QR-koden, dokument-id-en i filnavnet eller i teksten. Flere filer for
    samme dokument (én per part, forside og bakside) slås sammen til én signert versjon."""
    from ..report.signed import print_signed, signed_json
    from ..signed.results import SignedOutcome
    from ..inbox.signed_folder import SignedFolder
    results = SignedFolder(app.config).file_given(list(files))
    refresh_inbox(app.config)
    if as_json:
        click.echo(json_text(signed_json(results)))
    else:
        print_signed(results, app.config.settings.signering.til_kontroll, click.echo)
    if any(r.outcome is not SignedOutcome.ARKIVERT for r in results):
        sys.exit(int(ExitCode.INPUT_REJECTED))


@signert.command("godkjenn")
@click.argument("fil", type=click.Path(path_type=Path))
@click.option("--grunn", default="", help="Hva du kontrollerte (skrives i sakens hendelseslogg).")
@click.pass_obj
def signert_godkjenn(app: AppContext, fil: Path, grunn: str) -> None:
    """Arkiver en skannet kopi som venter i til_kontroll/ som signert: du har sett på den og går god for den."""
    from ..report.signed import print_approved
    from ..inbox.signed_folder import SignedFolder
    print_approved(SignedFolder(app.config).approve(fil, grunn), click.echo)


@signert.command("avvis")
@click.argument("fil", type=click.Path(path_type=Path))
@click.option("--grunn", required=True, help="Hvorfor kopien ikke godtas (skrives i sakens hendelseslogg).")
@click.pass_obj
def signert_avvis(app: AppContext, fil: Path, grunn: str) -> None:
    """Avvis en kopi som venter i til_kontroll/: den flyttes til avvist/, og dokumentet mangler fortsatt signatur."""
    from ..report.signed import print_set_aside
    from ..inbox.signed_folder import SignedFolder
    print_set_aside(SignedFolder(app.config).reject(fil, grunn), click.echo)
