"""Terms the documents derive: working hours, probation, deadlines on working days, the
aktivitetsplass's legal basis (pipeline/vilkaar.py)."""

from datetime import date

import pytest

from pipeline.domain.vilkaar import (aktivitet_hjemmel, holidays, hours_disagree, probation, weekly_hours,
                              working_day_on_or_before)


@pytest.mark.parametrize("text, hours", [
    ("Mandag–fredag 08.00–15.30", 37.5), ("08.00–14.00", 30.0), ("mandag-onsdag 08:00-16:00", 24.0),
    ("Dagtid etter avtale", None), ("Mandag og torsdag 08.00–12.00", None), ("08.00–12.00 og 13.00–15.00", None),
])
def test_weekly_hours_from_the_daily_span(text: str, hours: float | None) -> None:
    assert weekly_hours(text) == hours


def test_hours_disagree_only_where_both_are_comparable() -> None:
    assert hours_disagree(37.5, "Mandag–fredag 08.00–14.00") == 30.0  # the jurist's example
    assert hours_disagree(37.5, "Mandag–fredag 08.00–15.30") is None
    assert hours_disagree(None, "08.00–14.00") is None and hours_disagree(30, None) is None
    assert hours_disagree(30, "etter arbeidsplan") is None


def test_probation_is_at_most_half_the_employment() -> None:
    # 5 January – 31 December 2026: six months would pass half the period by a day (aml. § 15-6 (2))
    assert probation(date(2026, 1, 5), date(2026, 12, 31), 6) == (5, date(2026, 6, 4), True)
    assert probation(date(2026, 1, 5), date(2027, 1, 4), 6) == (6, date(2026, 7, 4), False)
    assert probation(date(2026, 1, 5), date(2026, 3, 29), 6)[0] == 1
    assert probation(date(2026, 1, 5), date(2026, 1, 30), 6)[0] == 0


def test_deadlines_move_back_to_a_working_day() -> None:
    assert date(2026, 4, 3) in holidays(2026)  # langfredag
    assert working_day_on_or_before(date(2026, 4, 3)) == date(2026, 4, 1)  # not skjærtorsdag either
    assert working_day_on_or_before(date(2026, 7, 4)) == date(2026, 7, 3)  # Saturday
    assert working_day_on_or_before(date(2026, 5, 18)) == date(2026, 5, 18)
    assert working_day_on_or_before(date(2026, 5, 17)) == date(2026, 5, 15)  # Sunday and 17 May
    assert {date(2026, 5, 14), date(2026, 5, 25), date(2026, 12, 26)} <= holidays(2026)


def test_aktivitetsplass_basis_by_age() -> None:
    assert aktivitet_hjemmel(date(1997, 1, 6), date(2026, 1, 5)).replace("\u00a0", " ") == "sosialtjenesteloven § 20 a"
    assert aktivitet_hjemmel(date(1996, 1, 5), date(2026, 1, 5)).replace("\u00a0", " ") == "sosialtjenesteloven § 20"
    assert aktivitet_hjemmel(None, date(2026, 1, 5)).endswith("20")
