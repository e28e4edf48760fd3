"""Reports for people (a readable table, in the workspace's målform) and for machines (`--json`)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from .domain.texts import Texts

if TYPE_CHECKING:  # `praksis list` imports this module and should not pay for ingest's imports
    from pathlib import Path

    from .archive.fixity import FixityReport
    from .archive.kassasjon import Due
    from .common.workspace import Workspace
    from .documents.planning import Outcome, Skip
    from .documents.template_check import TemplateProblem
    from .export.arkivuttrekk import DepositResult
    from .export.fiks_arkiv import FiksExport
    from .export.package_check import Problem
    from .signed.results import SignedOutcome, SignedResult
    from .validation.validator import FileResult, RecordResult

Echo = Callable[[str], None]


@dataclass
class RecordOutcome:
    """What happened to one placement of an ingest, for the CLI, --json and receipts."""

    source: str
    where: str
    praksisplass_id: str | None
    kind: Outcome
    saksnummer: str | None = None
    row: int | None = None  # line, row or post number in the source (for rejected-row files)
    name: str | None = None  # the praktikant's name, for receipts
    documents: list[str] = field(default_factory=list)
    message: str | None = None
    skipped: list[Skip] = field(default_factory=list)  # documents due but not made again, with why


@dataclass
class IngestReport:
    """A whole ingest (or regenerate) run."""

    files: list[FileResult] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, when it was processed)
    outcomes: list[RecordOutcome] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    documents: int = 0
    source_copies: dict[str, str] = field(default_factory=dict)  # input path → its copy in archive/

    def count(self, kind: Outcome) -> int:
        return sum(1 for o in self.outcomes if o.kind == kind)

    @property
    def ok(self) -> bool:
        from .documents.planning import Outcome  # at run time only where used: see the imports
        return all(f.ok for f in self.files) and self.count(Outcome.AVVIST) == 0


def describe_errors(result: RecordResult, texts: Texts) -> str:
    """Every error of a record, with its column and (masked) value, one per line (the messages
    are in the målform already: the validator wrote them)."""
    _ = texts
    return "\n".join(
        _("kolonne «{kolonne}» = «{verdi}»: {melding}", kolonne=e.kolonne, verdi=e.verdi, melding=e.melding) if e.verdi
        else _("kolonne «{kolonne}»: {melding}", kolonne=e.kolonne, melding=e.melding) for e in result.errors)


def json_list(key: str, items: list[dict[str, Any]]) -> str:
    """`{key: items}` as JSON with one item per line: each line by the C encoder (`indent`
    makes json use its pure-Python encoder, 13 of the 22 s of a 30,000-case `list --json`)."""
    return json_lines(key, (json.dumps(item, ensure_ascii=False) for item in items))


def json_lines(key: str, items: Iterable[str]) -> str:
    """`{key: [...]}` from items that are JSON text already, one per line, as `json_list` writes it."""
    lines = ",\n".join("  " + item for item in items)
    return f'{{"{key}": [\n{lines}\n]}}' if lines else f'{{"{key}": []}}'


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class ValidationTable:
    """Prints a file's records as they are validated (streaming), then its errors and a summary."""

    def __init__(self, echo: Echo, texts: Texts) -> None:
        self.echo = echo
        self.texts = texts

    def start_file(self, path: str) -> None:
        self.echo(f"\n{path}")

    def header(self, unit: str) -> None:
        _ = self.texts
        praktikant, tiltak, status = _("Praktikant"), _("Tiltak"), _("Status")
        self.echo(f"  {unit.capitalize():<9} {'Id':<20} {praktikant:<24} {tiltak:<22} {status:<18} " + _("Resultat"))

    def record(self, result: RecordResult) -> None:
        _ = self.texts
        record = result.record
        tiltak = record.tiltak.value if record else ""
        status = record.status.value if record else ""
        outcome = _("gyldig") if result.valid else _("UGYLDIG ({antall} feil)", antall=len(result.errors))
        self.echo(
            f"  {result.row:<9} {_cut(result.id or '—', 20):<20} {_cut(result.name or '—', 24):<24} "
            f"{tiltak:<22} {status:<18} {outcome}"
        )

    def finish_file(self, result: FileResult) -> None:
        _ = self.texts
        if result.file_error:
            self.echo(_("  AVVIST: {feil}", feil=result.file_error))
        for warning in result.warnings:
            self.echo(_("  Merk: {merknad}", merknad=warning))
        for where, note in result.notes:
            self.echo(_("  Merk ({hvor}): {merknad}", hvor=where, merknad=note))
        if result.errors:
            self.echo(_("  Feil som må rettes:"))
            for error in result.errors:
                if error.verdi:
                    self.echo(_("    {hvor}, kolonne «{kolonne}» = «{verdi}»: {melding}", hvor=error.plassering,
                                kolonne=error.kolonne, verdi=error.verdi, melding=error.melding))
                else:
                    self.echo(_("    {hvor}, kolonne «{kolonne}»: {melding}", hvor=error.plassering,
                                kolonne=error.kolonne, melding=error.melding))
        if not result.file_error:
            self.echo(_("  {antall} praksisplasser: {gyldige} gyldige, {ugyldige} ugyldige.", antall=result.n_records,
                        gyldige=result.n_valid, ugyldige=result.n_invalid))

    def summary(self, results: list[FileResult]) -> None:
        _ = self.texts
        total = sum(r.n_records for r in results)
        valid = sum(r.n_valid for r in results)
        rejected = sum(1 for r in results if r.file_error)
        line = "\n" + _("Totalt: {filer} fil(er), {antall} praksisplasser, {gyldige} gyldige, {ugyldige} ugyldige",
                        filer=len(results), antall=total, gyldige=valid, ugyldige=total - valid)
        if rejected:
            line += _(", {antall} fil(er) avvist", antall=rejected)
        self.echo(line + ".")


def record_summary(record: RecordResult) -> dict[str, Any]:
    """What `validate --json` says about one record (kept per record: small, no personal data)."""
    return {"rad": record.row, "id": record.id, "gyldig": record.valid, "merknader": record.notes,
            "tiltak": record.record.tiltak.value if record.record else None,
            "status": record.record.status.value if record.record else None}


class ValidationJson:
    """`validate --json`, written as records stream past (memory stays flat however long the
    file): per file its records first, then its counts, warnings and errors."""

    def __init__(self, write: Callable[[str], Any]) -> None:
        self.write = write
        self.files = 0
        self.records_in_file = 0
        self.write('{"filer": [')

    def header(self, unit: str) -> None:
        """JSON has no header row."""

    def start_file(self, path: str) -> None:
        self.write(("," if self.files else "") + "\n  " + json.dumps({"fil": path}, ensure_ascii=False)[:-1]
                   + ', "poster": [')
        self.files += 1
        self.records_in_file = 0

    def record(self, record: RecordResult) -> None:
        self.write(("," if self.records_in_file else "") + "\n    " + json.dumps(record_summary(record), ensure_ascii=False))
        self.records_in_file += 1

    def finish_file(self, result: FileResult) -> None:
        rest = {"enhet": result.unit, "avvist": result.file_error, "advarsler": result.warnings,
                "antall": result.n_records, "gyldige": result.n_valid, "ugyldige": result.n_invalid,
                "feil": [e.as_dict() for e in result.errors]}
        self.write("], " + json.dumps(rest, ensure_ascii=False)[1:])

    def summary(self, results: list[FileResult]) -> None:
        totals = {"gyldige": sum(r.n_valid for r in results), "ugyldige": sum(r.n_invalid for r in results),
                  "avviste_filer": sum(1 for r in results if r.file_error)}
        self.write("\n], " + json.dumps(totals)[1:] + "\n")


def print_ingest(report: IngestReport, workspace: Workspace, echo: Echo) -> None:
    """Per record: what happened (case number, documents made); then every error and a summary."""
    from .documents.planning import Outcome
    for outcome in report.outcomes:
        what = outcome.kind.upper() if outcome.kind is Outcome.AVVIST else outcome.kind
        case = f" {outcome.saksnummer}" if outcome.saksnummer else ""
        docs = f": {', '.join(outcome.documents)}" if outcome.documents else ""
        echo(f"  {outcome.source}, {outcome.where}  {outcome.praksisplass_id or '—'}  {what}{case}{docs}")
        for line in (outcome.message or "").splitlines():
            echo(f"      {line}")
    for result in report.files:
        for warning in result.warnings:
            echo(f"  Merk ({result.path}): {warning}")
    counts = ", ".join(f"{report.count(k)} {k}" for k in Outcome)
    echo(f"\nFerdig: {len(report.outcomes)} praksisplasser ({counts}); {report.documents} dokument(er) arkivert.")
    rejected_files = [f for f in report.files if f.file_error]
    if rejected_files:
        echo(f"{len(rejected_files)} fil(er) avvist i sin helhet (se «AVVIST» over): "
             + ", ".join(f.path for f in rejected_files) + ".")
    if report.skipped:
        echo(f"{len(report.skipped)} fil(er) var behandlet før og ble hoppet over (bruk --tving for å behandle på nytt).")
    echo(f"Sakene ligger i {workspace.archive} (DOCX og PDF/A under hver sak). Se dem med «praksis list».")


def ingest_json(report: IngestReport) -> dict[str, Any]:
    return {
        "poster": [
            {"fil": o.source, "plassering": o.where, "id": o.praksisplass_id, "utfall": o.kind,
             "saksnummer": o.saksnummer, "dokumenter": o.documents, "melding": o.message,
             "ikke_laget": [{"dokument": s.dokumenttype, "grunn": s.reason} for s in o.skipped]}
            for o in report.outcomes
        ],
        "hoppet_over": [{"fil": f, "behandlet": when, "grunn": f"allerede behandlet {when[:16].replace('T', ' ')}"}
                        for f, when in report.skipped],
        "dokumenter": report.documents,
        "tider_sekunder": {k: round(v, 3) for k, v in report.timings.items()},
    }


def print_case_list(cases: list[dict[str, Any]], echo: Echo, texts: Texts) -> None:
    _ = texts
    sak, status, tiltak, enhet, periode = _("Sak"), _("Status"), _("Tiltak"), _("Enhet"), _("Periode")
    echo(f"{sak:<11} {status:<18} {tiltak:<22} {enhet:<28} {periode:<23} " + _("Dokumenter"))
    for case in cases:
        docs = ", ".join(f"{d['dokumenttype']} v{d['versjon']}" for d in case["dokumenter"]) or "—"
        period = f"{case['startdato']} – {case['sluttdato']}"
        echo(f"{case['saksnummer']:<11} {case['status']:<18} {case['tiltak']:<22} {_cut(case['enhet'], 28):<28} "
             f"{period:<23} {docs}")
        if case["mangler_signatur"]:
            echo(f"{'':<11} " + _("mangler signert versjon: {dokumenter}", dokumenter=", ".join(case["mangler_signatur"])))
    echo("\n" + _("{antall} sak(er).", antall=len(cases)))


def event_detail(item: dict[str, Any]) -> str:
    """One line of what an event says, by its type."""
    kind = item["type"]
    document = f"{item['dokument']} v{item['versjon']}" if item.get("dokument") and item.get("versjon") else item.get("dokument", "")
    if kind == "status endret":
        return " ".join(x for x in (item.get("dokument", ""), item.get("felt", "status"), f"{item.get('fra')} → {item.get('til')}") if x)
    if kind == "eksportert":
        return f"{item.get('mal')}: {item.get('bunt')}"
    if kind == "signatur kontrollert":
        return f"{document}: " + ", ".join(f"{s['signert_av']} {s['resultat']}" for s in item.get("signaturer", []))
    if kind == "signert mottatt":
        return f"{document} (signerer v{item.get('signerer_versjon')}, {item.get('variant')}, fra {item.get('identifisert_fra')})"
    if kind == "regenerert":
        return f"{document}: {item.get('grunn', '')}"
    if kind == "mottatt":
        return item.get("kilde", {}).get("fil", "")
    return document


def print_case(data: dict[str, Any], echo: Echo) -> None:
    echo(f"Sak {data['saksnummer']}: {data['tittel']}")
    echo(f"  Offentlig tittel: {data['offentligTittel']}")
    echo(f"  Status: {data['status']} ({data['saksstatus']}) · tiltak {data['tiltak']} · {data['startdato']} – "
         f"{data['sluttdato']}")
    echo(f"  Klassifikasjon: {data['klassifikasjon']['klasseID']} {data['klassifikasjon']['tittel']} · "
         f"{data['skjerming']['tilgangsrestriksjon']} ({data['skjerming']['skjermingshjemmel']})")
    echo(f"  Ansvarlig: {data['saksansvarlig']}, {data['administrativEnhet']} · mappe {data['mappe']}")
    for journal in data["journalposter"]:
        echo(f"\n  Journalpost {journal['registreringsID']}: {journal['tittel']} ({journal['journalposttype']}, "
             f"{journal['journalstatus']})")
        for version in journal["versjoner"]:
            echo(f"    v{version['versjon']} {version['opprettet'][:16].replace('T', ' ')}: {version['arsak']}")
            for item in version["filer"]:
                echo(f"      {item['variantformat']:<18} {item['formatDetaljer']:<9} {item['filstoerrelse']:>8} B  "
                     f"sha256 {item['sjekksum'][:16]}…  {item['fil']}")
    if data["mangler_signatur"]:
        echo(f"\n  Mangler signert versjon: {', '.join(data['mangler_signatur'])}")
    echo("\n  Hendelser:")
    for item in data["hendelser"]:
        echo(f"    {item['tid'][:19].replace('T', ' ')}  {item['type']:<20} {event_detail(item)}".rstrip())


# --- signed copies, fixity, what is missing, disposal ----------------------------------------------


def signed_json(results: list[SignedResult]) -> list[dict[str, Any]]:
    return [{"filer": r.names, "utfall": r.outcome, "saksnummer": r.saksnummer,
             "dokument": r.identity.dokumenttype if r.identity else None, "versjon": r.version,
             "variant": r.kind, "funnet_fra": r.method, "signaturer": r.signatures,
             "melding": r.message} for r in results]


def print_signed(results: list[SignedResult], review_folder: str, echo: Echo) -> None:
    """`praksis signert FIL…`: per file, filed (and its signatures), to review or rejected."""
    from .signed.results import SignedOutcome
    for result in results:
        if result.outcome is SignedOutcome.ARKIVERT and result.identity:
            echo(f"  ARKIVERT {', '.join(result.names)}: {result.identity.dokumenttype} i sak "
                 f"{result.saksnummer} som versjon {result.version} ({result.kind}; funnet fra {result.method})")
            for signature in result.signatures:
                echo(f"      signatur: {signature['signert_av']}: {signature['resultat']}")
            if result.replaced_by is not None:
                echo(f"      ADVARSEL: versjon {result.identity.versjon} er erstattet av versjon "
                     f"{result.replaced_by}, som fortsatt venter på signatur.")
        elif result.outcome is SignedOutcome.KONTROLL:
            echo(f"  TIL KONTROLL {', '.join(result.names)}: {result.message} Kopien ligger i "
                 f"{review_folder}/ og venter på «praksis signert godkjenn» eller «praksis signert avvis».")
        else:
            echo(f"  AVVIST {', '.join(result.names)}: {result.message}")
    done = sum(1 for r in results if r.outcome is SignedOutcome.ARKIVERT)
    review = sum(1 for r in results if r.outcome is SignedOutcome.KONTROLL)
    echo(f"\n{done} dokument(er) arkivert, {review} til kontroll, {len(results) - done - review} avvist.")


def print_approved(result: SignedResult, echo: Echo) -> None:
    assert result.identity is not None
    echo(f"  ARKIVERT {', '.join(result.names)}: {result.identity.dokumenttype} i sak {result.saksnummer} "
         f"som versjon {result.version} (godkjent ved kontroll).")


def print_set_aside(result: SignedResult, echo: Echo) -> None:
    echo(f"  AVVIST {', '.join(result.names)}: {result.message}"
         + (f" (logget i sak {result.saksnummer})" if result.saksnummer else ""))


def fixity_json(report: FixityReport) -> dict[str, Any]:
    return {"saker": report.cases, "filer": report.files, "avvik": [p.as_dict() for p in report.problems]}


def print_fixity(report: FixityReport, echo: Echo) -> None:
    for problem in report.problems:
        echo(f"  {problem.kind.upper():<12} {problem.path}: {problem.detail}")
    echo(f"{report.cases} saker, {report.files} filer kontrollert, {len(report.problems)} avvik.")


def print_missing(items: list[dict[str, Any]], echo: Echo, texts: Texts) -> None:
    _ = texts
    if not items:
        echo(_("Ingenting mangler: alle dokumenter som skal signeres har signert kopi."))
        return
    for item in items:
        echo(f"  {item['saksnummer']:<11} {item['hva']:<28} {item['detalj']}")
    echo("\n" + _("{antall} ting mangler.", antall=len(items)))


def print_due_for_disposal(due: list[Due], day: date, echo: Echo) -> None:
    if not due:
        echo(f"Ingen avsluttede saker har utløpt bevaringstid per {day.strftime('%d.%m.%Y')}.")
        return
    for d in due:
        echo(f"  {d.saksnummer:<11} {d.tiltak:<22} {d.enhet:<28} avsluttet {d.avsluttet}  "
             f"{d.kassasjonsvedtak} etter {d.bevaringstid} år: {d.kassasjonsdato}")
    echo(f"\n{len(due)} sak(er) kan vurderes for kassasjon per {day.strftime('%d.%m.%Y')} "
         f"(hjemmel: se [bevaring] i config/praksis.toml). praksis sletter ingenting: "
         f"kassasjon gjøres i arkivsystemet etter arkivarens vedtak.")


# --- the workspace, exports, templates ----------------------------------------------------------------


def print_workspace(workspace: Workspace, echo: Echo) -> None:
    echo(f"Laget arbeidsområdet {workspace.root}")
    echo(f"  Oppsett:   {workspace.config_dir} (praksis.toml, kolonner.toml)")
    echo(f"  Maler:     {workspace.templates}")
    echo(f"  Innboks:   {workspace.inbox}")
    echo(f"  Arkiv:     {workspace.archive}")


def fiks_json(result: FiksExport) -> dict[str, Any]:
    return {"bunter": [str(b) for b in result.bundles], "saker": result.cases, "meldinger": result.messages,
            "filer": result.files, "uendret": result.unchanged,
            "ikke_med": [{"sak": sak, "grunn": why} for sak, why in result.left_out]}


def print_fiks(result: FiksExport, echo: Echo) -> None:
    for sak, why in result.left_out:
        echo(f"IKKE MED: sak {sak}: {why}")
    if not result.cases:
        echo(f"Ingenting nytt å eksportere ({result.unchanged} sak(er) er uendret siden forrige eksport).")
        return
    echo(f"{len(result.cases)} sak(er) eksportert: {result.messages} arkivmelding(er), {result.files} fil(er), "
         f"i {len(result.bundles)} bunt(er)" + (f"; {result.unchanged} uendret." if result.unchanged else "."))
    for bundle in result.bundles[:10]:
        echo(f"  {bundle}")
    if len(result.bundles) > 10:
        echo(f"  … og {len(result.bundles) - 10} til i {result.bundles[0].parent}")


def print_deposit(result: DepositResult, echo: Echo) -> None:
    echo(f"Avleveringspakken er laget og kontrollert: {result.folder}")
    echo(f"  {result.cases} saksmapper, {result.journals} journalposter, {result.documents} dokumentfiler "
         f"({result.bytes / 1e6:.1f} MB)")
    if result.open_skipped:
        echo(f"  {result.open_skipped} sak(er) i perioden er ikke avsluttet og er ikke tatt med.")


def print_package_problems(package: Path, problems: list[Problem], echo: Echo) -> None:
    for problem in problems:
        echo(f"  {problem.text()}")
    echo(f"{package}: {len(problems)} avvik." if problems else f"{package}: ingen avvik.")


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
