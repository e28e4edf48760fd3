"""The archive checked, rebuilt and weeded: `praksis verify` (fixity), `reindex` and `kassasjon`."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from .output import Echo

if TYPE_CHECKING:
    from ..archive.fixity import FixityReport
    from ..archive.kassasjon import Due


def fixity_json(report: FixityReport) -> dict[str, Any]:
    return {"saker": report.cases, "filer": report.files, "avvik": [p.as_dict() for p in report.problems]}


def print_fixity(report: FixityReport, echo: Echo) -> None:
    for problem in report.problems:
        echo(f"  {problem.kind.upper():<12} {problem.path}: {problem.detail}")
    echo(f"{report.cases} saker, {report.files} filer kontrollert, {len(report.problems)} avvik.")


def print_reindexed(counts: dict[str, int], echo: Echo) -> None:
    echo("Registeret er bygd på nytt: " + ", ".join(f"{v} {k}" for k, v in counts.items()) + ".")


def disposal_json(due: list[Due], day: date) -> dict[str, Any]:
    return {"dato": day.isoformat(), "saker": [d.as_dict() for d in due]}


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
