import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from pipeline.cli import main
from tests.conftest import EXAMPLES


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def test_init_and_validate_valid_examples(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    result = run("init", str(root))
    assert result.exit_code == 0 and "Laget arbeidsområdet" in result.output
    files = [str(EXAMPLES / n) for n in ("praksisplasser.json", "praksisliste.csv", "praksisliste.xlsx")]
    result = run("--root", str(root), "validate", *files)
    assert result.exit_code == 0, result.output
    assert "12 praksisplasser, 12 gyldige, 0 ugyldige" in result.output
    assert "avledet nøkkel H-" in result.output


def test_invalid_file_exits_1_and_lists_every_error(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    run("init", str(root))
    result = run("--root", str(root), "validate", str(EXAMPLES / "ugyldig.csv"))
    assert result.exit_code == 1
    assert result.output.count("linje ") >= 16
    assert "Kontrollsifrene stemmer ikke" in result.output and "*****" in result.output


def test_json_output(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    run("init", str(root))
    result = run("--root", str(root), "validate", "--json", str(EXAMPLES / "ugyldig.csv"), str(EXAMPLES / "praksisliste.csv"))
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["ugyldige"] == 16 and data["gyldige"] == 4
    first = data["filer"][0]["feil"][0]
    assert set(first) == {"fil", "plassering", "rad", "kolonne", "felt", "verdi", "melding"}


def test_root_from_environment_and_missing_workspace(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    run("init", str(root))
    result = run("validate", str(EXAMPLES / "praksisliste.csv"), env={"PRAKSIS_ROOT": str(root)})
    assert result.exit_code == 0
    result = run("--root", str(tmp_path / "ingen"), "validate", str(EXAMPLES / "praksisliste.csv"))
    assert result.exit_code == 2
    assert "praksis init" in result.output


def test_unreadable_file_is_rejected_with_exit_1(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    run("init", str(root))
    bad = tmp_path / "liste.xls"
    shutil.copy(EXAMPLES / "praksisliste.xlsx", bad)
    result = run("--root", str(root), "validate", str(bad))
    assert result.exit_code == 1
    assert "AVVIST" in result.output and ".xlsx" in result.output


def test_usage_error_exits_2() -> None:
    assert run("validate").exit_code == 2


def test_ingest_summary_names_rejected_files(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    run("init", str(root))
    result = run("--root", str(root), "ingest", str(tmp_path / "borte.csv"))
    assert result.exit_code == 1
    assert "Filen finnes ikke" in result.output
    assert "1 fil(er) avvist i sin helhet" in result.output and "borte.csv" in result.output.splitlines()[-2]
