"""Norwegian identifiers: fødselsnummer / D-number (with synthetic test numbers) and
organisasjonsnummer, plus masking so a fødselsnummer never leaves in clear text."""

from __future__ import annotations

import re
from datetime import date
from operator import mul

from .texts import N_

_K1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_K2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
_ORG = (3, 2, 7, 6, 5, 4, 3, 2)


def _mod11(digits: str, weights: tuple[int, ...]) -> int | None:
    """The mod-11 check digit, or None where no digit is possible (remainder 1)."""
    # Over the ASCII codes, then the '0' offset taken off once: the hot path of validation.
    rest = (sum(map(mul, digits.encode("ascii"), weights)) - 48 * sum(weights)) % 11
    if rest == 0:
        return 0
    if rest == 1:
        return None
    return 11 - rest


def fnr_check_digits(first_nine: str) -> str | None:
    """Both check digits for the first nine digits, or None if no valid number exists."""
    k1 = _mod11(first_nine, _K1)
    if k1 is None:
        return None
    k2 = _mod11(first_nine + str(k1), _K2)
    if k2 is None:
        return None
    return f"{k1}{k2}"


def _parts(fnr: str) -> tuple[int, int, int, int]:
    """DDMM, YY, the individual number and the two check digits of eleven ASCII digits, as
    numbers: one parse, then plain arithmetic (validation runs this for every row)."""
    ddmm, rest = divmod(int(fnr), 10_000_000)
    yy, rest = divmod(rest, 100_000)
    individ, controls = divmod(rest, 100)
    return ddmm, yy, individ, controls


def _day_month(ddmm: int) -> tuple[int, int] | None:
    """(day, month) of the DDMM digits, D-number and synthetic forms undone; None where no
    month has such a day (29 February is kept: whether it exists depends on the year)."""
    day, month = divmod(ddmm, 100)
    if day > 40:  # D-number: 4 added to the first digit
        day -= 40
    if month > 80:  # synthetic test number (Tenor): 80 added to the month
        month -= 80
    elif month > 40:  # H-number / NAV's synthetic numbers: 40 added to the month
        month -= 40
    if not (1 <= month <= 12 and 1 <= day <= _LONGEST_MONTH[month]):
        return None
    return day, month


_LONGEST_MONTH = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_DAY_MONTH = [_day_month(ddmm) for ddmm in range(10_000)]


def _birth(ddmm: int, yy: int, individ: int) -> date | None:
    day_month = _DAY_MONTH[ddmm]
    if day_month is None:
        return None
    # the century from the individual number's range
    if individ <= 499:
        year = 1900 + yy
    elif individ <= 749 and yy >= 54:
        year = 1800 + yy
    elif yy <= 39:
        year = 2000 + yy
    elif individ >= 900:
        year = 1900 + yy
    else:
        return None
    try:
        return date(year, day_month[1], day_month[0])
    except ValueError:  # 29 February in a year that is not a leap year
        return None


def fnr_birth_date(fnr: str) -> date | None:
    """The birth date a fødselsnummer encodes (D-number and synthetic forms too), or None."""
    ddmm, yy, individ, _ = _parts(fnr)
    return _birth(ddmm, yy, individ)


def fnr_problem(fnr: str) -> str | None:
    """Why `fnr` is not a valid fødselsnummer/D-number (a Norwegian `texts.Message`), or None if it is."""
    if len(fnr) != 11 or not (fnr.isascii() and fnr.isdigit()):
        return N_("Fødselsnummeret må ha 11 siffer.")
    ddmm, yy, individ, controls = _parts(fnr)
    if _birth(ddmm, yy, individ) is None:
        return N_("De seks første sifrene er ikke en gyldig fødselsdato.")
    if not _check_sums_hold(ddmm, yy, individ, controls):
        return N_("Kontrollsifrene stemmer ikke. Sjekk at fødselsnummeret er skrevet riktig.")
    return None


def _weighted_sums(start: int, width: int) -> list[int]:
    """For each number 0 … 10**width − 1 written as the digits at positions start … start+width
    of a fødselsnummer: their share of both weighted check sums, packed as k1 + (k2 << 10)
    (each sum stays below 1024)."""
    table = [0]
    for position in range(start, start + width):
        weight = _K1_ALL[position] | (_K2_ALL[position] << 10)
        table = [packed + digit * weight for packed in table for digit in range(10)]
    return table


_K1_ALL = _K1 + (1, 0)  # the weights of all eleven digits: each check digit at weight 1
_K2_ALL = _K2 + (1,)
_DDMM_SUMS, _YY_SUMS, _INDIVID_SUMS, _CONTROL_SUMS = (
    _weighted_sums(0, 4), _weighted_sums(4, 2), _weighted_sums(6, 3), _weighted_sums(9, 2))
_BOTH_ZERO = frozenset(k1 | (k2 << 10) for k1 in range(0, 9 * sum(_K1_ALL) + 1, 11) for k2 in range(0, 9 * sum(_K2_ALL) + 1, 11))


def _check_sums_hold(ddmm: int, yy: int, individ: int, controls: int) -> bool:
    """With each check digit at weight 1, both weighted sums are 0 mod 11; where a check digit
    of 10 would be needed, no digit makes the sum 0, so no such number passes. The sums are
    added up from precomputed shares of the number's parts."""
    return _DDMM_SUMS[ddmm] + _YY_SUMS[yy] + _INDIVID_SUMS[individ] + _CONTROL_SUMS[controls] in _BOTH_ZERO


def fnr_check_digits_hold(fnr: str) -> bool:
    """`fnr_check_digits(fnr[:9]) == fnr[9:]`, for eleven ASCII digits."""
    return _check_sums_hold(*_parts(fnr))


def is_synthetic_fnr(fnr: str) -> bool:
    """True for test-register numbers (month + 40 or + 80)."""
    return int(fnr[2:4]) > 40


def orgnr_problem(orgnr: str) -> str | None:
    """Why `orgnr` is not a valid organisasjonsnummer (Norwegian), or None if it is."""
    if len(orgnr) != 9 or not (orgnr.isascii() and orgnr.isdigit()):
        return N_("Organisasjonsnummeret må ha 9 siffer.")
    if _mod11(orgnr[:8], _ORG) != int(orgnr[8]):
        return N_("Kontrollsifferet stemmer ikke. Sjekk organisasjonsnummeret i Enhetsregisteret.")
    return None


def mask_fnr(value: str) -> str:
    """`01019012345` → `010190*****`: the birth date part only, never the personal number."""
    text = str(value)
    digits = "".join(ch for ch in text if ch.isdigit())
    if len(digits) <= 6:
        return "*" * len(text)
    return digits[:6] + "*" * (len(digits) - 6)


_ELEVEN_DIGITS = re.compile(r"(?<!\d)(\d{6})\d{5}(?!\d)")


def mask_numbers_in(text: str) -> str:
    """Any run of exactly eleven digits (a fødselsnummer, perhaps) masked as `010190*****`:
    for file names in logs and receipts, which people sometimes name after the person."""
    return _ELEVEN_DIGITS.sub(r"\1*****", text)
