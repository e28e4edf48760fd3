"""Characters that break things later (exports, PDFs, logs) are stopped at validation, with the
field named; whitespace-like ones are normalised. A UTF-8 file with one bad byte is rejected
with its line, not re-read as Windows-1252."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.validation.validator import Validator
from tests.conftest import good_row

FORBIDDEN = ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9f", "\u202a", "\u202e", "\u2066", "\u2069",
             "\ufdd0", "\ufffe", "\uffff", "\U0010ffff"]


@pytest.mark.parametrize("ch", FORBIDDEN, ids=[f"U+{ord(c):04X}" for c in FORBIDDEN])
def test_control_bidi_and_noncharacters_are_rejected_with_the_field_named(validator: Validator, tmp_path: Path, ch):
    path = tmp_path / "a.json"
    path.write_text(json.dumps([good_row(**{"praktikant.navn": f"Kari{ch}Nordmann",
                                            "arbeidsoppgaver": "Rydde"})], ensure_ascii=True), encoding="utf-8")
    [record] = validator.validate_file(path).records
    [error] = record.errors
    assert error.kolonne == "praktikant.navn" and f"U+{ord(ch):04X}" in error.melding
    assert ch not in error.verdi  # shown escaped (or as a space where it is whitespace), not as it is
    if not ch.isspace():
        assert f"<U+{ord(ch):04X}>" in error.verdi


def test_a_lone_surrogate_from_a_json_escape_never_reaches_a_record(validator: Validator, tmp_path: Path):
    path = tmp_path / "a.json"
    row = good_row()
    text = json.dumps([row]).replace('"Test Testesen"', '"Test \\ud800Testesen"')
    path.write_text(text, encoding="utf-8")
    [record] = validator.validate_file(path).records
    # the JSON reader (yajl) replaces it; if one ever came through, validation rejects it
    assert not record.valid or "\ud800" not in record.record.praktikant.navn


def test_free_text_and_lists_are_checked_too(validator: Validator, write_csv):
    result = validator.validate_file(write_csv([good_row(arbeidsoppgaver="Rydde\n\u202eevlyh", id="A"),
                                                good_row(**{"praksisveileder.epost": "a\x00@b.no"}, id="B")]))
    assert [e.kolonne for e in result.records[0].errors] == ["arbeidsoppgaver"]
    assert not result.records[1].valid


def test_whitespace_like_characters_are_normalised(validator: Validator, write_csv):
    [record] = validator.validate_file(write_csv([good_row(**{"praktikant.navn": "Kari\u00a0\tNordmann"})])).records
    assert record.valid and record.record.praktikant.navn == "Kari Nordmann"


def test_a_utf8_file_with_one_bad_byte_is_rejected_with_its_line(validator: Validator, tmp_path: Path):
    path = tmp_path / "a.csv"
    text = "Navn;Fødselsnummer\r\nÅse Ødegård;1\r\nOla;2\r\n"
    data = text.encode("utf-8").replace(b"Ola", b"O\xffla")
    path.write_bytes(data)
    result = validator.validate_file(path)
    assert result.file_error and "linje 3" in result.file_error and "0xFF" in result.file_error
    assert not result.records


def test_windows_1252_is_still_read_when_nothing_in_it_is_utf8(validator: Validator, write_csv):
    result = validator.validate_file(write_csv([good_row(**{"praktikant.navn": "Åse Ødegård"})], encoding="cp1252"))
    assert result.records[0].record.praktikant.navn == "Åse Ødegård"


def test_a_windows_1252_file_ending_in_a_letter_utf8_could_start_with_is_still_windows_1252(validator, tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes("Navn;Merknad\r\nOla;på\r\nKari;Eksempelå".encode("cp1252"))  # ends in 0xE5, no line break
    from pipeline.reading.csv_reader import detect_encoding
    assert detect_encoding(path) == "cp1252"


def test_bytes_windows_1252_does_not_define_are_rejected(validator, tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(b"Navn;Merknad\r\nOla;p\xe5\r\nKari;\x81\r\n")
    result = validator.validate_file(path)
    assert result.file_error and "verken UTF-8 eller Windows-1252" in result.file_error


@pytest.mark.parametrize("ch, said", [("\u00a0", "hardt mellomrom (U+00A0) gjort om til vanlig mellomrom"),
                                      ("\u2007", "sifferbredt mellomrom (U+2007) gjort om til vanlig mellomrom"),
                                      ("\u202f", "smalt hardt mellomrom (U+202F) gjort om til vanlig mellomrom"),
                                      ("\u200b", "usynlig mellomrom (U+200B) fjernet"),
                                      ("\u00ad", "myk bindestrek (U+00AD) fjernet")])
def test_harmless_whitespace_like_characters_are_cleaned_and_said_so_with_the_field(validator: Validator, write_csv,
                                                                                     ch, said):
    rows = [good_row(**{"praktikant.navn": f"Kari{ch}Nordmann", "arbeidsoppgaver": f"Rydde{ch}bord\nVaske"}, id="A"),
            good_row(id="B")]
    result = validator.validate_file(write_csv(rows))
    first, second = result.records
    expected = "Kari Nordmann" if ch not in "\u200b\u00ad" else "KariNordmann"
    assert first.valid and first.record.praktikant.navn == expected
    assert first.record.arbeidsoppgaver[0] == expected.replace("Kari", "Rydde").replace("Nordmann", "bord")
    assert [n for n in first.notes if said in n] == [f"«praktikant.navn»: {said}.", f"«arbeidsoppgaver»: {said}."]
    assert not second.notes
    assert [where for where, note in result.notes if said in note] == [first.where, first.where]


def test_a_value_of_nothing_but_invisible_characters_is_missing(validator: Validator, write_csv):
    [record] = validator.validate_file(write_csv([good_row(**{"praktikant.navn": "\u200b\u00ad"})])).records
    assert not record.valid and [e.kolonne for e in record.errors] == ["praktikant.navn"]
