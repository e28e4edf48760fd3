"""Domain rules across fields: dates, scheme (tiltak) rules, and what each status requires.

Each rule looks at the values that could be read (a field that failed to read is absent)
and returns (field path, Norwegian message) for every problem, so all are reported at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any

from .config import DocumentSet
from .record import FIELDS, REQUIRED_FIELDS, Status, Tiltak

Values = dict[str, Any]
Problem = tuple[str, str]


def _d(values: Values, path: str) -> date | None:
    value = values.get(path)
    return value if isinstance(value, date) else None


def _fmt(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def required_always(values: Values, documents: DocumentSet) -> Iterator[Problem]:
    for path in REQUIRED_FIELDS:
        if path not in values:
            yield path, f"{FIELDS[path].title} mangler. Feltet må alltid fylles ut."


def period(values: Values, documents: DocumentSet) -> Iterator[Problem]:
    start, end = _d(values, "startdato"), _d(values, "sluttdato")
    if start and end and end < start:
        yield "sluttdato", f"Sluttdato ({_fmt(end)}) er før startdato ({_fmt(start)})."
    actual = _d(values, "faktisk_sluttdato")
    if actual and start and actual < start:
        yield "faktisk_sluttdato", f"Faktisk sluttdato ({_fmt(actual)}) er før startdato ({_fmt(start)})."
    elif actual and end and actual > end:
        yield "faktisk_sluttdato", (
            f"Faktisk sluttdato ({_fmt(actual)}) er etter avtalt sluttdato ({_fmt(end)}). "
            "En forlengelse krever ny avtale: endre sluttdato i stedet."
        )


def meetings(values: Values, documents: DocumentSet) -> Iterator[Problem]:
    start, end = _d(values, "startdato"), _d(values, "sluttdato")
    real_end = _d(values, "faktisk_sluttdato") or end
    kickoff = _d(values, "oppstartsmoete")
    midway = _d(values, "midtveisevaluering")
    closing = _d(values, "avslutningsmoete")
    if kickoff and start and kickoff < start - timedelta(days=180):
        yield "oppstartsmoete", "Oppstartsmøtet er mer enn et halvt år før startdato. Sjekk datoen."
    if kickoff and real_end and kickoff > real_end:
        yield "oppstartsmoete", "Oppstartsmøtet er etter at praksisen er slutt. Sjekk datoen."
    if midway and start and real_end and not start <= midway <= real_end:
        yield "midtveisevaluering", (
            f"Midtveisevalueringen må ligge i praksisperioden ({_fmt(start)}–{_fmt(real_end)})."
        )
    if midway and kickoff and midway < kickoff:
        yield "midtveisevaluering", "Midtveisevalueringen er før oppstartsmøtet. Sjekk datoene."
    if closing and start and closing < start:
        yield "avslutningsmoete", "Avslutningsmøtet er før startdato. Sjekk datoen."
    if closing and midway and closing < midway:
        yield "avslutningsmoete", "Avslutningsmøtet er før midtveisevalueringen. Sjekk datoene."
    if closing and real_end and closing > real_end + timedelta(days=60):
        yield "avslutningsmoete", "Avslutningsmøtet er mer enn 60 dager etter sluttdato. Sjekk datoen."


def hours(values: Values, documents: DocumentSet) -> Iterator[Problem]:
    hours_ = values.get("timer_per_uke")
    if hours_ is not None and not 0 < hours_ <= 48:
        yield "timer_per_uke", "Timer per uke må være mer enn 0 og høyst 48."


def scheme(values: Values, documents: DocumentSet) -> Iterator[Problem]:
    if values.get("tiltak") is Tiltak.ARBEIDSTRENING and "yrkesmaal" not in values:
        yield "yrkesmaal", "Arbeidstrening skal ha et definert yrkesmål. Fyll inn yrkesmålet."


def certificates(values: Values, documents: DocumentSet) -> Iterator[Problem]:
    """A required politiattest / MRSA declaration is shown before the start; only the date is kept."""
    status = values.get("status")
    start = _d(values, "startdato")
    for need, shown, what in (
        ("krav.politiattest", "politiattest_fremvist", "Politiattesten"),
        ("krav.mrsa_tuberkulose", "mrsa_tuberkulose_fremvist", "Egenerklæringen om MRSA/tuberkulose"),
    ):
        day = _d(values, shown)
        if values.get(need) and isinstance(status, Status) and status.rang >= Status.STARTET.rang and day is None:
            yield shown, f"{what} kreves og må være vist fram før start. Fyll inn datoen den ble vist fram."
        if day and start and day > start and values.get(need):
            yield shown, f"{what} skal vises fram før tiltredelse, men datoen er etter startdato ({_fmt(start)})."


def completion(values: Values, documents: DocumentSet) -> Iterator[Problem]:
    status = values.get("status")
    if not isinstance(status, Status):
        return
    if status is Status.AVSLUTTET and "fullfoert" not in values:
        yield "fullfoert", "Når status er Avsluttet, må det stå om praksisen ble fullført (Ja/Nei)."
    if status is not Status.AVSLUTTET and values.get("fullfoert"):
        yield "fullfoert", "Fullført kan bare være «Ja» når status er Avsluttet."


def documents_due(values: Values, documents: DocumentSet) -> Iterator[Problem]:
    """The fields a document states are required from the status at which it is due."""
    status, tiltak = values.get("status"), values.get("tiltak")
    if not isinstance(status, Status) or not isinstance(tiltak, Tiltak):
        return
    missing: dict[str, list[str]] = {}
    for _, spec in documents.due(tiltak, status):
        if spec.betingelse and not values.get(spec.betingelse):
            continue
        for path in spec.krever:
            if path not in values:
                missing.setdefault(path, []).append(spec.tittel.lower())
    for path, titles in missing.items():
        names = [f"«{t}»" for t in dict.fromkeys(titles)]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " og " + names[-1]
        yield path, (
            f"{FIELDS[path].title} mangler. Feltet trengs fra status «{status.value}» fordi "
            f"{listed} lages da."
        )


RULES: tuple[Callable[[Values, DocumentSet], Iterator[Problem]], ...] = (
    required_always, period, meetings, hours, scheme, certificates, completion, documents_due,
)


def check(values: Values, documents: DocumentSet) -> list[Problem]:
    return [problem for rule in RULES for problem in rule(values, documents)]
