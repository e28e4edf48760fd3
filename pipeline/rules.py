"""Domain rules across fields: dates, scheme (tiltak) rules, and what each status requires.

Each rule looks at the values that could be read (a field not given, or that failed to
read, is None or absent: rules test `values.get(path) is None`) and appends (field path, Norwegian message) to `problems` for every problem, so all are
reported at once. Values are already typed by the converters (a date field holds a
`date`), so rules read them directly. They run for every row of a sheet: plain functions
with early exits, no generators.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from .config import DocumentSet
from .record import FIELDS, REQUIRED_FIELDS, Status, Tiltak

Values = dict[str, Any]
Problem = tuple[str, str]
Problems = list[Problem]


def _fmt(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def required_always(values: Values, documents: DocumentSet, problems: Problems) -> None:
    for path in REQUIRED_FIELDS:
        if values.get(path) is None:
            problems.append((path, f"{FIELDS[path].title} mangler. Feltet må alltid fylles ut."))


def period(values: Values, documents: DocumentSet, problems: Problems) -> None:
    start, end = values.get("startdato"), values.get("sluttdato")
    if start and end and end < start:
        problems.append(("sluttdato", f"Sluttdato ({_fmt(end)}) er før startdato ({_fmt(start)})."))
    actual = values.get("faktisk_sluttdato")
    if actual is None:
        return
    if start and actual < start:
        problems.append(("faktisk_sluttdato", f"Faktisk sluttdato ({_fmt(actual)}) er før startdato ({_fmt(start)})."))
    elif end and actual > end:
        problems.append(("faktisk_sluttdato", (
            f"Faktisk sluttdato ({_fmt(actual)}) er etter avtalt sluttdato ({_fmt(end)}). "
            "En forlengelse krever ny avtale: endre sluttdato i stedet."
        )))


def meetings(values: Values, documents: DocumentSet, problems: Problems) -> None:
    kickoff = values.get("oppstartsmoete")
    midway = values.get("midtveisevaluering")
    closing = values.get("avslutningsmoete")
    if kickoff is None and midway is None and closing is None:
        return
    start = values.get("startdato")
    real_end = values.get("faktisk_sluttdato") or values.get("sluttdato")
    if kickoff and start and kickoff < start - timedelta(days=180):
        problems.append(("oppstartsmoete", "Oppstartsmøtet er mer enn et halvt år før startdato. Sjekk datoen."))
    if kickoff and real_end and kickoff > real_end:
        problems.append(("oppstartsmoete", "Oppstartsmøtet er etter at praksisen er slutt. Sjekk datoen."))
    if midway and start and real_end and not start <= midway <= real_end:
        problems.append(("midtveisevaluering",
                         f"Midtveisevalueringen må ligge i praksisperioden ({_fmt(start)}–{_fmt(real_end)})."))
    if midway and kickoff and midway < kickoff:
        problems.append(("midtveisevaluering", "Midtveisevalueringen er før oppstartsmøtet. Sjekk datoene."))
    if closing and start and closing < start:
        problems.append(("avslutningsmoete", "Avslutningsmøtet er før startdato. Sjekk datoen."))
    if closing and midway and closing < midway:
        problems.append(("avslutningsmoete", "Avslutningsmøtet er før midtveisevalueringen. Sjekk datoene."))
    if closing and real_end and closing > real_end + timedelta(days=60):
        problems.append(("avslutningsmoete", "Avslutningsmøtet er mer enn 60 dager etter sluttdato. Sjekk datoen."))


def hours(values: Values, documents: DocumentSet, problems: Problems) -> None:
    hours_ = values.get("timer_per_uke")
    if hours_ is not None and not 0 < hours_ <= 48:
        problems.append(("timer_per_uke", "Timer per uke må være mer enn 0 og høyst 48."))


def scheme(values: Values, documents: DocumentSet, problems: Problems) -> None:
    if values.get("tiltak") is Tiltak.ARBEIDSTRENING and values.get("yrkesmaal") is None:
        problems.append(("yrkesmaal", "Arbeidstrening skal ha et definert yrkesmål. Fyll inn yrkesmålet."))


def certificates(values: Values, documents: DocumentSet, problems: Problems) -> None:
    """A required politiattest / MRSA declaration is shown before the start; only the date is kept."""
    if not (values.get("krav.politiattest") or values.get("krav.mrsa_tuberkulose")):
        return
    status = values.get("status")
    start = values.get("startdato")
    for need, shown, what in (
        ("krav.politiattest", "politiattest_fremvist", "Politiattesten"),
        ("krav.mrsa_tuberkulose", "mrsa_tuberkulose_fremvist", "Egenerklæringen om MRSA/tuberkulose"),
    ):
        if not values.get(need):
            continue
        day = values.get(shown)
        if day is None and isinstance(status, Status) and status.rang >= Status.STARTET.rang:
            problems.append((shown, f"{what} kreves og må være vist fram før start. Fyll inn datoen den ble vist fram."))
        if day and start and day > start:
            problems.append((shown, f"{what} skal vises fram før tiltredelse, men datoen er etter startdato ({_fmt(start)})."))


def completion(values: Values, documents: DocumentSet, problems: Problems) -> None:
    status = values.get("status")
    if status is Status.AVSLUTTET:
        if values.get("fullfoert") is None:
            problems.append(("fullfoert", "Når status er Avsluttet, må det stå om praksisen ble fullført (Ja/Nei)."))
    elif values.get("fullfoert"):
        problems.append(("fullfoert", "Fullført kan bare være «Ja» når status er Avsluttet."))


def documents_due(values: Values, documents: DocumentSet, problems: Problems) -> None:
    """The fields a document states are required from the status at which it is due."""
    status, tiltak = values.get("status"), values.get("tiltak")
    if not isinstance(status, Status) or not isinstance(tiltak, Tiltak):
        return
    for path in documents.needed(tiltak, status):
        if values.get(path) is None:
            break
    else:
        return  # the usual case: every field any due document needs is there
    missing: dict[str, list[str]] = {}
    for _, spec in documents.due(tiltak, status):
        if spec.betingelse and not values.get(spec.betingelse):
            continue
        for path in spec.krever:
            if values.get(path) is None:
                missing.setdefault(path, []).append(spec.tittel.lower())
    for path, titles in missing.items():
        names = [f"«{t}»" for t in dict.fromkeys(titles)]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " og " + names[-1]
        problems.append((path, (
            f"{FIELDS[path].title} mangler. Feltet trengs fra status «{status.value}» fordi "
            f"{listed} lages da."
        )))


RULES: tuple[Callable[[Values, DocumentSet, Problems], None], ...] = (
    required_always, period, meetings, hours, scheme, certificates, completion, documents_due,
)


def check(values: Values, documents: DocumentSet) -> Problems:
    problems: Problems = []
    for rule in RULES:
        rule(values, documents, problems)
    return problems
