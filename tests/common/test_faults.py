"""Faults of the machine: a real full disk (a small tmpfs), a real read-only file system (the
tmpfs remounted), a folder the user may not enter, LibreOffice missing. One Norwegian message
naming the cause, exit 2, no traceback; the files stay consistent and a re-run completes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.archive.test_registry_state import cases_on_disk, sheet

PRAKSIS = str(Path(sys.executable).parent / "praksis")


def run(root: Path, *args: str, prefix: list[str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*(prefix or []), PRAKSIS, "--root", str(root), *args], capture_output=True, text=True,
                          timeout=600)


def _mount(*args: str) -> bool:
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real file system of its own (tmpfs), to fill up and to make read-only; unmounted after."""
    target = tmp_path / "disk"
    target.mkdir()
    if os.geteuid() != 0 or not _mount("-t", "tmpfs", "-o", "size=64m,mode=0750", "tmpfs", str(target)):
        pytest.skip("needs root to mount a tmpfs")
    try:
        yield target
    finally:
        subprocess.run(["umount", "-l", str(target)], check=False)


def resize(disk: Path, size: str) -> None:
    assert _mount("-o", f"remount,size={size}", str(disk))


def used_kb(disk: Path) -> int:
    return int(subprocess.run(["df", "-k", "--output=used", str(disk)], capture_output=True, text=True,
                              check=True).stdout.split()[-1])


def assert_clear(result: subprocess.CompletedProcess[str], says: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and says in result.stderr, result.stderr
    assert result.stderr.count("Feil:") == 1


def test_disk_full_mid_ingest_then_the_rerun_completes(small_disk: Path, tmp_path: Path) -> None:
    root = small_disk / "ws"
    assert run(root.parent, "init", str(root)).returncode == 0
    source = sheet(tmp_path / "mange.csv", 1, 400)
    resize(small_disk, f"{used_kb(small_disk) + 5000}k")  # room for some of the 400 cases, not all
    full = run(root, "ingest", str(source))
    assert_clear(full, "Disken er full")
    filed = cases_on_disk(root)
    assert 0 < len(filed) < 400  # some were filed, whole
    resize(small_disk, "64m")
    again = run(root, "ingest", str(source))
    assert again.returncode == 0, again.stdout + again.stderr
    filed = cases_on_disk(root)
    assert sorted(filed.values()) == sorted(f"PB-{n:06d}" for n in range(1, 401))  # each once
    verified = run(root, "verify")
    assert verified.returncode == 0, verified.stdout


def test_read_only_file_system_then_the_rerun_completes(small_disk: Path, tmp_path: Path) -> None:
    root = small_disk / "ws"
    assert run(root.parent, "init", str(root)).returncode == 0
    assert run(root, "ingest", str(sheet(tmp_path / "a.csv", 1, 3))).returncode == 0
    source = sheet(tmp_path / "b.csv", 10, 3, seed=2)
    assert _mount("-o", "remount,ro", str(small_disk))
    try:
        assert_clear(run(root, "ingest", str(source)), "skrivebeskyttet")
        for command in (["verify"], ["list"], ["reindex"], ["export", "fiks-arkiv"]):
            result = run(root, *command)
            assert "Traceback" not in result.stderr, (command, result.stderr)
    finally:
        assert _mount("-o", "remount,rw", str(small_disk))
    again = run(root, "ingest", str(source))
    assert again.returncode == 0, again.stderr
    assert len(cases_on_disk(root)) == 6
    assert run(root, "verify").returncode == 0


def test_no_access_to_the_workspace(tmp_path: Path) -> None:
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root and setpriv to run as another user")
    root = tmp_path / "ws"
    assert run(tmp_path, "init", str(root)).returncode == 0
    os.chmod(root, 0o755)  # the folder can be entered, but its files are owner and group only (0640)
    nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    probe = subprocess.run([*nobody, sys.executable, "-c", "import pipeline"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("the virtual environment is not readable by another user here")
    assert_clear(run(root, "list", prefix=nobody), "Ingen tilgang")


@pytest.mark.slow
def test_libreoffice_missing_then_the_rerun_completes(tmp_path: Path) -> None:
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        pytest.skip("needs root and unshare to hide LibreOffice")
    from tests.archive.conftest import VALID_EXAMPLES
    root = tmp_path / "ws"
    assert run(tmp_path, "init", str(root)).returncode == 0
    hidden = ["unshare", "--mount", "sh", "-c", 'mount -t tmpfs tmpfs /usr/lib/libreoffice && exec "$@"', "sh"]
    missing = run(root, "ingest", *map(str, VALID_EXAMPLES), prefix=hidden)
    assert_clear(missing, "LibreOffice er ikke installert")
    assert run(root, "verify").returncode == 0  # consistent: what is there is whole
    again = run(root, "ingest", *map(str, VALID_EXAMPLES))
    assert again.returncode == 0, again.stdout + again.stderr
    listed = json.loads(run(root, "list", "--json").stdout)["saker"]
    assert len({c["saksnummer"] for c in listed}) == len(listed) > 0
    assert run(root, "verify").returncode == 0


def test_the_watcher_keeps_a_file_while_the_disk_is_full(small_disk: Path, tmp_path: Path, monkeypatch,
                                                          caplog) -> None:
    """A real watcher: the file is neither rejected nor lost while the disk is full; it is
    processed once there is room again."""
    import logging

    from pipeline.convert import ConverterPool, PdfaLevel
    from pipeline.inbox import watcher as watcher_module
    from pipeline.common.workspace import Workspace, init_workspace
    from tests.inbox.conftest import FAST, inbox_settings, wait_for, watching

    monkeypatch.setattr(watcher_module, "FAILURE_RETRY", 1.0)
    workspace = init_workspace(small_disk / "ws")
    config = inbox_settings(Workspace(workspace.root), **FAST)
    staged = sheet(workspace.root / "klar.csv", 1, 3)  # on the same disk: moving it in needs no room
    pool = ConverterPool(1, 60, PdfaLevel(1))  # never started: placements at «Ny» need no documents
    caplog.set_level(logging.INFO, logger="praksis.watch")
    try:
        with watching(config, pool) as watcher:
            ballast = small_disk / "fyll"
            with ballast.open("wb") as handle:  # fill the disk to the last byte
                try:
                    while True:
                        handle.write(b"\0" * (1 << 20))
                        handle.flush()
                except OSError:
                    pass
            staged.rename(workspace.inbox / "liste.csv")
            wait_for(lambda: "Disken er full" in caplog.text, timeout=30, what="the disk-full message")
            time.sleep(3)  # a few retries
            assert (workspace.inbox / "liste.csv").is_file()
            assert not (workspace.inbox / "avvist").exists() or not list((workspace.inbox / "avvist").iterdir())
            ballast.unlink()
            wait_for(lambda: watcher.results, timeout=60, what="the file processed once there is room")
        assert watcher.results[0].outcome == "behandlet"
        assert (workspace.inbox / "behandlet" / "liste.csv").is_file()
        assert len(cases_on_disk(workspace.root)) == 3
    finally:
        pool.close()
