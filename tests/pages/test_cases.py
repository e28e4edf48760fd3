"""`list` and `mangler` read the registry; they must say exactly what the files say."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.archive.conftest import praksis


def _outputs(root: Path) -> tuple[dict, dict]:
    listed = praksis(root, "list", "--json")
    missing = praksis(root, "mangler", "--json")
    assert listed.exit_code == 0 and missing.exit_code == 0, listed.output + missing.output
    return json.loads(listed.output), json.loads(missing.output)


def _without_registry(root: Path) -> tuple[dict, dict]:
    """What the files alone say (no registry: list and mangler read every case)."""
    for name in ("registry.sqlite", "registry.sqlite-wal", "registry.sqlite-shm"):
        (root / name).unlink(missing_ok=True)
    return _outputs(root)


def test_list_and_mangler_from_the_registry_equal_the_files(workspace_copy: Path) -> None:
    # an early end (faktisk_sluttdato) is one of the things only the registry's new column holds
    with sqlite3.connect(workspace_copy / "registry.sqlite") as db:
        assert db.execute("SELECT count(*) FROM sak WHERE faktisk_sluttdato NOT IN ('')").fetchone()[0] >= 1
    from_registry = _outputs(workspace_copy)
    assert len(from_registry[0]["saker"]) == 12 and from_registry[1]["mangler"]
    assert any(item["type"] == "signatur" for item in from_registry[1]["mangler"])
    assert from_registry == _without_registry(workspace_copy)


def test_a_registry_from_before_the_real_end_date_column_still_lists_it(workspace_copy: Path) -> None:
    """A registry made by an older praksis has no faktisk_sluttdato: the migration adds it
    empty, and those cases are read from their files until they are synced again."""
    expected = _outputs(workspace_copy)
    with sqlite3.connect(workspace_copy / "registry.sqlite") as db:
        planned = dict(db.execute("SELECT saksnummer, sluttdato FROM sak"))
    assert any(c["sluttdato"] != planned[c["saksnummer"]] for c in expected[0]["saker"]), \
        "the examples have a placement that ended before its planned end"
    with sqlite3.connect(workspace_copy / "registry.sqlite") as db:
        db.execute("ALTER TABLE sak DROP COLUMN faktisk_sluttdato")
    assert _outputs(workspace_copy) == expected
    with sqlite3.connect(workspace_copy / "registry.sqlite") as db:
        assert db.execute("SELECT count(*) FROM sak WHERE faktisk_sluttdato IS NULL").fetchone()[0] == 12
    assert praksis(workspace_copy, "reindex").exit_code == 0
    with sqlite3.connect(workspace_copy / "registry.sqlite") as db:
        assert db.execute("SELECT count(*) FROM sak WHERE faktisk_sluttdato IS NULL").fetchone()[0] == 0
    assert _outputs(workspace_copy) == expected


def test_verify_finds_unregistered_files_wherever_they_are(workspace_copy: Path) -> None:
    archive = workspace_copy / "archive"
    year = next(p for p in archive.iterdir() if p.name.isdigit())
    case = sorted(year.iterdir())[0]
    planted = [archive / "løs.txt", year / "i-aaret.txt", archive / "kilder" / "ukjent.csv",
               case / "001-praksisavtale" / "v1" / "ekstra.pdf", case / "ny-mappe" / "dypt.txt"]
    for path in planted:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
    (archive / ".staging" / "halvferdig").mkdir(parents=True, exist_ok=True)
    (archive / ".staging" / "halvferdig" / "fil.pdf").write_bytes(b"x")  # staging is not the archive
    result = praksis(workspace_copy, "verify", "--json")
    assert result.exit_code == 1
    found = {(p["type"], p["fil"]) for p in json.loads(result.output)["avvik"]}
    unregistered = {str(p.relative_to(archive)) for p in planted if p.parent != archive / "kilder"}
    assert {f for kind, f in found if kind == "uregistrert"} == unregistered
    # a kept input is named by its checksum: a file there with another content is «endret»
    assert ("endret", "kilder/ukjent.csv") in found
    assert len(found) == len(unregistered) + 1
