from datetime import date, datetime

import pytest

from pipeline.domain.normalize import ValueProblem, converters
from pipeline.domain.record import Status, Tiltak
from tests.conftest import fnr_for

C = converters("|")


def conv(kind: str, value: object, limit: int = 200) -> object:
    return C[kind](value, limit)


@pytest.mark.parametrize("text, expected", [
    ("05.01.2026", date(2026, 1, 5)), ("5.1.2026", date(2026, 1, 5)), ("2026-01-05", date(2026, 1, 5)),
    ("05/01/2026", date(2026, 1, 5)), ("05.01.26", date(2026, 1, 5)), (" 2026-01-05T00:00:00 ", date(2026, 1, 5)),
    (datetime(2026, 1, 5, 0, 0), date(2026, 1, 5)), (date(2026, 1, 5), date(2026, 1, 5)),
])
def test_dates_as_people_write_them(text: object, expected: date) -> None:
    assert conv("date", text) == expected


@pytest.mark.parametrize("text, fragment", [
    ("31.02.2026", "kalenderen"), ("januar 2026", "dd.mm.åååå"), ("05.01.1890", "Året"),
])
def test_bad_dates_say_what_to_fix(text: str, fragment: str) -> None:
    with pytest.raises(ValueProblem) as caught:
        conv("date", text)
    assert fragment in caught.value.message


@pytest.mark.parametrize("text, expected", [
    ("Ja", True), ("ja ", True), ("JA", True), ("x", True), ("X", True), ("yes", True), (1, True), (True, True),
    ("Nei", False), ("nei", False), ("no", False), ("0", False), (False, False),
])
def test_booleans(text: object, expected: bool) -> None:
    assert conv("bool", text) is expected


def test_boolean_rejects_other_words() -> None:
    with pytest.raises(ValueProblem, match="Ja"):
        conv("bool", "kanskje")


@pytest.mark.parametrize("text, expected", [("37,5", 37.5), ("37.5", 37.5), (" 20 ", 20.0), (30, 30.0), ("1 000,5", 1000.5)])
def test_numbers_with_decimal_comma(text: object, expected: float) -> None:
    assert conv("number", text) == expected


@pytest.mark.parametrize("text", ["nan", "NaN", "inf", "-Infinity", float("nan"), float("inf"), "tretti"])
def test_what_is_no_number_of_hours_is_rejected(text: object) -> None:
    with pytest.raises(ValueProblem, match="tall"):
        conv("number", text)


@pytest.mark.parametrize("text, expected", [
    ("Intern arbeidstrening", Tiltak.INTERN_ARBEIDSTRENING), ("Språkpraksis", Tiltak.SPRAAKPRAKSIS),
    ("spraakpraksis", Tiltak.SPRAAKPRAKSIS), (" ARBEIDSTRENING ", Tiltak.ARBEIDSTRENING),
    ("intern_arbeidstrening", Tiltak.INTERN_ARBEIDSTRENING), ("Kommunal praksisplass", Tiltak.ARBEIDSPRAKSIS),
    ("Trainee", Tiltak.TRAINEE), ("aktivitetsplass", Tiltak.AKTIVITETSPLASS),
])
def test_tiltak_spellings(text: str, expected: Tiltak) -> None:
    assert conv("tiltak", text) is expected


@pytest.mark.parametrize("text, expected", [
    (" bekreftet ", Status.BEKREFTET), ("Statusmøte avtalt", Status.STATUSMOETE_AVTALT),
    ("statusmoete avtalt", Status.STATUSMOETE_AVTALT), ("STATUSMOTE AVTALT", Status.STATUSMOETE_AVTALT),
    ("ny", Status.NY), ("Avsluttet", Status.AVSLUTTET),
])
def test_status_spellings(text: str, expected: Status) -> None:
    assert conv("status", text) is expected


def test_unknown_tiltak_and_status_list_the_choices() -> None:
    with pytest.raises(ValueProblem, match="Språkpraksis"):
        conv("tiltak", "Sommerjobb")
    with pytest.raises(ValueProblem, match="Statusmøte avtalt"):
        conv("status", "Pågår")


def test_lists_one_item_per_line_or_separator() -> None:
    assert conv("list", "Kjøkken\r\nVaskeri\n\n") == ["Kjøkken", "Vaskeri"]
    assert conv("list", "Kjøkken | Vaskeri") == ["Kjøkken", "Vaskeri"]
    assert conv("list", "• Kjøkken\n- Vaskeri") == ["Kjøkken", "Vaskeri"]
    assert conv("list", ["Kjøkken", " ", "Vaskeri"]) == ["Kjøkken", "Vaskeri"]
    assert conv("list", "•\n-") is None


def test_text_is_trimmed_and_capped() -> None:
    assert conv("text", "  Kari   Nordmann ") == "Kari Nordmann"
    assert conv("longtext", " linje 1\nlinje 2 ") == "linje 1\nlinje 2"
    with pytest.raises(ValueProblem, match="høyst 200"):
        conv("text", "x" * 2_000_000)


def test_excel_numbers_get_their_leading_zero_back() -> None:
    fnr = fnr_for(3, 9, 1991)  # born on the 3rd: Excel keeps it as a 10-digit number
    assert fnr.startswith("0")
    assert conv("fnr", int(fnr), 11) == fnr
    assert conv("fnr", float(int(fnr)), 11) == fnr
    assert conv("phone", 41234567.0, 30) == "41234567"


def test_identifiers_accept_spacing() -> None:
    assert conv("orgnr", "975 749 118", 9) == "975749118"
    assert conv("orgnr", "NO 975749118 MVA", 9) == "975749118"
    assert conv("orgnr", 975749118, 9) == "975749118"


@pytest.mark.parametrize("text, expected", [
    ("412 34 567", "41234567"), ("+47 412 34 567", "+4741234567"), ("0047 41234567", "+4741234567"),
    (41234567, "41234567"), ("+46 70 123 45 67", "+46701234567"),
])
def test_phone_numbers(text: object, expected: str) -> None:
    assert conv("phone", text, 30) == expected


@pytest.mark.parametrize("text", ["1234", "+47 1234", "tlf 41234567"])
def test_bad_phone_numbers(text: str) -> None:
    with pytest.raises(ValueProblem):
        conv("phone", text, 30)


def test_email() -> None:
    assert conv("email", " kari@example.com ", 254) == "kari@example.com"
    with pytest.raises(ValueProblem):
        conv("email", "kari(at)example.com", 254)
