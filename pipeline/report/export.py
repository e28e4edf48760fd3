"""`praksis export`: Fiks Arkiv bundles, the Noark 5 deposit package and its check."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .output import Echo

if TYPE_CHECKING:
    from pathlib import Path

    from ..export.arkivuttrekk import DepositResult
    from ..export.fiks_arkiv import FiksExport
    from ..export.package_check import Problem


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


def package_problems_json(package: Path, problems: list[Problem]) -> dict[str, Any]:
    return {"pakke": str(package), "avvik": [p.__dict__ for p in problems]}


def print_package_problems(package: Path, problems: list[Problem], echo: Echo) -> None:
    for problem in problems:
        echo(f"  {problem.text()}")
    echo(f"{package}: {len(problems)} avvik." if problems else f"{package}: ingen avvik.")
