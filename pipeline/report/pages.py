"""The inbox's pages and til_signering/ brought up to date (`praksis oversikt`, and after every
command that changes the archive)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .output import Echo

if TYPE_CHECKING:
    from ..common.config import Config
    from ..pages import RefreshResult


def print_not_refreshed(exc: OSError, echo: Echo) -> None:
    echo(f"Merk: oversikten i innboksen ble ikke oppdatert: {exc.strerror or exc} ({exc.filename}).")


def print_refreshed(config: Config, result: RefreshResult, echo: Echo) -> None:
    inbox, folders = config.inbox, config.settings.innboks
    echo(f"Oversikten er skrevet: {inbox / folders.oversikt} ({result.cases} åpne saker) og "
         f"{inbox / folders.ledige_plasser}.")
    echo(f"{inbox / folders.til_signering}: {result.written} lagt til, {result.removed} fjernet"
         + (f", {result.set_aside} ukjente flyttet til avvist/" if result.set_aside else "")
         + f" ({result.seconds:.2f} s).")
