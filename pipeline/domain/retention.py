"""Bevaring og kassasjon: the retention decision for each tiltak and document type (config
`[bevaring]`), and what it means for a case: Noark 5 `kassasjon` metadata (kassasjonsvedtak,
kassasjonshjemmel, bevaringstid, kassasjonsdato) and whether its period has run out.

The defaults follow the rules for municipal personnel cases (Riksarkivarens forskrift § 7-26,
see docs/eksport.md): a trainee is employed and an «intern arbeidstrening» is part of an
employee's follow-up, so those cases are kept (Bevares); the other schemes are placements of
people who are not employees, which the rules do not require to be kept, so they are discarded
(Kasseres) a number of years after the case is closed. praksis never deletes anything itself:
`praksis kassasjon` lists the closed cases whose period has run out, for an archivist to decide on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .record import Tiltak

BEVARES = "Bevares"
KASSERES = "Kasseres"
VURDERES = "Vurderes senere"

HJEMMEL_PERSONAL = "Riksarkivarens forskrift § 7-26 første ledd bokstav g (ansatte: bevares)"
HJEMMEL_KASSASJON = ("Riksarkivarens forskrift kap. 7 (ikke bevaringspliktig for kommuner); "
                     "kommunens bevarings- og kassasjonsplan")


class Bevaringsvedtak(BaseModel):
    """One decision: keep for ever, or discard `bevaringstid` years after the case is closed."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    vedtak: Literal["Bevares", "Kasseres", "Vurderes senere"]
    bevaringstid: int = Field(0, ge=0, le=200)
    """Years after the case is closed (Noark 5 M451 bevaringstid)."""
    hjemmel: str = Field(min_length=1)

    @model_validator(mode="after")
    def _period(self) -> Bevaringsvedtak:
        if self.vedtak != BEVARES and self.bevaringstid == 0:
            raise ValueError(f"«{self.vedtak}» trenger en bevaringstid i år (større enn 0)")
        return self


def _default_tiltak() -> dict[Tiltak, Bevaringsvedtak]:
    kept = Bevaringsvedtak(vedtak=BEVARES, hjemmel=HJEMMEL_PERSONAL)
    discarded = Bevaringsvedtak(vedtak=KASSERES, bevaringstid=10, hjemmel=HJEMMEL_KASSASJON)
    return {t: kept if t in (Tiltak.TRAINEE, Tiltak.INTERN_ARBEIDSTRENING) else discarded for t in Tiltak}


class Bevaring(BaseModel):
    """`[bevaring]`: a decision for every tiltak, and optionally for a document type. A document
    gets the stricter of its type's and its case's tiltak's decision (Bevares wins; else the
    longer period), and a case the strictest of its tiltak and its documents."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    tiltak: dict[Tiltak, Bevaringsvedtak] = Field(default_factory=_default_tiltak)
    dokumenter: dict[str, Bevaringsvedtak] = {}

    @model_validator(mode="after")
    def _every_tiltak(self) -> Bevaring:
        missing = [t.value for t in Tiltak if t not in self.tiltak]
        if missing:
            raise ValueError(f"mangler bevaringsvedtak for tiltak: {', '.join(missing)}")
        return self


def _stricter(a: Bevaringsvedtak, b: Bevaringsvedtak) -> Bevaringsvedtak:
    rank = {BEVARES: 2, VURDERES: 1, KASSERES: 0}
    if rank[a.vedtak] != rank[b.vedtak]:
        return a if rank[a.vedtak] > rank[b.vedtak] else b
    return a if a.bevaringstid >= b.bevaringstid else b


@dataclass(frozen=True)
class Kassasjon:
    """Noark 5 kassasjon metadata of one case or document."""

    kassasjonsvedtak: str
    kassasjonshjemmel: str
    bevaringstid: int
    kassasjonsdato: date | None  # None while the case is open (the period runs from its closing)

    @property
    def kasseres(self) -> bool:
        return self.kassasjonsvedtak != BEVARES


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def decision(rules: Bevaring, tiltak: str, dokumenttype: str | None = None) -> Bevaringsvedtak:
    """The decision for a case of `tiltak` (all its documents) or for one of its documents."""
    chosen = rules.tiltak[Tiltak(tiltak)]
    if dokumenttype is not None and dokumenttype in rules.dokumenter:
        chosen = _stricter(chosen, rules.dokumenter[dokumenttype])
    return chosen


def case_decision(rules: Bevaring, tiltak: str, dokumenttyper: list[str]) -> Bevaringsvedtak:
    chosen = decision(rules, tiltak)
    for dokumenttype in dokumenttyper:
        chosen = _stricter(chosen, decision(rules, tiltak, dokumenttype))
    return chosen


def kassasjon(vedtak: Bevaringsvedtak, closed: date | None) -> Kassasjon:
    """The metadata for a decision and the day the case was closed (None: still open)."""
    when = _add_years(closed, vedtak.bevaringstid) if closed is not None and vedtak.vedtak != BEVARES else None
    return Kassasjon(vedtak.vedtak, vedtak.hjemmel, vedtak.bevaringstid, when)
