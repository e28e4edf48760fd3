"""A lost, empty, truncated, garbage or stale registry.sqlite: no number is handed out twice,
nothing is lost, and no command ends in a traceback (real SQLite, real files).

Placements at status «Ny» are filed as cases without documents, so no LibreOffice is needed."""

from __future__ import annotations

import csv
import random
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.domain.synthetic import placement_row


def praksis(root: Path, *args: str):
    return CliRunner().invoke(main, ["--root", str(root), *args])


def sheet(path: Path, first: int, count: int, seed: int = 1) -> Path:
    """Placements PB-<first>… at status Ny (a case each, no document due yet)."""
    rng = random.Random(seed)
    rows = []
    for number in range(first, first + count):
        row = placement_row(rng, number)
        row.update(status="Ny", oppstartsmoete="", fullfoert="")
        rows.append(row)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter=";")
        writer.writeheader()
        writer.writerows(rows)
    return path


def cases_on_disk(root: Path) -> dict[str, str]:
    """case folder → the placement id its saksmappe.json holds."""
    import json
    return {p.parent.name: json.loads(p.read_text(encoding="utf-8"))["praksis"]["praksisplass_id"]
            for p in sorted((root / "archive").glob("*/*/saksmappe.json"))}


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    assert CliRunner().invoke(main, ["init", str(root)]).exit_code == 0
    result = praksis(root, "ingest", str(sheet(tmp_path / "a.csv", 1, 3)))
    assert result.exit_code == 0, result.output
    return root


def registry_files(root: Path) -> list[Path]:
    return sorted(root.glob("registry.sqlite*"))


def remove_registry(root: Path) -> None:
    for path in registry_files(root):
        path.unlink()


def garbage(root: Path) -> bytes:
    remove_registry(root)
    data = b"Dette er ikke en database\n" * 200
    (root / "registry.sqlite").write_bytes(data)
    return data


def truncated(root: Path) -> bytes:
    data = (root / "registry.sqlite").read_bytes()
    remove_registry(root)
    (root / "registry.sqlite").write_bytes(data[: len(data) // 2])
    return data[: len(data) // 2]


def empty(root: Path) -> bytes:
    remove_registry(root)
    (root / "registry.sqlite").write_bytes(b"")
    return b""


def test_deleted_registry_new_placement_gets_a_new_number(ws: Path, tmp_path: Path) -> None:
    before = cases_on_disk(ws)
    remove_registry(ws)
    result = praksis(ws, "ingest", str(sheet(tmp_path / "b.csv", 10, 1, seed=2)))
    assert result.exit_code == 0, result.output
    assert "ny sak 2026/4" in result.output
    assert "bygd på nytt" in result.output
    after = cases_on_disk(ws)
    assert {k: after[k] for k in before} == before  # the other person's cases untouched
    assert after["2026-00004"] == "PB-000010"
    assert praksis(ws, "verify").exit_code == 0


def test_deleted_registry_same_placement_is_not_a_new_case(ws: Path, tmp_path: Path) -> None:
    remove_registry(ws)
    result = praksis(ws, "ingest", "--tving", str(sheet(tmp_path / "a.csv", 1, 3)))
    assert result.exit_code == 0, result.output
    assert "(0 ny sak, 0 oppdatert, 3 ingen endring" in result.output
    assert len(cases_on_disk(ws)) == 3


def test_deleted_registry_knows_processed_inputs_again(ws: Path, tmp_path: Path) -> None:
    remove_registry(ws)
    result = praksis(ws, "ingest", str(tmp_path / "a.csv"))
    assert result.exit_code == 0, result.output
    assert "allerede behandlet" in result.output


@pytest.mark.parametrize("damage", [garbage, truncated])
def test_damaged_registry_is_set_aside_and_rebuilt_by_reindex(ws: Path, tmp_path: Path, damage) -> None:
    data = damage(ws)
    result = praksis(ws, "ingest", str(sheet(tmp_path / "b.csv", 10, 1, seed=2)))
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "ødelagt" in result.output and "praksis reindex" in result.output
    aside = list(ws.glob("registry.sqlite.oedelagt-*"))
    assert [p.read_bytes() for p in aside if not p.name.endswith(("-wal", "-shm"))] == [data]  # kept as it was
    assert len(cases_on_disk(ws)) == 3  # nothing filed while the registry is unknown
    assert praksis(ws, "reindex").exit_code == 0
    result = praksis(ws, "ingest", str(tmp_path / "b.csv"))
    assert result.exit_code == 0, result.output
    assert "ny sak 2026/4" in result.output
    assert praksis(ws, "verify").exit_code == 0


def test_reindex_sets_a_damaged_registry_aside_itself(ws: Path) -> None:
    garbage(ws)
    result = praksis(ws, "reindex")
    assert result.exit_code == 0, result.output
    assert "ødelagt" in result.output and "3 saker" in result.output
    assert list(ws.glob("registry.sqlite.oedelagt-*"))


def test_empty_registry_is_rebuilt(ws: Path, tmp_path: Path) -> None:
    empty(ws)
    result = praksis(ws, "ingest", str(sheet(tmp_path / "b.csv", 10, 1, seed=2)))
    assert result.exit_code == 0, result.output
    assert "ny sak 2026/4" in result.output


def test_registry_from_an_old_backup_does_not_reuse_numbers(ws: Path, tmp_path: Path) -> None:
    backup = tmp_path / "backup.sqlite"
    shutil.copyfile(ws / "registry.sqlite", backup)
    assert praksis(ws, "ingest", str(sheet(tmp_path / "b.csv", 10, 1, seed=2))).exit_code == 0
    remove_registry(ws)
    shutil.copyfile(backup, ws / "registry.sqlite")  # restored: does not know 2026/4
    verified = praksis(ws, "verify")
    assert verified.exit_code == 1
    assert "registeret kjenner ikke sak 2026/4" in verified.output
    result = praksis(ws, "ingest", str(sheet(tmp_path / "c.csv", 20, 1, seed=3)))
    assert result.exit_code == 0, result.output
    assert "ny sak 2026/5" in result.output
    assert cases_on_disk(ws)["2026-00004"] == "PB-000010"


def test_a_case_folder_on_disk_is_never_handed_out(ws: Path, tmp_path: Path) -> None:
    """A folder the registry cannot know (no saksmappe.json: copied in by hand, half restored)."""
    (ws / "archive" / "2026" / "2026-00004").mkdir()
    (ws / "archive" / "2026" / "2026-00004" / "noe.txt").write_text("ikke rør", encoding="utf-8")
    result = praksis(ws, "ingest", str(sheet(tmp_path / "b.csv", 10, 1, seed=2)))
    assert result.exit_code == 0, result.output
    assert "ny sak 2026/5" in result.output
    assert (ws / "archive" / "2026" / "2026-00004" / "noe.txt").read_text(encoding="utf-8") == "ikke rør"


def test_verify_reports_a_missing_or_damaged_registry(ws: Path) -> None:
    remove_registry(ws)
    result = praksis(ws, "verify")
    assert result.exit_code == 1 and "registeret mangler" in result.output
    data = garbage(ws)
    result = praksis(ws, "verify")
    assert result.exit_code == 1 and "registeret er ødelagt" in result.output
    assert (ws / "registry.sqlite").read_bytes() == data  # verify changes nothing


@pytest.mark.parametrize("damage", [remove_registry, empty, truncated, garbage])
@pytest.mark.parametrize("command", [
    ["verify"], ["list"], ["show", "2026/1"], ["mangler"], ["reindex"], ["export", "fiks-arkiv"],
    ["signert", "{ws}/config/praksis.toml"], ["ingest", "{ws}/b.csv"]])
def test_no_traceback_on_a_broken_registry(ws: Path, damage, command: list[str]) -> None:
    sheet(ws / "b.csv", 10, 1, seed=2)
    damage(ws)
    result = praksis(ws, *[part.format(ws=ws) for part in command])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    assert result.exit_code in (0, 1, 2), result.output
    # and the registry works again afterwards, knowing every case
    assert praksis(ws, "reindex").exit_code == 0
    db = sqlite3.connect(ws / "registry.sqlite")
    try:
        assert db.execute("SELECT count(*) FROM sak").fetchone()[0] == len(cases_on_disk(ws))
    finally:
        db.close()
