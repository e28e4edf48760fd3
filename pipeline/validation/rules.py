"""Domain rules across fields: dates, scheme (tiltak) rules, and what each status requires.

Rules run over a chunk of rows at once, column by column. `columns` maps every field path
of the record to the chunk's values for it, one per row: already typed by the converters (a
date field holds a `date`), None where a value is not given or could not be read, and a
column of None for a field the sheet does not have. Each rule appends (row index, field path,
Norwegian message) for every problem, so all are reported at once.

Most rows break no rule, and a sheet repeats the same few cases: a rule first asks whether
its columns hold anything to check at all (`all(column)`, `None in column`: C-speed scans),
and loops over the rows only where they do. A loop over a chunk costs less than one call per
row, which is what makes validating a long sheet fast.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta
from operator import lt
from typing import Any

from ..common.document_set import DocumentSet
from ..domain.record import FIELDS, REQUIRED_FIELDS, Sektor, Status, Tiltak
from ..domain.vilkaar import hours_disagree, hours_text, probation
from ..domain.texts import N_, Message

Column = Sequence[Any]
Columns = Mapping[str, Column]
Problem = tuple[int, str, str]
"""(row index in the chunk, field path, what to fix: a `texts.Message`, translated where it is shown)."""
Problems = list[Problem]

_HALF_YEAR = timedelta(days=180)
_SIXTY_DAYS = timedelta(days=60)


def _fmt(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def _given(column: Column) -> bool:
    """Whether any row of the chunk has a value in this column."""
    return any(column) or column.count(None) != len(column)  # (a truth test is the cheaper scan)


def _gaps(column: Column) -> bool:
    """Whether some row of the chunk has no value in this column."""
    return not all(column) and None in column  # (a truth test is the cheaper scan)


def required_always(columns: Columns, documents: DocumentSet, problems: Problems) -> None:
    for path in REQUIRED_FIELDS:
        column = columns[path]
        if _gaps(column):
            message = N_("{felt} mangler. Feltet må alltid fylles ut.", felt=FIELDS[path].title)
            problems.extend((index, path, message) for index, value in enumerate(column) if value is None)


def period(columns: Columns, documents: DocumentSet, problems: Problems) -> None:
    starts, ends, actuals = columns["startdato"], columns["sluttdato"], columns["faktisk_sluttdato"]
    if all(starts) and all(ends) and not any(map(lt, ends, starts)) and not _given(actuals):
        return  # every row has both dates, in order, and none ended early
    rows = zip(starts, ends, actuals)
    for index, (start, end, actual) in enumerate(rows):
        if start and end and end < start:
            problems.append((index, "sluttdato", N_("Sluttdato ({slutt}) er før startdato ({start}).",
                                                    slutt=_fmt(end), start=_fmt(start))))
        if actual is None:
            continue
        if start and actual < start:
            problems.append((index, "faktisk_sluttdato",
                             N_("Faktisk sluttdato ({faktisk}) er før startdato ({start}).",
                                faktisk=_fmt(actual), start=_fmt(start))))
        elif end and actual > end:
            problems.append((index, "faktisk_sluttdato", N_(
                "Faktisk sluttdato ({faktisk}) er etter avtalt sluttdato ({slutt}). "
                "En forlengelse krever ny avtale: endre sluttdato i stedet.", faktisk=_fmt(actual), slutt=_fmt(end)
            )))


def meetings(columns: Columns, documents: DocumentSet, problems: Problems) -> None:
    kickoffs, midways, closings = columns["oppstartsmoete"], columns["midtveisevaluering"], columns["avslutningsmoete"]
    if not (_given(kickoffs) or _given(midways) or _given(closings)):
        return
    rows = zip(kickoffs, midways, closings, columns["startdato"], columns["sluttdato"], columns["faktisk_sluttdato"])
    for index, (kickoff, midway, closing, start, end, actual) in enumerate(rows):
        if kickoff is None and midway is None and closing is None:
            continue
        real_end = actual or end
        if kickoff and start and kickoff < start - _HALF_YEAR:
            problems.append((index, "oppstartsmoete", N_("Oppstartsmøtet er mer enn et halvt år før startdato. Sjekk datoen.")))
        if kickoff and real_end and kickoff > real_end:
            problems.append((index, "oppstartsmoete", N_("Oppstartsmøtet er etter at praksisen er slutt. Sjekk datoen.")))
        if midway and start and real_end and not start <= midway <= real_end:
            problems.append((index, "midtveisevaluering",
                             N_("Midtveisevalueringen må ligge i praksisperioden ({start}–{slutt}).",
                                start=_fmt(start), slutt=_fmt(real_end))))
        if midway and kickoff and midway < kickoff:
            problems.append((index, "midtveisevaluering", N_("Midtveisevalueringen er før oppstartsmøtet. Sjekk datoene.")))
        if closing and start and closing < start:
            problems.append((index, "avslutningsmoete", N_("Avslutningsmøtet er før startdato. Sjekk datoen.")))
        if closing and midway and closing < midway:
            problems.append((index, "avslutningsmoete", N_("Avslutningsmøtet er før midtveisevalueringen. Sjekk datoene.")))
        if closing and real_end and closing > real_end + _SIXTY_DAYS:
            problems.append((index, "avslutningsmoete", N_("Avslutningsmøtet er mer enn 60 dager etter sluttdato. Sjekk datoen.")))


def hours(columns: Columns, documents: DocumentSet, problems: Problems) -> None:
    column = columns["timer_per_uke"]
    if not _given(column) or (all(column) and 0 < min(column) and max(column) <= 48):
        return
    for index, value in enumerate(column):
        if value is not None and not 0 < value <= 48:
            problems.append((index, "timer_per_uke", N_("Timer per uke må være mer enn 0 og høyst 48.")))


def scheme(columns: Columns, documents: DocumentSet, problems: Problems) -> None:
    goals = columns["yrkesmaal"]
    if not _gaps(goals):
        return
    for index, (tiltak, goal) in enumerate(zip(columns["tiltak"], goals)):
        if tiltak is Tiltak.ARBEIDSTRENING and goal is None:
            problems.append((index, "yrkesmaal", N_("Arbeidstrening skal ha et definert yrkesmål. Fyll inn yrkesmålet.")))


def working_hours(columns: Columns, documents: DocumentSet, problems: Problems) -> None:
    """The weekly hours and the daily span must agree: an agreement printing both may not
    contradict itself (aml. § 14-6 (1) j)."""
    spans = columns["arbeidstid"]
    if not any(spans):
        return
    for index, (weekly, span) in enumerate(zip(columns["timer_per_uke"], spans)):
        other = hours_disagree(weekly, span)
        if other is not None:
            problems.append((index, "arbeidstid", N_(
                "Arbeidstiden «{arbeidstid}» gir {timer} timer per uke, men Timer per uke er {oppgitt}. "
                "Rett den ene så de stemmer.", arbeidstid=span, timer=hours_text(other), oppgitt=hours_text(weekly)
            )))


def probation_period(columns: Columns, documents: DocumentSet, problems: Problems) -> None:
    """A fixed-term employee's probation may be at most half the employment (aml. § 15-6 (2))."""
    months = columns["ansettelse.proevetid_maaneder"]
    if not any(months):
        return
    for index, (asked, start, end) in enumerate(zip(months, columns["startdato"], columns["sluttdato"])):
        if not asked or start is None or end is None or end < start:
            continue
        allowed, _, shortened = probation(start, end, asked)
        if shortened or asked != int(asked):
            problems.append((index, "ansettelse.proevetid_maaneder", N_(
                "Prøvetiden kan være høyst halvparten av ansettelsen (arbeidsmiljøloven § 15-6), her "
                "{maaneder} hele måneder. Fyll inn et helt antall måneder, høyst {maaneder}.", maaneder=allowed
            )))


_CERTIFICATES = (
    ("krav.politiattest", "politiattest_fremvist", N_("Politiattesten")),
    ("krav.mrsa_tuberkulose", "mrsa_tuberkulose_fremvist", N_("Egenerklæringen om MRSA/tuberkulose")),
)


def certificates(columns: Columns, documents: DocumentSet, problems: Problems) -> None:
    """A required politiattest / MRSA declaration is shown before the start; only the date is kept."""
    statuses, starts = columns["status"], columns["startdato"]
    for need, shown, what in _CERTIFICATES:
        needed = columns[need]
        if not any(needed):
            continue
        for index, (required, day, status, start) in enumerate(zip(needed, columns[shown], statuses, starts)):
            if not required:
                continue
            if day is None and isinstance(status, Status) and status.rang >= Status.STARTET.rang:
                problems.append((index, shown,
                                 N_("{attest} kreves og må være vist fram før start. Fyll inn datoen den ble vist fram.",
                                    attest=what)))
            if day and start and day > start:
                problems.append((index, shown,
                                 N_("{attest} skal vises fram før tiltredelse, men datoen er etter startdato ({start}).",
                                    attest=what, start=_fmt(start))))


def certificate_basis(columns: Columns, documents: DocumentSet, problems: Problems) -> None:
    """An employer may ask for a politiattest only where a law says so: the law is named."""
    needed = columns["krav.politiattest"]
    if not any(needed):
        return
    for index, (required, basis) in enumerate(zip(needed, columns["krav.politiattest_hjemmel"])):
        if required and basis is None:
            problems.append((index, "krav.politiattest_hjemmel", N_(
                "Politiattest kreves, men hjemmelen mangler. Fyll inn loven som gir rett til å kreve "
                "politiattest, for eksempel «helse- og omsorgstjenesteloven § 5-4»."
            )))


def completion(columns: Columns, documents: DocumentSet, problems: Problems) -> None:
    statuses, completed = columns["status"], columns["fullfoert"]
    if Status.AVSLUTTET not in statuses and not any(completed):
        return
    for index, (status, done) in enumerate(zip(statuses, completed)):
        if status is Status.AVSLUTTET:
            if done is None:
                problems.append((index, "fullfoert",
                                 N_("Når status er Avsluttet, må det stå om praksisen ble fullført (Ja/Nei).")))
        elif done:
            problems.append((index, "fullfoert", N_("Fullført kan bare være «Ja» når status er Avsluttet.")))


def documents_due(columns: Columns, documents: DocumentSet, problems: Problems) -> None:
    """The fields a document states are required from the status at which it is due."""
    holes: dict[str, bool] = {}  # field path → some row of the chunk lacks it
    gaps: dict[tuple[Any, Any], tuple[str, ...]] = {}  # (tiltak, status) → needed fields some row lacks
    for index, case in enumerate(zip(columns["tiltak"], columns["status"])):
        lacking = gaps.get(case)
        if lacking is None:
            lacking = gaps[case] = _lacking(columns, documents, case, holes)
        for path in lacking:
            if columns[path][index] is None:
                _missing_for_documents(columns, documents, index, case, problems)
                break


def _lacking(columns: Columns, documents: DocumentSet, case: tuple[Any, Any],
             holes: dict[str, bool]) -> tuple[str, ...]:
    """The fields a document due in this case may need that some row of the chunk lacks."""
    tiltak, status = case
    if not isinstance(tiltak, Tiltak) or not isinstance(status, Status):
        return ()  # unreadable: reported as such
    for path in documents.needed(tiltak, status):
        if path not in holes:
            holes[path] = _gaps(columns[path])
    return tuple(path for path in documents.needed(tiltak, status) if holes[path])


def _missing_for_documents(columns: Columns, documents: DocumentSet, index: int, case: tuple[Tiltak, Status],
                           problems: Problems) -> None:
    """One row lacks a field some due document may need: which documents, and what."""
    tiltak, status = case
    missing: dict[str, list[str]] = {}
    for name, spec in documents.due(tiltak, status):
        if spec.betingelse and not columns[spec.betingelse][index]:
            continue
        for path in spec.krever:
            if columns[path][index] is None:
                missing.setdefault(path, []).append(documents.title(name).lower())
    for path, titles in missing.items():
        names = [f"«{t}»" for t in dict.fromkeys(titles)]
        listed = names[0] if len(names) == 1 else N_("{dokumenter} og {siste}", dokumenter=", ".join(names[:-1]),
                                                      siste=names[-1])
        problems.append((index, path, N_(
            "{felt} mangler. Feltet trengs fra status «{status}» fordi {dokumenter} lages da.",
            felt=FIELDS[path].title, status=status.value, dokumenter=listed
        )))


RULES: tuple[Callable[[Columns, DocumentSet, Problems], None], ...] = (
    required_always, period, meetings, hours, working_hours, probation_period, scheme, certificates, certificate_basis,
    completion, documents_due,
)


_ATTEST_SECTORS = frozenset({Sektor.BARNEHAGE, Sektor.SKOLE, Sektor.HELSE, Sektor.BARNEVERN})


def sector_notes(columns: Columns) -> dict[int, list[Message]]:
    """Notes, not errors, for a unit whose sector often requires a certificate the row does not
    ask for: left out, the requirement is missing from the agreement too (review finding C7).
    Whether it applies is the unit's call: in a barnehage the law requires a politiattest of an
    employee (a trainee) and lets the barnehage require it of others (barnehageloven § 30)."""
    sectors = columns["praksisenhet.sektor"]
    notes: dict[int, list[Message]] = {}
    if not any(sector in _ATTEST_SECTORS for sector in sectors):
        return notes
    for index, (sector, attest, mrsa) in enumerate(zip(sectors, columns["krav.politiattest"],
                                                       columns["krav.mrsa_tuberkulose"])):
        if sector in _ATTEST_SECTORS and attest is None:
            notes.setdefault(index, []).append(N_(
                "Politiattest er ikke krevd, men enheten er en barnehage, skole, helse- eller barnevernsenhet, "
                "der det ofte kreves (i barnehage: barnehageloven § 30). Kontroller det; kreves den, fyll inn "
                "kravet og hjemmelen, så står det i avtalen."))
        if sector is Sektor.HELSE and mrsa is None:
            notes.setdefault(index, []).append(N_(
                "Egenerklæring om MRSA/tuberkulose er ikke krevd, men enheten er i helsesektoren, der det ofte "
                "kreves. Kontroller det; kreves den, fyll inn kravet, så står det i avtalen."))
    return notes


def check(columns: Columns, documents: DocumentSet) -> Problems:
    """Every problem of every row in the chunk, rule by rule (a row's own problems stay in
    rule order)."""
    problems: Problems = []
    for rule in RULES:
        rule(columns, documents, problems)
    return problems
