import pytest

from pipeline.common.config import load_config
from pipeline.convert import PdfaLevel
from pipeline.common.errors import ConfigError
from pipeline.common.workspace import Workspace, init_workspace


def test_init_makes_a_complete_workspace(tmp_path) -> None:
    ws = init_workspace(tmp_path / "ny")
    assert ws.config_file.is_file() and ws.inbox.is_dir() and ws.archive.is_dir()
    assert (ws.config_dir / "kolonner.toml").is_file()
    assert (ws.config_dir / "id-noekkel").stat().st_mode & 0o077 == 0
    config = load_config(ws)
    assert set(config.settings.dokumenter) == {
        "praksisavtale", "arbeidsavtale", "intern_avtale", "tilretteleggingsgaranti", "taushetsloefte",
        "oppfoelgingsplan", "oppfoelgingsplan_intern", "praksisbevis", "attest"}
    with pytest.raises(ConfigError, match="allerede"):
        init_workspace(tmp_path / "ny")


def test_missing_workspace_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(ConfigError, match="praksis init"):
        load_config(Workspace(tmp_path))


@pytest.mark.parametrize("replace, add, fragment", [
    ('fra_status = "Avsluttet"', 'fra_status = "Ferdig"', "Ukjent status"),
    ('betingelse = "fullfoert"', 'betingelse = "vurdering"', "ja/nei-felt"),
    ('signeres_av = ["praksisenhet"]', 'signeres_av = ["rektor"]', "ukjente parter"),
    ('krever = ["arbeidsoppgaver", "praksisenhet.leder.navn"]', 'krever = ["skostoerrelse"]', "ukjente felt"),
    ('pdfa = "1a"', 'pdfa = "1c"', "pdfa"),
    ('pdfa = "1a"', "pdfa = 3", "pdfa"),
    ('[arkiv]', '[arkiv', "TOML"),
])
def test_config_errors_name_the_problem(tmp_path, replace: str, add: str, fragment: str) -> None:
    ws = init_workspace(tmp_path / "ws")
    text = ws.config_file.read_text(encoding="utf-8")
    assert replace in text
    ws.config_file.write_text(text.replace(replace, add), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(ws)
    assert fragment in caught.value.message and "praksis.toml" in caught.value.message


def test_alias_to_unknown_field(tmp_path) -> None:
    ws = init_workspace(tmp_path / "ws")
    path = ws.config_dir / "kolonner.toml"
    path.write_text(path.read_text(encoding="utf-8") + '"Sko" = "praktikant.sko"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="ukjent felt"):
        load_config(ws)


def test_broken_id_key(tmp_path) -> None:
    ws = init_workspace(tmp_path / "ws")
    (ws.config_dir / "id-noekkel").write_text("zz", encoding="ascii")
    with pytest.raises(ConfigError, match="ødelagt"):
        load_config(ws)


@pytest.mark.parametrize("value, level, pronom", [
    ('"1a"', "PDF/A-1a", "fmt/95"), ('"1B"', "PDF/A-1b", "fmt/354"), ('"2b"', "PDF/A-2b", "fmt/477"),
    ("1", "PDF/A-1b", "fmt/354"), ("2", "PDF/A-2b", "fmt/477"),  # the old numeric values
])
def test_pdfa_levels_and_old_numbers(tmp_path, value: str, level: str, pronom: str) -> None:
    ws = init_workspace(tmp_path / "ws")
    text = ws.config_file.read_text(encoding="utf-8")
    ws.config_file.write_text(text.replace('pdfa = "1a"', f"pdfa = {value}"), encoding="utf-8")
    parsed = PdfaLevel.parse(load_config(ws).settings.konvertering.pdfa)
    assert (str(parsed), parsed.pronom) == (level, pronom)
    assert str(parsed.image_only) == level[:-1] + "b"  # scans: the same part at level B


def test_an_older_config_with_uten_foedselsnummer_still_loads(tmp_path) -> None:
    """The key is obsolete (no template gets the number), but a praksis.toml that has it loads."""
    ws = init_workspace(tmp_path / "ws")
    text = ws.config_file.read_text(encoding="utf-8")
    text = text.replace('signeres_av = ["praksisenhet"]\n', 'signeres_av = ["praksisenhet"]\nuten_foedselsnummer = true\n', 1)
    ws.config_file.write_text(text, encoding="utf-8")
    assert "uten_foedselsnummer = true" in text
    assert "praksisbevis" in load_config(ws).settings.dokumenter
