"""Everything praksis writes is readable by owner and group only, whatever the caller's umask;
the id key stays 0600; temp files a killed run left are removed at the next start."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.common.permissions import parse_mode
from tests.archive.test_registry_state import sheet


@pytest.fixture
def open_umask():
    """The most careless caller: umask 0 (files 0666, folders 0777 unless praksis says otherwise)."""
    before = os.umask(0)
    try:
        yield
    finally:
        os.umask(before)


def praksis(root: Path, *args: str):
    return CliRunner().invoke(main, ["--root", str(root), *args])


def world_readable(root: Path, skip: tuple[str, ...] = ()) -> list[str]:
    found = []
    for path in [root, *root.rglob("*")]:
        if any(part in skip for part in path.relative_to(root).parts):
            continue
        if path.lstat().st_mode & 0o007:
            found.append(f"{path.relative_to(root)} {stat.filemode(path.lstat().st_mode)}")
    return found


def test_nothing_praksis_writes_is_world_readable_under_umask_0(tmp_path: Path, open_umask) -> None:
    root = tmp_path / "ws"
    assert CliRunner().invoke(main, ["init", str(root)]).exit_code == 0
    source = sheet(tmp_path / "a.csv", 1, 3)
    assert praksis(root, "ingest", str(source)).exit_code == 0
    assert praksis(root, "reindex").exit_code == 0
    assert praksis(root, "export", "fiks-arkiv").exit_code == 0
    assert list((root / "eksport").rglob("*.zip"))
    assert (root / "registry.sqlite").is_file() and list((root / "archive" / "kilder").iterdir())
    assert world_readable(root) == []
    assert stat.S_IMODE((root / "config" / "id-noekkel").stat().st_mode) == 0o600
    assert stat.S_IMODE((root / "registry.sqlite").stat().st_mode) == 0o640
    for case in (root / "archive" / "2026").iterdir():
        assert stat.S_IMODE(case.stat().st_mode) == 0o750
        assert stat.S_IMODE((case / "saksmappe.json").stat().st_mode) == 0o640


def test_filmodus_is_configurable_and_never_world_readable(tmp_path: Path, open_umask) -> None:
    root = tmp_path / "ws"
    assert CliRunner().invoke(main, ["init", str(root)]).exit_code == 0
    config = root / "config" / "praksis.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('filmodus = "0640"', 'filmodus = "0660"'), encoding="utf-8")
    assert praksis(root, "ingest", str(sheet(tmp_path / "a.csv", 1, 1))).exit_code == 0
    assert stat.S_IMODE((root / "registry.sqlite").stat().st_mode) == 0o660
    assert stat.S_IMODE((root / "archive" / "2026").stat().st_mode) == 0o770
    config.write_text(text.replace('filmodus = "0640"', 'filmodus = "0644"'), encoding="utf-8")
    result = praksis(root, "list")
    assert result.exit_code == 2 and "alle brukere" in result.output


@pytest.mark.parametrize("value", ["0640", "640", "0o660", "0600"])
def test_parse_mode_accepts(value: str) -> None:
    assert parse_mode(value) & 0o007 == 0


@pytest.mark.parametrize("value", ["0644", "0666", "0400", "0750", "abc", "01000"])
def test_parse_mode_refuses(value: str) -> None:
    with pytest.raises(ValueError):
        parse_mode(value)


def test_temp_files_of_a_killed_run_are_removed_at_the_next_start(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    assert CliRunner().invoke(main, ["init", str(root)]).exit_code == 0
    living = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    try:
        temp = root / ".praksis-tmp"
        left = temp / f"signert-{dead.pid}-abc123"
        left.mkdir(parents=True)
        (left / "samlet.pdf").write_bytes(b"%PDF-1.7 personopplysninger")
        (temp / f"praksis-lo-{dead.pid}-x1y2").mkdir()
        running = temp / f"signert-{living.pid}-def456"
        running.mkdir()
        assert praksis(root, "list").exit_code == 0
        assert sorted(p.name for p in temp.iterdir()) == [running.name]  # a running process keeps its own
    finally:
        living.kill()
        living.wait()


@pytest.mark.slow
def test_documents_signed_copies_and_deposit_packages_are_not_world_readable(tmp_path: Path, open_umask) -> None:
    """The whole pipeline under umask 0: PDF/A documents, a signed scan and a copy sent to
    review, both exports, and a file through the real watcher with its receipt."""
    from datetime import date

    from pipeline.common.config import load_config
    from pipeline.convert import ConverterPool, PdfaLevel
    from pipeline.common.workspace import Workspace
    from tests.archive.conftest import VALID_EXAMPLES
    from tests.inbox.conftest import FAST, inbox_settings, wait_for, watching
    from tests.signed.scans import blank_pdf, scan
    from tests.signed.test_intake import document

    root = tmp_path / "ws"
    assert CliRunner().invoke(main, ["init", str(root)]).exit_code == 0
    assert praksis(root, "ingest", *map(str, VALID_EXAMPLES)).exit_code == 0
    saksnummer, pdf = document(root)
    assert praksis(root, "signert", str(scan(pdf, tmp_path / "skann.pdf"))).exit_code == 0
    year, number = saksnummer.split("/")
    assert praksis(root, "signert", str(blank_pdf(tmp_path / f"{year}-{number}_taushetsloefte_v1.pdf"))).exit_code == 1
    assert praksis(root, "export", "fiks-arkiv").exit_code == 0
    this_year = date.today().year
    assert praksis(root, "export", "arkivuttrekk", "--fra", f"{this_year}-01-01", "--til", f"{this_year}-12-31").exit_code == 0
    config = inbox_settings(Workspace(root), **FAST)
    pool = ConverterPool(1, 60, PdfaLevel(1))  # placements at «Ny» need no documents
    try:
        with watching(load_config(Workspace(root)), pool) as watcher:
            source = sheet(tmp_path / "liste.csv", 500, 2)
            os.chmod(source, 0o666)  # dropped world-readable
            shutil.move(source, config.inbox / "liste.csv")
            wait_for(lambda: watcher.results, timeout=60, what="the receipt")
    finally:
        pool.close()
    assert list((root / "eksport" / "arkivuttrekk").rglob("arkivuttrekk.xml"))
    assert list((root / "inbox" / "behandlet").glob("*.kvittering.txt"))
    assert list((root / "inbox" / "signert" / "til_kontroll").iterdir())
    assert list(root.glob("archive/*/*/*/v*/*.pdf"))
    assert world_readable(root) == []
    assert stat.S_IMODE((root / "config" / "id-noekkel").stat().st_mode) == 0o600
