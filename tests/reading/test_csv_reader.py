from pathlib import Path

import pytest

from pipeline.common.config import Config
from pipeline.common.errors import InputFileError
from pipeline.reading import open_source
from pipeline.reading.csv_reader import detect_delimiter, detect_encoding
from tests.conftest import good_row

HEADERS = ["Løpenummer", "Tiltak", "Status", "Navn", "Fødselsnummer", "Praksisenhet", "Startdato", "Sluttdato"]


def _rows(tmp_path: Path, text: str, encoding: str, name: str = "a.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("encoding, expected", [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp1252", "cp1252"), ("utf-16", "utf-16"),
])
def test_encodings_are_detected(tmp_path: Path, config: Config, encoding: str, expected: str) -> None:
    text = ";".join(HEADERS) + "\r\n1;Språkpraksis;Ny;Åse Øvrebø;x;Bøgata skole;01.01.2026;01.02.2026\r\n"
    path = _rows(tmp_path, text, encoding)
    assert detect_encoding(path) == expected
    record = next(open_source(path, config).records())
    assert record.values["praktikant.navn"] == "Åse Øvrebø"
    assert record.values["tiltak"] == "Språkpraksis"
    assert record.columns["praktikant.navn"] == "Navn"


@pytest.mark.parametrize("line, expected", [
    ("a;b;c", ";"), ("a,b,c", ","), ("a\tb\tc", "\t"), ('"a;b",c,d', ","), ("a", ";"),
])
def test_delimiters(line: str, expected: str) -> None:
    assert detect_delimiter(line) == expected


def test_comma_separated_with_canonical_headers(tmp_path: Path, config: Config, write_csv) -> None:
    path = write_csv([good_row()], delimiter=",")
    record = next(open_source(path, config).records())
    assert record.values["praksisenhet.organisasjonsnummer"] == "975749118"


def test_multiline_cells_keep_line_numbers(tmp_path: Path, config: Config) -> None:
    text = (";".join(HEADERS + ["Arbeidsoppgaver"]) + "\r\n"
            '1;Ny;Ny;A;x;B;01.01.2026;01.02.2026;"Kjøkken\r\nVaskeri\r\nLager"\r\n'
            "2;Ny;Ny;A;x;B;01.01.2026;01.02.2026;Rydding\r\n")
    records = list(open_source(_rows(tmp_path, text, "utf-8"), config).records())
    assert [r.row for r in records] == [2, 5]
    assert records[0].values["arbeidsoppgaver"] == "Kjøkken\r\nVaskeri\r\nLager"


def test_unknown_columns_warn_and_duplicates_reject(tmp_path: Path, config: Config) -> None:
    path = _rows(tmp_path, "Navn;Favorittfarge\r\nA;blå\r\n", "utf-8")
    source = open_source(path, config)
    list(source.records())
    assert any("Favorittfarge" in w for w in source.warnings)
    path = _rows(tmp_path, "Navn;Praktikant\r\nA;B\r\n", "utf-8", "dup.csv")
    with pytest.raises(InputFileError, match="betyr begge"):
        open_source(path, config)


def test_user_aliases_extend_the_table(tmp_path: Path, workspace, config: Config) -> None:
    aliases = workspace.config_dir / "kolonner.toml"
    aliases.write_text(aliases.read_text(encoding="utf-8") + '"Kandidat" = "praktikant.navn"\n', encoding="utf-8")
    from pipeline.common.config import load_config

    path = _rows(tmp_path, "Kandidat;Startdato\r\nA;01.01.2026\r\n", "utf-8")
    record = next(open_source(path, load_config(workspace)).records())
    assert record.values["praktikant.navn"] == "A"
    assert record.columns["praktikant.navn"] == "Kandidat"


def test_headers_are_matched_loosely(tmp_path: Path, config: Config) -> None:
    path = _rows(tmp_path, " FØDSELSNUMMER : ;Timer pr. uke;praktikant.navn\r\nx;37,5;A\r\n", "utf-8")
    record = next(open_source(path, config).records())
    assert set(record.values) == {"praktikant.foedselsnummer", "timer_per_uke", "praktikant.navn"}


@pytest.mark.parametrize("content, fragment", [
    (b"", "tom"), (b"\r\n\r\n", "ingen overskriftsrad"), (b"Farge;Smak\r\nbl\xe5;s\xf8t\r\n", "ingen kjente kolonner"),
])
def test_files_that_cannot_be_read(tmp_path: Path, config: Config, content: bytes, fragment: str) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(content)
    with pytest.raises(InputFileError, match=fragment):
        list(open_source(path, config).records())


def test_values_outside_the_headed_columns_are_a_problem(tmp_path: Path, config: Config) -> None:
    path = _rows(tmp_path, "Navn;Startdato\r\nA;01.01.2026;ekstra\r\nB\r\n", "utf-8")
    first, second = list(open_source(path, config).records())
    assert first.problems and "uten overskrift" in first.problems[0][1]
    assert second.values["startdato"] is None and not second.problems


def test_unsupported_types(tmp_path: Path, config: Config) -> None:
    for name, fragment in (("a.xls", "xlsx"), ("a.pdf", "støttes ikke")):
        path = tmp_path / name
        path.write_bytes(b"x")
        with pytest.raises(InputFileError, match=fragment):
            open_source(path, config)
    with pytest.raises(InputFileError, match="finnes ikke"):
        open_source(tmp_path / "borte.csv", config)
