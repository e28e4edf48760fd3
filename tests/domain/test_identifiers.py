from datetime import date

from hypothesis import example, given
from hypothesis import strategies as st

from pipeline.domain.identifiers import (
    fnr_birth_date,
    fnr_check_digits,
    fnr_check_digits_hold,
    fnr_problem,
    is_synthetic_fnr,
    mask_fnr,
    orgnr_problem,
)
from pipeline.domain.synthetic import synthetic_fnr

births = st.dates(min_value=date(1940, 1, 1), max_value=date(2039, 12, 31))


def _individ_for(birth: date, n: int) -> int:
    if birth.year >= 2000:
        return 500 + n % 500
    return n % 500


@given(births, st.integers(0, 499))
def test_synthetic_numbers_are_valid_and_encode_the_birth_date(birth: date, n: int) -> None:
    fnr = synthetic_fnr(birth, _individ_for(birth, n))
    if fnr is None:  # about 1 in 11 individual numbers has no valid check digit
        return
    assert fnr_problem(fnr) is None
    assert fnr_birth_date(fnr) == birth
    assert is_synthetic_fnr(fnr)


@given(births, st.integers(0, 499), st.integers(0, 10), st.integers(1, 9))
def test_changing_any_single_digit_is_detected(birth: date, n: int, position: int, delta: int) -> None:
    fnr = synthetic_fnr(birth, _individ_for(birth, n))
    if fnr is None:
        return
    changed = fnr[:position] + str((int(fnr[position]) + delta) % 10) + fnr[position + 1:]
    assert fnr_problem(changed) is not None


@given(st.text(alphabet="0123456789", min_size=11, max_size=11))
def test_one_pass_check_agrees_with_computing_the_check_digits(fnr: str) -> None:
    assert fnr_check_digits_hold(fnr) == (fnr_check_digits(fnr[:9]) == fnr[9:])


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_one_pass_check_accepts_the_computed_check_digits(first_nine: str) -> None:
    digits = fnr_check_digits(first_nine)
    if digits is not None:  # remainder 1: no valid number exists
        assert fnr_check_digits_hold(first_nine + digits)


@given(births, st.integers(0, 499))
def test_d_numbers_add_four_to_the_first_digit(birth: date, n: int) -> None:
    individ = _individ_for(birth, n)
    first_nine = f"{birth.day + 40:02d}{birth.month:02d}{birth.year % 100:02d}{individ:03d}"
    digits = fnr_check_digits(first_nine)
    if digits is None:
        return
    assert fnr_problem(first_nine + digits) is None
    assert fnr_birth_date(first_nine + digits) == birth


def test_impossible_dates_and_wrong_lengths_are_rejected() -> None:
    assert "11 siffer" in fnr_problem("1234567890")
    assert "11 siffer" in fnr_problem("1234567890a")
    first_nine = "310290123"  # 31 February
    digits = fnr_check_digits(first_nine) or "00"
    assert "fødselsdato" in fnr_problem(first_nine + digits)


def _orgnr(first_eight: str) -> str | None:
    weights = (3, 2, 7, 6, 5, 4, 3, 2)
    rest = sum(int(d) * w for d, w in zip(first_eight, weights)) % 11
    check = 0 if rest == 0 else 11 - rest
    return None if check == 10 else first_eight + str(check)


@given(st.from_regex(r"[89][0-9]{7}", fullmatch=True), st.integers(1, 9))
def test_orgnr_check_digit(first_eight: str, delta: int) -> None:
    orgnr = _orgnr(first_eight)
    if orgnr is None:
        return
    assert orgnr_problem(orgnr) is None
    assert orgnr_problem(orgnr[:8] + str((int(orgnr[8]) + delta) % 10)) is not None


def test_mask_keeps_only_the_birth_date_part() -> None:
    fnr = synthetic_fnr(date(1990, 10, 10), 123) or synthetic_fnr(date(1990, 10, 10), 124)
    assert mask_fnr(fnr) == fnr[:6] + "*****"
    assert mask_fnr("1234") == "****"


def test_century_from_individual_number() -> None:
    for birth, individ in ((date(1999, 1, 2), 100), (date(2005, 1, 2), 600), (date(1945, 5, 17), 950)):
        for offset in range(20):
            fnr = synthetic_fnr(birth, individ + offset)
            if fnr:
                assert fnr_birth_date(fnr) == birth
                break
    assert fnr_birth_date("01015080000") is None  # individual 750–899 with year 40–99: no century


def test_non_ascii_digits_are_rejected_not_crashed_on() -> None:
    assert orgnr_problem("8000000\u06609") is not None
    assert fnr_problem("0101901234\u0660") is not None


# The register's table of centuries: (individual numbers, years), the century. The first row
# that fits decides; no row fits: no such number.
CENTURIES = (
    (range(500), range(100), 1900),
    (range(500, 750), range(54, 100), 1800),
    (range(500, 1000), range(40), 2000),
    (range(900, 1000), range(40, 100), 1900),
)


def _birth_written_out(fnr: str) -> date | None:
    """The birth date read digit by digit from the register's description (the reference for the
    table-driven `fnr_birth_date`)."""
    day, month, yy, individ = int(fnr[0:2]), int(fnr[2:4]), int(fnr[4:6]), int(fnr[6:9])
    day -= 40 if day > 40 else 0  # D-number
    month -= 80 if month > 80 else 40 if month > 40 else 0  # synthetic numbers
    century = next((c for individs, years, c in CENTURIES if individ in individs and yy in years), None)
    if century is None:
        return None
    try:
        return date(century + yy, month, day)
    except ValueError:
        return None


fnr_like = st.builds(lambda dd, mm, yy, individ, kk: f"{dd:02d}{mm:02d}{yy:02d}{individ:03d}{kk:02d}",
                     st.integers(0, 99), st.integers(0, 99), st.integers(0, 99), st.integers(0, 999), st.integers(0, 99))


@given(fnr_like)
@example("01015450000")  # the edges of the century table
@example("01015474900")
@example("01015375000")
@example("01014075000")
@example("01014090000")
@example("01013950000")
@example("01019949900")
def test_birth_date_and_problem_agree_with_the_rules_written_out(fnr: str) -> None:
    birth = _birth_written_out(fnr)
    assert fnr_birth_date(fnr) == birth
    holds = fnr_check_digits(fnr[:9]) == fnr[9:]
    assert fnr_check_digits_hold(fnr) == holds
    expected = None if birth and holds else ("fødselsdato" if birth is None else "Kontrollsifrene")
    problem = fnr_problem(fnr)
    assert problem == expected or (expected is not None and problem is not None and expected in problem)


def test_29_february_only_in_leap_years() -> None:
    leap = next(f for f in (synthetic_fnr(date(2000, 2, 29), i) for i in range(500, 520)) if f)
    assert fnr_birth_date(leap) == date(2000, 2, 29) and fnr_problem(leap) is None
    assert fnr_birth_date("29020010000") is None  # individual 100: 1900, not a leap year
    assert fnr_birth_date("29020410000") == date(1904, 2, 29)
    assert "fødselsdato" in (fnr_problem("29020010000") or "")
