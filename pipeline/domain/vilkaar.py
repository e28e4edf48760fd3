"""Terms the documents derive from the record rather than print as given (#13, the jurist's review).

- The working hours: a weekly figure and a daily span («Mandag–fredag 08.00–15.30») must agree,
  or the arbeidsavtale contradicts itself (aml. § 14-6 (1) j).
- The probation period: at most half the length of a fixed-term employment (aml. § 15-6 (2), from
  1 July 2024), with the date it ends.
- Deadlines the oppfølgingsplan computes: never on a weekend or a public holiday.
- The legal basis of an aktivitetsplass: sosialtjenesteloven § 20 a for those under 30, § 20 else.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache

_SPAN = re.compile(r"(\d{1,2})[.:](\d{2})\s*[–—-]\s*(\d{1,2})[.:](\d{2})")
_DAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
_DAYS_NN = ("måndag", "tysdag", "onsdag", "torsdag", "fredag", "laurdag", "sundag")
"""The weekdays in nynorsk (søndag is nynorsk too): «Måndag–fredag 08.00–15.30» is read as well."""
_DAY_NUMBER = {name: number for names in (_DAYS, _DAYS_NN) for number, name in enumerate(names)}
_DAY_RANGE = re.compile(r"(" + "|".join(_DAY_NUMBER) + r")\s*[–—-]\s*(" + "|".join(_DAY_NUMBER) + r")", re.IGNORECASE)


@lru_cache(maxsize=4096)
def weekly_hours(arbeidstid: str) -> float | None:
    """The weekly hours a daily span gives, or None where the text is not one span. Days are a
    range («mandag–fredag») or, where none is named, the five weekdays; a meal break inside the
    span is counted as working time, as it is where the span and the weekly hours are agreed.
    Cached: a sheet repeats a few spans, and validation asks for every row (13 % of its time)."""
    spans = _SPAN.findall(arbeidstid)
    if len(spans) != 1:
        return None
    h1, m1, h2, m2 = (int(x) for x in spans[0])
    daily = (h2 * 60 + m2 - h1 * 60 - m1) / 60
    if daily <= 0:
        return None
    days = _DAY_RANGE.search(arbeidstid)
    if days:
        first, last = _DAY_NUMBER[days.group(1).lower()], _DAY_NUMBER[days.group(2).lower()]
        count = last - first + 1
        if count <= 0:
            return None
    elif any(day in arbeidstid.lower() for day in _DAY_NUMBER):
        return None  # single days named: not a span we can count
    else:
        count = 5
    return daily * count


def hours_text(value: float) -> str:
    """37.5 → «37,5»; 30.0 → «30» (for messages)."""
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def hours_disagree(timer_per_uke: float | None, arbeidstid: str | None) -> float | None:
    """The weekly hours the daily span gives where they differ from `timer_per_uke`; None where
    they agree or one cannot be compared."""
    if timer_per_uke is None or not arbeidstid:
        return None
    weekly = weekly_hours(arbeidstid)
    if weekly is None or abs(weekly - timer_per_uke) < 0.01:
        return None
    return weekly


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def probation(start: date, end: date, months: float) -> tuple[int, date, bool]:
    """(whole months, last day, shortened) of the probation period: the months asked for, but
    never more than half the employment (aml. § 15-6 (2)); `shortened` where the law cut it."""
    asked = int(months)
    half_days = ((end - start).days + 1) / 2
    allowed = asked
    while allowed > 0 and (add_months(start, allowed) - start).days > half_days:
        allowed -= 1
    return allowed, add_months(start, allowed) - timedelta(days=1), allowed < asked


def probation_months_allowed(start: date, end: date) -> int:
    """The longest probation, in whole months, a fixed-term employment from start to end allows."""
    return probation(start, end, 6)[0]


def _easter(year: int) -> date:
    """Easter Sunday (the Gregorian computus, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    return date(year, month, (h + l - 7 * m + 114) % 31 + 1)


@lru_cache(maxsize=64)
def holidays(year: int) -> frozenset[date]:
    """Norway's public holidays (helligdager and 1 and 17 May)."""
    easter = _easter(year)
    moving = (-3, -2, 0, 1, 39, 49, 50)  # skjærtorsdag … 2. pinsedag
    fixed = (date(year, 1, 1), date(year, 5, 1), date(year, 5, 17), date(year, 12, 25), date(year, 12, 26))
    return frozenset((*fixed, *(easter + timedelta(days=n) for n in moving)))


def working_day_on_or_before(day: date) -> date:
    """The day itself, or the last working day before it (a «senest» deadline never falls on a
    Saturday, Sunday or public holiday)."""
    while day.weekday() >= 5 or day in holidays(day.year):
        day -= timedelta(days=1)
    return day


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def aktivitet_hjemmel(birth: date | None, start: date, law: str = "sosialtjenesteloven") -> str:
    """The section of sosialtjenesteloven (nynorsk: sosialtenestelova, given as `law`) a condition
    of activity rests on: § 20 a for a recipient under 30, § 20 for everyone else."""
    if birth is not None and age_on(birth, start) < 30:
        return f"{law} §\u00a020\u00a0a"
    return f"{law} §\u00a020"
