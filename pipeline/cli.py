"""The `praksis` command: a thin layer over the library. Errors become messages and exit codes."""

from __future__ import annotations

import json
import logging
import signal
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from . import __version__
from .environment import from_os_error, from_sqlite_error
from .errors import ExitCode, InputFileError, PraksisError
from .workspace import Workspace, init_workspace, workspace_from

if TYPE_CHECKING:
    from .config import Config
    from .preview import PreviewDocument

# Each command imports what it uses: `praksis list` should not pay for the validator, docxtpl,
# pikepdf, openpyxl and LibreOffice's wrappers (0.6 s of CPU at every start, 15 s of wall time
# in one run on a loaded machine: more than list's own work at 30,000 cases).


@dataclass
class AppContext:
    workspace: Workspace
    _config: Config | None = None

    @property
    def config(self) -> Config:
        """Read once, on first use, and passed down from here."""
        if self._config is None:
            from .config import load_config
            self._config = load_config(self.workspace)
        return self._config


def refresh_inbox(config: Config, say: bool = False) -> None:
    """til_signering/, oversikt.html and ledige_plasser.html brought up to date after a change.
    A failure here is reported but does not undo or fail the change itself."""
    from .pages import refresh
    try:
        result = refresh(config)
    except OSError as exc:
        click.echo(f"Merk: oversikten i innboksen ble ikke oppdatert: {exc.strerror or exc} ({exc.filename}).", err=True)
        return
    if say:
        inbox = config.inbox
        click.echo(f"Oversikten er skrevet: {inbox / config.settings.innboks.oversikt} ({result.cases} åpne saker) og "
                   f"{inbox / config.settings.innboks.ledige_plasser}.")
        click.echo(f"{inbox / config.settings.innboks.til_signering}: {result.written} lagt til, {result.removed} "
                   f"fjernet" + (f", {result.set_aside} ukjente flyttet til avvist/" if result.set_aside else "")
                   + f" ({result.seconds:.2f} s).")


class PraksisGroup(click.Group):
    """Turns the library's typed errors into a message on stderr and the right exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PraksisError as exc:
            click.echo(f"Feil: {exc.message}", err=True)
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
    from .report import ValidationJson, ValidationTable
    from .validation import FileResult, Validator
    validator = Validator(app.config)
    report = ValidationJson(lambda text: click.echo(text, nl=False)) if as_json else ValidationTable(click.echo)
    results: list[FileResult] = []
    for path in files:
        result = FileResult(str(path))
        results.append(result)
        report.start_file(str(path))
        try:
            for i, record in enumerate(validator.iter_file(path, result)):  # streamed: records are not kept
                if i == 0 and isinstance(report, ValidationTable):
                    report.header(result.unit)
                result.count(record)
                report.record(record)
        except InputFileError as exc:
            result.file_error = exc.reason
        report.finish_file(result)
    report.summary(results)
    if not all(r.ok for r in results):
        sys.exit(int(ExitCode.INPUT_REJECTED))


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--tving", "force", is_flag=True, help="Behandle filer på nytt selv om de er behandlet før.")
@click.option("--json", "as_json", is_flag=True, help="Skriv resultatet som JSON.")
@click.pass_obj
def ingest(app: AppContext, files: tuple[Path, ...], force: bool, as_json: bool) -> None:
    """Les, kontroller, lag dokumentene som er aktuelle, og arkiver dem i archive/."""
    from .ingest import Ingest
    from .report import ingest_json, print_ingest
    echo = (lambda _m: None) if as_json else click.echo
    report = Ingest(app.config, progress=echo, force=force).run(list(files))
    refresh_inbox(app.config)
    if as_json:
        click.echo(json.dumps(ingest_json(report), ensure_ascii=False, indent=2))
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
    from .inbox.watcher import InboxWatcher  # heavy imports (watchdog, pyHanko, pdfium) only where used
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
    from .archive.overview import list_cases, list_json
    from .archive.store import ArchiveStore
    from .report import json_lines, print_case_list
    store = ArchiveStore(app.config.workspace.archive)
    if as_json:
        click.echo(json_lines("saker", list_json(store, app.config)))
        return
    print_case_list(list_cases(store, app.config), click.echo)


@main.command()
@click.argument("saksnummer")
@click.option("--json", "as_json", is_flag=True, help="Skriv resultatet som JSON.")
@click.pass_obj
def show(app: AppContext, saksnummer: str, as_json: bool) -> None:
    """Alt om én sak: metadata, journalposter, versjoner med filer og sjekksummer, hendelser."""
    from .archive.overview import show_case
    from .archive.store import ArchiveStore
    from .ingest import CaseError
    from .report import print_case
    store = ArchiveStore(app.config.workspace.archive)
    case = store.load_case(saksnummer)
    if case is None:
        raise CaseError(f"Fant ingen sak {saksnummer}. Se sakene med «praksis list».")
    data = show_case(store, app.config, case)
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    print_case(data, click.echo)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Skriv resultatet som JSON.")
@click.pass_obj
def verify(app: AppContext, as_json: bool) -> None:
    """Kontroller hele arkivet mot lagrede sjekksummer; vis alle avvik; exit 1 ved avvik."""
    from .archive.fixity import verify_workspace
    report = verify_workspace(app.config)
    if as_json:
        click.echo(json.dumps({"saker": report.cases, "filer": report.files,
                               "avvik": [p.as_dict() for p in report.problems]}, ensure_ascii=False, indent=2))
    else:
        for problem in report.problems:
            click.echo(f"  {problem.kind.upper():<12} {problem.path}: {problem.detail}")
        click.echo(f"{report.cases} saker, {report.files} filer kontrollert, {len(report.problems)} avvik.")
    if report.problems:
        sys.exit(int(ExitCode.INPUT_REJECTED))


@main.command()
@click.pass_obj
def reindex(app: AppContext) -> None:
    """Bygg registeret (registry.sqlite) på nytt fra filene i archive/."""
    from .archive.reindex import reindex_workspace
    counts = reindex_workspace(app.config, say=click.echo)
    refresh_inbox(app.config)
    click.echo("Registeret er bygd på nytt: " + ", ".join(f"{v} {k}" for k, v in counts.items()) + ".")


@main.command()
@click.argument("saksnummer")
@click.option("--dokument", "dokumenter", multiple=True, help="Bare dette dokumentet (kan gjentas).")
@click.option("--grunn", required=True, help="Hvorfor dokumentene lages på nytt (skrives i hendelsesloggen).")
@click.pass_obj
def regenerate(app: AppContext, saksnummer: str, dokumenter: tuple[str, ...], grunn: str) -> None:
    """Lag en ny versjon av dokumentene i en sak fra det lagrede grunnlaget, med dagens maler."""
    from .ingest import Ingest
    from .report import print_ingest
    report = Ingest(app.config, progress=click.echo).regenerate(saksnummer, list(dokumenter) or None, grunn)
    refresh_inbox(app.config)
    print_ingest(report, app.config.workspace, click.echo)
    if not report.ok:
        sys.exit(int(ExitCode.INPUT_REJECTED))


class SignedGroup(click.Group):
    """`praksis signert FIL…` files signed copies (the command `arkiver`); `godkjenn` and `avvis`
    settle a scan waiting in signert/til_kontroll/."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = ["arkiver", *args]
        return super().parse_args(ctx, args)


@main.group(cls=SignedGroup)
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
    from .signed.intake import SignedIntake
    results = SignedIntake(app.config).file_given(list(files))
    refresh_inbox(app.config)
    if as_json:
        click.echo(json.dumps([{"filer": r.names, "utfall": r.outcome, "saksnummer": r.saksnummer,
                                "dokument": r.identity.dokumenttype if r.identity else None, "versjon": r.version,
                                "variant": r.kind, "funnet_fra": r.method, "signaturer": r.signatures,
                                "melding": r.message} for r in results], ensure_ascii=False, indent=2))
    else:
        for result in results:
            if result.outcome == "arkivert" and result.identity:
                click.echo(f"  ARKIVERT {', '.join(result.names)}: {result.identity.dokumenttype} i sak "
                           f"{result.saksnummer} som versjon {result.version} ({result.kind}; funnet fra {result.method})")
                for signature in result.signatures:
                    click.echo(f"      signatur: {signature['signert_av']}: {signature['resultat']}")
                if result.replaced_by is not None:
                    click.echo(f"      ADVARSEL: versjon {result.identity.versjon} er erstattet av versjon "
                               f"{result.replaced_by}, som fortsatt venter på signatur.")
            elif result.outcome == "til kontroll":
                click.echo(f"  TIL KONTROLL {', '.join(result.names)}: {result.message} Kopien ligger i "
                           f"{app.config.settings.signering.til_kontroll}/ og venter på «praksis signert godkjenn» "
                           "eller «praksis signert avvis».")
            else:
                click.echo(f"  AVVIST {', '.join(result.names)}: {result.message}")
        done = sum(1 for r in results if r.outcome == "arkivert")
        review = sum(1 for r in results if r.outcome == "til kontroll")
        click.echo(f"\n{done} dokument(er) arkivert, {review} til kontroll, {len(results) - done - review} avvist.")
    if any(r.outcome != "arkivert" for r in results):
        sys.exit(int(ExitCode.INPUT_REJECTED))


@signert.command("godkjenn")
@click.argument("fil", type=click.Path(path_type=Path))
@click.option("--grunn", default="", help="Hva du kontrollerte (skrives i sakens hendelseslogg).")
@click.pass_obj
def signert_godkjenn(app: AppContext, fil: Path, grunn: str) -> None:
    """Arkiver en skannet kopi som venter i til_kontroll/ som signert: du har sett på den og går god for den."""
    from .signed.intake import SignedIntake
    result = SignedIntake(app.config).approve(fil, grunn)
    assert result.identity is not None
    click.echo(f"  ARKIVERT {', '.join(result.names)}: {result.identity.dokumenttype} i sak {result.saksnummer} "
               f"som versjon {result.version} (godkjent ved kontroll).")


@signert.command("avvis")
@click.argument("fil", type=click.Path(path_type=Path))
@click.option("--grunn", required=True, help="Hvorfor kopien ikke godtas (skrives i sakens hendelseslogg).")
@click.pass_obj
def signert_avvis(app: AppContext, fil: Path, grunn: str) -> None:
    """Avvis en kopi som venter i til_kontroll/: den flyttes til avvist/, og dokumentet mangler fortsatt signatur."""
    from .signed.intake import SignedIntake
    result = SignedIntake(app.config).reject(fil, grunn)
    click.echo(f"  AVVIST {', '.join(result.names)}: {result.message}"
               + (f" (logget i sak {result.saksnummer})" if result.saksnummer else ""))


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Skriv resultatet som JSON.")
@click.pass_obj
def mangler(app: AppContext, as_json: bool) -> None:
    """Det en koordinator må purre på: dokumenter uten signert kopi, og attester som mangler."""
    from .archive.overview import missing_items
    from .archive.store import ArchiveStore
    from .report import json_list
    items = missing_items(ArchiveStore(app.config.workspace.archive), app.config)
    if as_json:
        click.echo(json_list("mangler", items))
        return
    if not items:
        click.echo("Ingenting mangler: alle dokumenter som skal signeres har signert kopi.")
        return
    for item in items:
        click.echo(f"  {item['saksnummer']:<11} {item['hva']:<28} {item['detalj']}")
    click.echo(f"\n{len(items)} ting mangler.")


@main.command()
@click.pass_obj
def oversikt(app: AppContext) -> None:
    """Skriv oversikt.html, ledige_plasser.html og til_signering/ i innboksen på nytt fra registeret."""
    refresh_inbox(app.config, say=True)


@main.group()
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
    from .export.fiks_arkiv import export_fiks_arkiv
    result = export_fiks_arkiv(app.config, out, list(saker) or None, since.date() if since else None,
                               "samlet" if combined else None, progress=None if as_json else click.echo)
    if as_json:
        click.echo(json.dumps({"bunter": [str(b) for b in result.bundles], "saker": result.cases,
                               "meldinger": result.messages, "filer": result.files, "uendret": result.unchanged},
                              ensure_ascii=False, indent=2))
        return
    if not result.cases:
        click.echo(f"Ingenting nytt å eksportere ({result.unchanged} sak(er) er uendret siden forrige eksport).")
        return
    click.echo(f"{len(result.cases)} sak(er) eksportert: {result.messages} arkivmelding(er), {result.files} fil(er), "
               f"i {len(result.bundles)} bunt(er)" + (f"; {result.unchanged} uendret." if result.unchanged else "."))
    for bundle in result.bundles[:10]:
        click.echo(f"  {bundle}")
    if len(result.bundles) > 10:
        click.echo(f"  … og {len(result.bundles) - 10} til i {result.bundles[0].parent}")


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
    from .export.arkivuttrekk import export_arkivuttrekk
    result = export_arkivuttrekk(app.config, start.date(), end.date(), out)
    click.echo(f"Avleveringspakken er laget og kontrollert: {result.folder}")
    click.echo(f"  {result.cases} saksmapper, {result.journals} journalposter, {result.documents} dokumentfiler "
               f"({result.bytes / 1e6:.1f} MB)")
    if result.open_skipped:
        click.echo(f"  {result.open_skipped} sak(er) i perioden er ikke avsluttet og er ikke tatt med.")


@export.command("check")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Skriv resultatet som JSON.")
@click.pass_obj
def export_check_command(app: AppContext, directory: Path, as_json: bool) -> None:
    """Kontroller en avleveringspakke slik depotet gjør; vis alle avvik; exit 1 ved avvik."""
    from .export.package_check import check_package
    package = directory / "avleveringspakke" if (directory / "avleveringspakke").is_dir() else directory
    problems = check_package(package)
    if as_json:
        click.echo(json.dumps({"pakke": str(package), "avvik": [p.__dict__ for p in problems]},
                              ensure_ascii=False, indent=2))
    else:
        for problem in problems:
            click.echo(f"  {problem.text()}")
        click.echo(f"{package}: {len(problems)} avvik." if problems else f"{package}: ingen avvik.")
    if problems:
        sys.exit(int(ExitCode.INPUT_REJECTED))


@main.command("kassasjon")
@click.option("--dato", "on", type=click.DateTime(["%Y-%m-%d", "%d.%m.%Y"]),
              help="Vis det som er klart for kassasjon på denne datoen (standard: i dag).")
@click.option("--json", "as_json", is_flag=True, help="Skriv resultatet som JSON.")
@click.pass_obj
def kassasjon_command(app: AppContext, on: Any, as_json: bool) -> None:
    """Avsluttede saker der bevaringstiden er ute, til vurdering av arkivar. praksis sletter aldri noe."""
    from .kassasjon import due_cases
    from .localtime import now as oslo_now
    day = on.date() if on else oslo_now().date()
    due = due_cases(app.config, day)
    if as_json:
        click.echo(json.dumps({"dato": day.isoformat(), "saker": [d.as_dict() for d in due]}, ensure_ascii=False, indent=2))
        return
    if not due:
        click.echo(f"Ingen avsluttede saker har utløpt bevaringstid per {day.strftime('%d.%m.%Y')}.")
        return
    for d in due:
        click.echo(f"  {d.saksnummer:<11} {d.tiltak:<22} {d.enhet:<28} avsluttet {d.avsluttet}  "
                   f"{d.kassasjonsvedtak} etter {d.bevaringstid} år: {d.kassasjonsdato}")
    click.echo(f"\n{len(due)} sak(er) kan vurderes for kassasjon per {day.strftime('%d.%m.%Y')} "
               f"(hjemmel: se [bevaring] i config/praksis.toml). praksis sletter ingenting: "
               f"kassasjon gjøres i arkivsystemet etter arkivarens vedtak.")


@main.group()
def templates() -> None:
    """Arbeid med Word-malene i templates/docx/."""


@templates.command("check")
@click.option("--json", "as_json", is_flag=True, help="Skriv resultatet som JSON.")
@click.pass_obj
def templates_check(app: AppContext, as_json: bool) -> None:
    """Finn feil i malene: malkode, ukjente felt, fødselsnummer, og hull når valgfrie felt er tomme."""
    from .template_check import check_templates
    results = check_templates(app.config)
    problems = [p for found in results.values() for p in found]
    if as_json:
        click.echo(json.dumps({"maler": {name: [p.message for p in found] for name, found in results.items()},
                               "feil": len(problems)}, ensure_ascii=False, indent=2))
    else:
        for name, found in results.items():
            click.echo(f"{name}: {'OK' if not found else f'{len(found)} feil'}")
            for problem in found:
                click.echo(f"  - {problem.message}")
        click.echo(f"\n{len(results)} maler kontrollert, {len(problems)} feil.")
    if problems:
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
    from .preview import render_previews
    config = app.config
    counter = {"n": 0}

    def show(document: PreviewDocument) -> None:
        counter["n"] += 1
        shown = document.pdf or document.docx
        state = f"FEIL: {document.error}" if document.error else str(shown)
        click.echo(f"  [{counter['n']}] {document.record_id:<20} {document.dokumenttype:<18} {state}")

    click.echo(f"Lager utkast i {out} …" + ("" if no_pdf else " (starter LibreOffice for PDF/A; det tar noen sekunder)"))
    result = render_previews(config, list(files), out, every_document=every_document, pdf=not no_pdf,
                             on_document=show)
    for file_result in result.files:
        if file_result.file_error:
            click.echo(f"{file_result.path}: AVVIST: {file_result.file_error}")
        for error in file_result.errors:
            click.echo(f"{error.fil}, {error.plassering}, kolonne «{error.kolonne}»: {error.melding}")
    made = [d for d in result.documents if not d.error]
    invalid = sum(f.n_invalid for f in result.files)
    click.echo(f"\n{len(made)} dokument(er) laget i {out}"
               + (f", {len(result.documents) - len(made)} feilet" if len(made) < len(result.documents) else "")
               + (f"; {invalid} praksisplass(er) avvist (se feilene over)" if invalid else "") + ".")
    click.echo("Alle er UTKAST: de har ikke saksnummer og er ikke arkivert.")
    if not result.ok:
        sys.exit(int(ExitCode.INPUT_REJECTED))
