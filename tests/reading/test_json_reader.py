import json
from pathlib import Path

import pytest

from pipeline.common.config import Config
from pipeline.common.errors import InputFileError
from pipeline.reading import open_source

ONE = {"id": "J-1", "praktikant": {"navn": "A", "fødselsnummer": "x"}, "arbeidsoppgaver": ["a", "b"]}


@pytest.mark.parametrize("document", [ONE, [ONE, ONE], {"praksisplasser": [ONE, ONE, ONE]}])
def test_three_shapes(tmp_path: Path, config: Config, document: object) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    records = list(open_source(path, config).records())
    expected = 1 if isinstance(document, dict) and "id" in document else (len(document) if isinstance(document, list) else 3)
    assert len(records) == expected
    assert [r.row for r in records] == list(range(1, expected + 1))
    record = records[0]
    assert record.values["praktikant.foedselsnummer"] == "x"  # friendly key folded to the field
    assert record.columns["praktikant.foedselsnummer"] == "praktikant.fødselsnummer"
    assert record.values["arbeidsoppgaver"] == ["a", "b"]


def test_unknown_keys_warn_once(tmp_path: Path, config: Config) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps([{"farge": 1}, {"farge": 2}]), encoding="utf-8")
    source = open_source(path, config)
    list(source.records())
    assert source.warnings == ["Feltet «farge» er ukjent og blir ikke lest."]


@pytest.mark.parametrize("text, fragment", [('[{"id": 1,}', "Ugyldig JSON"), ('"tekst"', "ett objekt")])
def test_broken_json(tmp_path: Path, config: Config, text: str, fragment: str) -> None:
    path = tmp_path / "a.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputFileError, match=fragment):
        open_source(path, config)


def test_items_that_are_not_objects(tmp_path: Path, config: Config) -> None:
    path = tmp_path / "a.json"
    path.write_text("[1, {\"id\": \"x\"}]", encoding="utf-8")
    first, second = list(open_source(path, config).records())
    assert first.problems and not second.problems
