"""Norwegian local time (Europe/Oslo) for every timestamp praksis writes into an archive or an export.

A records system and a depot read a dateTime's date in Norwegian time: `2026-12-31T23:59:59+00:00`
is 1 January 2027 in Norway. So timestamps are made and written in Europe/Oslo (+01:00 in winter,
+02:00 in summer, as the date falls), whatever the machine's own time zone (TZ) is.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

OSLO = ZoneInfo("Europe/Oslo")


def now() -> datetime:
    """This moment in Oslo, to the second."""
    return datetime.now(OSLO).replace(microsecond=0)


def local(value: datetime | str) -> datetime:
    """A timestamp (a datetime or an ISO 8601 string) as Oslo time; one without an offset is taken
    to be Oslo time already."""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    if moment.tzinfo is None:
        return moment.replace(tzinfo=OSLO)
    return moment.astimezone(OSLO)


def local_iso(value: datetime | str) -> str:
    """`local(value)` written as xs:dateTime, to the second, with its Oslo offset."""
    return local(value).replace(microsecond=0).isoformat()


def local_date(value: datetime | str) -> date:
    """The date in Norway of a timestamp."""
    return local(value).date()


def day_start(day: date) -> datetime:
    return datetime.combine(day, time(0, 0, 0), OSLO)


def day_end(day: date) -> datetime:
    """23:59:59 Oslo time on `day`: the end of a period whose last day is `day`."""
    return datetime.combine(day, time(23, 59, 59), OSLO)


def has_oslo_offset(text: str) -> bool:
    """True when an xs:dateTime string carries the offset Oslo had at that moment."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return False
    return moment.tzinfo is not None and moment.utcoffset() == moment.astimezone(OSLO).utcoffset()
