"""Reports for people (a readable table, Norwegian) and for machines (`--json`)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # `praksis list` imports this module and should not pay for ingest's imports
    from .ingest import IngestReport
    from .validation import FileResult, RecordResult
    from .workspace import Workspace

Echo = Callable[[str], None]


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

    def __init__(self, echo: Echo) -> None:
        self.echo = echo

    def start_file(self, path: str) -> None:
        self.echo(f"\n{path}")

    def header(self, unit: str) -> None:
        self.echo(f"  {unit.capitalize():<9} {'Id':<20} {'Praktikant':<24} {'Tiltak':<22} {'Status':<18} Resultat")

    def record(self, result: RecordResult) -> None:
        record = result.record
        tiltak = record.tiltak.value if record else ""
        status = record.status.value if record else ""
        outcome = "gyldig" if result.valid else f"UGYLDIG ({len(result.errors)} feil)"
        self.echo(
            f"  {result.row:<9} {_cut(result.id or '—', 20):<20} {_cut(result.name or '—', 24):<24} "
            f"{tiltak:<22} {status:<18} {outcome}"
        )

    def finish_file(self, result: FileResult) -> None:
        if result.file_error:
            self.echo(f"  AVVIST: {result.file_error}")
        for warning in result.warnings:
            self.echo(f"  Merk: {warning}")
        for where, note in result.notes:
            self.echo(f"  Merk ({where}): {note}")
        if result.errors:
            self.echo("  Feil som må rettes:")
            for error in result.errors:
                value = f" = «{error.verdi}»" if error.verdi else ""
                self.echo(f"    {error.plassering}, kolonne «{error.kolonne}»{value}: {error.melding}")
        if not result.file_error:
            self.echo(f"  {result.n_records} praksisplasser: {result.n_valid} gyldige, {result.n_invalid} ugyldige.")

    def summary(self, results: list[FileResult]) -> None:
        total = sum(r.n_records for r in results)
        valid = sum(r.n_valid for r in results)
        rejected = sum(1 for r in results if r.file_error)
        line = f"\nTotalt: {len(results)} fil(er), {total} praksisplasser, {valid} gyldige, {total - valid} ugyldige"
        if rejected:
            line += f", {rejected} fil(er) avvist"
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
    for outcome in report.outcomes:
        what = outcome.kind.upper() if outcome.kind == "avvist" else outcome.kind
        case = f" {outcome.saksnummer}" if outcome.saksnummer else ""
        docs = f": {', '.join(outcome.documents)}" if outcome.documents else ""
        echo(f"  {outcome.source}, {outcome.where}  {outcome.praksisplass_id or '—'}  {what}{case}{docs}")
        for line in (outcome.message or "").splitlines():
            echo(f"      {line}")
    for result in report.files:
        for warning in result.warnings:
            echo(f"  Merk ({result.path}): {warning}")
    counts = ", ".join(f"{report.count(k)} {k}" for k in ("ny sak", "oppdatert", "ingen endring", "avvist"))
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
             "saksnummer": o.saksnummer, "dokumenter": o.documents, "melding": o.message}
            for o in report.outcomes
        ],
        "hoppet_over": [{"fil": f, "behandlet": when} for f, when in report.skipped],
        "dokumenter": report.documents,
        "tider_sekunder": {k: round(v, 3) for k, v in report.timings.items()},
    }


def print_case_list(cases: list[dict[str, Any]], echo: Echo) -> None:
    echo(f"{'Sak':<11} {'Status':<18} {'Tiltak':<22} {'Enhet':<28} {'Periode':<23} Dokumenter")
    for case in cases:
        docs = ", ".join(f"{d['dokumenttype']} v{d['versjon']}" for d in case["dokumenter"]) or "—"
        period = f"{case['startdato']} – {case['sluttdato']}"
        echo(f"{case['saksnummer']:<11} {case['status']:<18} {case['tiltak']:<22} {_cut(case['enhet'], 28):<28} "
             f"{period:<23} {docs}")
        if case["mangler_signatur"]:
            echo(f"{'':<11} mangler signert versjon: {', '.join(case['mangler_signatur'])}")
    echo(f"\n{len(cases)} sak(er).")


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
