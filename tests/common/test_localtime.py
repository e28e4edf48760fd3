"""Norwegian local time whatever the machine's time zone."""

from __future__ import annotations

import time
from datetime import date, datetime, timezone

import pytest

from pipeline.common.localtime import day_end, has_oslo_offset, local_date, local_iso, now


@pytest.fixture
def tokyo(monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_now_and_conversions_are_oslo_time_whatever_tz_says(tokyo):
    assert time.localtime().tm_gmtoff == 9 * 3600
    assert has_oslo_offset(now().isoformat())
    assert local_iso("2026-12-31T23:30:00+00:00") == "2027-01-01T00:30:00+01:00"
    assert local_iso("2026-07-01T12:00:00+00:00") == "2026-07-01T14:00:00+02:00"  # summer time
    assert local_iso(datetime(2026, 3, 29, 1, 30, tzinfo=timezone.utc)) == "2026-03-29T03:30:00+02:00"  # the switch
    assert local_date("2026-12-31T23:59:59+00:00") == date(2027, 1, 1)
    assert local_iso("2026-05-01T10:00:00") == "2026-05-01T10:00:00+02:00"  # no offset: taken as Oslo time


def test_a_period_ends_at_23_59_59_in_norway():
    assert day_end(date(2026, 12, 31)).isoformat() == "2026-12-31T23:59:59+01:00"
    assert day_end(date(2026, 6, 30)).isoformat() == "2026-06-30T23:59:59+02:00"


@pytest.mark.parametrize("value, expected", [
    ("2026-01-10T10:00:00+01:00", True), ("2026-07-10T10:00:00+02:00", True),
    ("2026-01-10T10:00:00+02:00", False), ("2026-12-31T23:59:59+00:00", False),
    ("2026-01-10T10:00:00", False), ("ikke en dato", False)])
def test_the_oslo_offset_is_the_one_of_that_moment(value, expected):
    assert has_oslo_offset(value) is expected
