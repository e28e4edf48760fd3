"""`list` and `mangler` read the registry; they must say exactly what the files say."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import date
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


def test_list_json_from_sqlite_is_the_text_pythons_json_writes(workspace_copy: Path) -> None:
    """`list --json` has SQLite write the JSON text (json_quote); it must be byte for byte what
    `json.dumps(..., ensure_ascii=False)` writes for the same cases, also for unit names with
    quotes, backslashes, control characters and characters outside the BMP."""
    from pipeline.pages.cases import list_cases
    from pipeline.archive.store import ArchiveStore
    from pipeline.common.config import load_config
    from pipeline.report.output import json_list
    from pipeline.common.workspace import workspace_from
    awkward = ['Enhet «A» "sitat" \\ skråstrek', "linje\nskift\ttab\x01\x1f", "emoji 😀 og \u2028", ""]
    with sqlite3.connect(workspace_copy / "registry.sqlite") as db:
        numbers = [row[0] for row in db.execute("SELECT saksnummer FROM sak ORDER BY saksnummer LIMIT ?",
                                                (len(awkward),))]
        for saksnummer, name in zip(numbers, awkward):
            db.execute("UPDATE sak SET enhet = ? WHERE saksnummer = ?", (name, saksnummer))
        db.execute("UPDATE sak SET tiltak = NULL WHERE saksnummer = ?", (numbers[0],))
    config = load_config(workspace_from(workspace_copy))
    expected = json_list("saker", list_cases(ArchiveStore(config.workspace.archive), config))
    listed = praksis(workspace_copy, "list", "--json")
    assert listed.exit_code == 0, listed.output
    assert listed.output == expected + "\n"
    assert {c["enhet"] for c in json.loads(listed.output)["saker"]} >= set(awkward)


def test_mangler_asks_sqlite_for_the_cases_that_lack_something_and_misses_none(workspace_copy: Path) -> None:
    from pipeline.common.config import load_config
    from pipeline.pages.model import lacking, today_in_oslo
    from pipeline.archive.registry import Registry
    from pipeline.common.workspace import workspace_from
    config = load_config(workspace_from(workspace_copy))
    registry = Registry(config.workspace.registry)
    try:
        # a midway evaluation passed without an update, and a politiattest not yet shown, on open cases
        registry.db.execute("UPDATE oversikt_sak SET midtveisevaluering = '2020-01-01' WHERE saksnummer = "
                            "(SELECT saksnummer FROM sak WHERE status != 'Avsluttet' LIMIT 1)")
        registry.db.execute("UPDATE oversikt_sak SET krav_politiattest = 1, politiattest_fremvist = NULL "
                            "WHERE saksnummer = (SELECT saksnummer FROM sak WHERE status != 'Avsluttet' LIMIT 1 OFFSET 1)")
        for today in (today_in_oslo(), date(2020, 1, 2)):
            every = [c for c in lacking(registry.db, config, today, open_only=False) if c.lacks]
            chosen = lacking(registry.db, config, today, open_only=False, lacking_only=True)
            assert [(c.saksnummer, c.lacks) for c in chosen if c.lacks] == [(c.saksnummer, c.lacks) for c in every]
            assert {lack.kind for c in every for lack in c.lacks} >= {"signatur", "attest"}
    finally:
        registry.close()


def test_a_reindex_that_fails_leaves_the_registry_as_it_was(workspace_copy: Path) -> None:
    """One transaction: an unreadable case file stops the rebuild, and every case is still known."""
    with sqlite3.connect(workspace_copy / "registry.sqlite") as db:
        before = db.execute("SELECT saksnummer, status FROM sak ORDER BY saksnummer").fetchall()
    year = next(p for p in (workspace_copy / "archive").iterdir() if p.name.isdigit())
    (sorted(year.iterdir())[-1] / "saksmappe.json").write_text("{ikke json", encoding="utf-8")
    result = praksis(workspace_copy, "reindex")
    assert result.exit_code != 0 and "saksmappe.json" in result.output
    with sqlite3.connect(workspace_copy / "registry.sqlite") as db:
        assert db.execute("SELECT saksnummer, status FROM sak ORDER BY saksnummer").fetchall() == before


def test_list_and_mangler_start_without_the_heavy_imports(workspace_copy: Path) -> None:
    """Start-up was most of a `list` at 30,000 cases: these commands must not import the
    record model's consumers that read and write documents."""
    script = ("import sys\nfrom pipeline.cli import main\n"
              "for args in (['list', '--json'], ['mangler', '--json']):\n"
              f"    main(['--root', {str(workspace_copy)!r}, *args], standalone_mode=False)\n"
              "heavy = ('pikepdf', 'openpyxl', 'docxtpl', 'jinja2', 'pypdfium2', 'lxml', 'pyhanko', 'watchdog')\n"
              "print('HEAVY', sorted(m for m in heavy if m in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])})
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "HEAVY []"
