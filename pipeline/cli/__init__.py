"""The `praksis` command: a thin layer over the library. Errors become messages and exit codes.
The groups `signert` and `export` are in signed_commands.py and export_commands.py."""

from __future__ import annotations

import logging
import signal
import sqlite3
import sys
from pathlib import Path
from typing import Any

import click

from .. import __version__
from ..common.environment import from_os_error, from_sqlite_error
from ..common.errors import CaseError, ExitCode, PraksisError
from ..common.workspace import init_workspace, workspace_from
from ..report.output import json_list, json_lines, json_text
from .context import AppContext, refresh_inbox
from .export_commands import export
from .signed_commands import signert

# Each command imports what it uses: `praksis list` should not pay for the validator, docxtpl,
# pikepdf, openpyxl and LibreOffice's wrappers (0.6 s of CPU at every start, 15 s of wall time
# in one run on a loaded machine: more than list's own work at 30,000 cases).


class PraksisGroup(click.Group):
    """Turns the library's typed errors into a message on stderr and the right exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PraksisError as exc:
            texts = ctx.obj.texts if isinstance(ctx.obj, AppContext) else None
            if texts is None:
                click.echo(f"Feil: {exc.message}", err=True)
            else:
                _ = texts
                click.echo(_("Feil: {melding}", melding=exc.message), err=True)
            ctx.exit(int(exc.exit_code))
        except (OSError, sqlite3.Error) as exc:  # the machine, not the input: disk full, read-only, no access
            registry = ctx.obj.workspace.registry if isinstance(ctx.obj, AppContext) else None
            fault = from_os_error(exc) if isinstance(exc, OSError) else from_sqlite_error(exc, registry)
            click.echo(f"Feil: {fault.message}", err=True)
            ctx.exit(int(fault.exit_code))


@click.group(cls=PraksisGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), envvar="PRAKSIS_ROOT",
              help="Arbeidsområdet (mappe med inbox/, archive/, config/). Standard: gjeldende mappe.")
@click.version_option(__version__, prog_name="praksis")
@click.pass_context
def main(ctx: click.Context, root: Path | None) -> None:
    """praksis: dokumenter og arkiv for praksisplasser."""
    ctx.obj = AppContext(workspace_from(root))


main.add_command(signert)
main.add_command(export)


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def init(directory: Path) -> None:
    """Lag et nytt arbeidsområde i DIRECTORY med standardoppsett."""
    from ..report.workspace import print_workspace
    workspace = init_workspace(directory)
    print_workspace(workspace, click.echo)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Skriv resultatet som JSON.")
@click.pass_obj
def validate(app: AppContext, files: tuple[Path, ...], as_json: bool) -> None:
    """Kontroller praksisplasser i FILES (JSON, CSV, .xlsx) og vis alle feil."""
    from ..report.validation import ValidationJson, ValidationTable
    from ..validation.files import validate_files
    from ..validation.validator import Validator
    report = ValidationJson(lambda text: click.echo(text, nl=False)) if as_json else ValidationTable(click.echo, app.config.texts)
    results = validate_files(Validator(app.config), files, report)
    if not all(r.ok for r in results):
        sys.exit(int(ExitCode.INPUT_REJECTED))


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--tving", "force", is_flag=True, help="Behandle filer på nytt selv om de er behandlet før.")
@click.option("--json", "as_json", is_flag=True, help="Skriv resultatet som JSON.")
@click.pass_obj
def ingest(app: AppContext, files: tuple[Path, ...], force: bool, as_json: bool) -> None:
    """Les, kontroller, lag dokumentene som er aktuelle, og arkiver dem i archive/."""
    from ..ingest import Ingest
    from ..report.ingest import ingest_json, print_ingest
    echo = (lambda _m: None) if as_json else click.echo
    report = Ingest(app.config, progress=echo, force=force).run(list(files))
    refresh_inbox(app.config)
    if as_json:
        click.echo(json_text(ingest_json(report)))
    else:
        print_ingest(report, app.config.workspace, click.echo)
    if not report.ok:
        sys.exit(int(ExitCode.INPUT_REJECTED))


@main.command()
@click.option("--polling", is_flag=True,
              help="Se etter endringer ved å liste mappen (for nettverksshare, der inotify ikke merker noe).")
@click.option("-v", "--verbose", is_flag=True, help="Mer detaljert logg (fremdrift per dokument).")
@click.pass_obj
def watch(app: AppContext, polling: bool, verbose: bool) -> None:
    """Følg med på innboksen og behandle filene som legges der, til Ctrl-C eller SIGTERM."""
    from ..inbox.watcher import InboxWatcher  # heavy imports (watchdog, pyHanko, pdfium) only where used
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO, stream=sys.stderr,
                        format="%(asctime)s %(levelname)-7s %(message)s", datefmt="%Y-%m-%d %H:%M:%S")
    watcher = InboxWatcher(app.config, polling=polling)

    def stop(signum: int, _frame: object) -> None:
        logging.getLogger("praksis.watch").info(
            "%s mottatt: stopper når filen som behandles nå er ferdig", signal.Signals(signum).name)
        watcher.request_stop()

    signal.signal(signal.SIGINT, stop)  # before the lock is taken: from then on a signal is a clean stop
    signal.signal(signal.SIGTERM, stop)
    watcher.run()


@main.command("list")
@click.option("--json", "as_json", is_flag=True, help="Skriv resultatet som JSON.")
@click.pass_obj
def list_command(app: AppContext, as_json: bool) -> None:
    """Sakene: status, tiltak, enhet, periode, dokumenter og hva som mangler signert versjon."""
    from ..archive.store import ArchiveStore
    from ..pages.cases import list_cases, list_json
    from ..report.cases import print_case_list
    store = ArchiveStore(app.config.workspace.archive)
    if as_json:
        click.echo(json_lines("saker", list_json(store, app.config)))  # the JSON text made by SQLite
        return
    print_case_list(list_cases(store, app.config), click.echo, app.config.texts)


@main.command()
@click.argument("saksnummer")
@click.option("--json", "as_json", is_flag=True, help="Skriv resultatet som JSON.")
@click.pass_obj
def show(app: AppContext, saksnummer: str, as_json: bool) -> None:
    """Alt om én sak: metadata, journalposter, versjoner med filer og sjekksummer, hendelser."""
    from ..archive.store import ArchiveStore
    from ..pages.cases import show_case
    from ..report.cases import print_case
    store = ArchiveStore(app.config.workspace.archive)
    case = store.load_case(saksnummer)
    if case is None:
        raise CaseError(f"Fant ingen sak {saksnummer}. Se sakene med «praksis list».")
    data = show_case(store, app.config, case)
    if as_json:
        click.echo(json_text(data))
        return
    print_case(data, click.echo)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Skriv resultatet som JSON.")
@click.pass_obj
def verify(app: AppContext, as_json: bool) -> None:
    """Kontroller hele arkivet mot lagrede sjekksummer; vis alle avvik; exit 1 ved avvik."""
    from ..archive.fixity import verify_workspace
    from ..report.archive import fixity_json, print_fixity
    report = verify_workspace(app.config)
    if as_json:
        click.echo(json_text(fixity_json(report)))
    else:
        print_fixity(report, click.echo)
    if report.problems:
        sys.exit(int(ExitCode.INPUT_REJECTED))


@main.command()
@click.pass_obj
def reindex(app: AppContext) -> None:
    """Bygg registeret (registry.sqlite) på nytt fra filene i archive/."""
    from ..archive.reindex import reindex_workspace
    from ..report.archive import print_reindexed
    counts = reindex_workspace(app.config, say=click.echo)
    refresh_inbox(app.config)
    print_reindexed(counts, click.echo)


@main.command()
@click.argument("saksnummer")
@click.option("--dokument", "dokumenter", multiple=True, help="Bare dette dokumentet (kan gjentas).")
@click.option("--grunn", required=True, help="Hvorfor dokumentene lages på nytt (skrives i hendelsesloggen).")
@click.pass_obj
def regenerate(app: AppContext, saksnummer: str, dokumenter: tuple[str, ...], grunn: str) -> None:
    """Lag en ny versjon av dokumentene i en sak fra det lagrede grunnlaget, med dagens maler."""
    from ..ingest import Ingest
    from ..report.ingest import print_ingest
    report = Ingest(app.config, progress=click.echo).regenerate(saksnummer, list(dokumenter) or None, grunn)
    refresh_inbox(app.config)
    print_ingest(report, app.config.workspace, click.echo)
    if not report.ok:
        sys.exit(int(ExitCode.INPUT_REJECTED))


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Skriv resultatet som JSON.")
@click.pass_obj
def mangler(app: AppContext, as_json: bool) -> None:
    """Det en koordinator må purre på: dokumenter uten signert kopi, og attester som mangler."""
    from ..archive.store import ArchiveStore
    from ..pages.cases import missing_items
    from ..report.cases import print_missing
    _ = app.config.texts
    items = missing_items(ArchiveStore(app.config.workspace.archive), app.config)
    if as_json:
        click.echo(json_list("mangler", items))
    else:
        print_missing(items, click.echo, app.config.texts)


@main.command()
@click.pass_obj
def oversikt(app: AppContext) -> None:
    """Skriv oversikt.html, ledige_plasser.html og til_signering/ i innboksen på nytt fra registeret."""
    refresh_inbox(app.config, say=True)


@main.command("kassasjon")
@click.option("--dato", "on", type=click.DateTime(["%Y-%m-%d", "%d.%m.%Y"]),
              help="Vis det som er klart for kassasjon på denne datoen (standard: i dag).")
@click.option("--json", "as_json", is_flag=True, help="Skriv resultatet som JSON.")
@click.pass_obj
def kassasjon_command(app: AppContext, on: Any, as_json: bool) -> None:
    """Avsluttede saker der bevaringstiden er ute, til vurdering av arkivar. praksis sletter aldri noe."""
    from ..report.archive import disposal_json, print_due_for_disposal
    from ..archive.kassasjon import due_cases
    from ..common.localtime import now as oslo_now
    day = on.date() if on else oslo_now().date()
    due = due_cases(app.config, day)
    if as_json:
        click.echo(json_text(disposal_json(due, day)))
    else:
        print_due_for_disposal(due, day, click.echo)


@main.group()
def templates() -> None:
    """Arbeid med Word-malene i templates/docx/."""


@templates.command("check")
@click.option("--json", "as_json", is_flag=True, help="Skriv resultatet som JSON.")
@click.pass_obj
def templates_check(app: AppContext, as_json: bool) -> None:
    """Finn feil i malene: malkode, ukjente felt, fødselsnummer, og hull når valgfrie felt er tomme."""
    from ..documents.template_check import check_templates
    from ..report.workspace import print_template_check, template_check_json
    results = check_templates(app.config)
    if as_json:
        click.echo(json_text(template_check_json(results)))
    else:
        print_template_check(results, click.echo)
    if any(not p.warning for found in results.values() for p in found):
        sys.exit(int(ExitCode.INPUT_REJECTED))


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Mappen utkastene skrives til (én undermappe per praksisplass).")
@click.option("--alle", "every_document", is_flag=True,
              help="Lag alle dokumentene for tiltaket, ikke bare dem som er aktuelle for statusen.")
@click.option("--uten-pdf", "no_pdf", is_flag=True, help="Bare DOCX, ingen PDF/A.")
@click.pass_obj
def render(app: AppContext, files: tuple[Path, ...], out: Path, every_document: bool, no_pdf: bool) -> None:
    """Lag utkast (DOCX og PDF/A) for praksisplassene i FILES uten å arkivere dem."""
    from ..documents.preview import render_previews
    from ..report.drafts import DraftProgress, print_drafts, print_drafts_start
    print_drafts_start(out, not no_pdf, click.echo)
    result = render_previews(app.config, list(files), out, every_document=every_document, pdf=not no_pdf,
                             on_document=DraftProgress(click.echo))
    print_drafts(result, out, click.echo)
    if not result.ok:
        sys.exit(int(ExitCode.INPUT_REJECTED))
