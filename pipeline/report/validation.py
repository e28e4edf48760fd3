"""`praksis validate`: the table, streamed as records are validated, and `--json`."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..domain.texts import Texts
from .output import Echo, cut

if TYPE_CHECKING:
    from ..validation.validator import FileResult, RecordResult


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
            f"  {result.row:<9} {cut(result.id or '—', 20):<20} {cut(result.name or '—', 24):<24} "
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
