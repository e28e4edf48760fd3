"""`praksis watch` as a process: kill -9 mid-file and restart, SIGTERM finishes the file in hand."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.common.workspace import init_workspace
from tests.archive.test_crash_safety import assert_no_converter_survives
from tests.conftest import EXAMPLES
from tests.inbox.conftest import FAST, inbox_settings, wait_for

pytestmark = pytest.mark.slow

PRAKSIS = str(Path(sys.executable).parent / "praksis")
SOURCE = EXAMPLES / "praksisliste.csv"


def start(root: Path, crash: str | None = None) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "PRAKSIS_KRASJ"}
    if crash:
        env["PRAKSIS_KRASJ"] = crash
    return subprocess.Popen([PRAKSIS, "--root", str(root), "watch"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def started(root: Path, process: subprocess.Popen[bytes]) -> None:
    """Until the watcher holds the inbox lock (its signal handlers are in place by then)."""
    lock = root / "inbox" / ".praksis-watch.lock"
    wait_for(lambda: lock.exists() and f"pid {process.pid})" in lock.read_text(), timeout=60, what="start-up")


def registry_rows(root: Path, query: str) -> list[tuple]:
    with sqlite3.connect(root / "registry.sqlite") as db:
        return db.execute(query).fetchall()


def finish(process: subprocess.Popen[bytes]) -> str:
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 0, err.decode()
    return err.decode()


@pytest.mark.parametrize("crash", ["etter-ny-sak-flyttet@2", "innboks-foer-flytting", "innboks-etter-flytting"])
def test_kill_9_mid_file_then_restart_completes_it_once(tmp_path, crash):
    workspace = init_workspace(tmp_path / "ws")
    inbox_settings(workspace, **FAST)
    process = start(workspace.root, crash)
    (workspace.inbox / "liste.csv").write_bytes(SOURCE.read_bytes())
    assert process.wait(timeout=120) == -signal.SIGKILL
    assert_no_converter_survives(process.pid)

    process = start(workspace.root)
    started(workspace.root, process)
    wait_for(lambda: (workspace.inbox / "behandlet" / "liste.csv.kvittering.txt").exists()
             and not (workspace.inbox / "liste.csv").exists(), timeout=120, what="the file to be completed")
    log = finish(process)
    done = workspace.inbox / "behandlet"
    assert sorted(p.name for p in done.iterdir()) == ["liste.csv", "liste.csv.kvittering.txt"]
    assert (done / "liste.csv").read_bytes() == SOURCE.read_bytes()
    assert registry_rows(workspace.root, "SELECT count(*) FROM sak") == [(4,)]
    assert registry_rows(workspace.root, "SELECT count(*) FROM versjon") == [(10,)]
    assert registry_rows(workspace.root, "SELECT kanal, kvittering FROM inndata") == [
        ("innboks", "behandlet/liste.csv.kvittering.txt")]
    assert "Traceback" not in log

    # the same bytes again are now a duplicate, whatever the crash interrupted
    process = start(workspace.root)
    started(workspace.root, process)
    (workspace.inbox / "igjen.csv").write_bytes(SOURCE.read_bytes())
    wait_for(lambda: (workspace.inbox / "duplikater" / "igjen.csv").exists(), timeout=60, what="the duplicate")
    finish(process)
    assert registry_rows(workspace.root, "SELECT count(*) FROM versjon") == [(10,)]


def test_sigterm_finishes_the_file_in_hand(tmp_path):
    workspace = init_workspace(tmp_path / "ws")
    inbox_settings(workspace, **FAST)
    process = start(workspace.root)
    started(workspace.root, process)
    time.sleep(8)  # LibreOffice starting
    (workspace.inbox / "liste.csv").write_bytes(SOURCE.read_bytes())
    wait_for(lambda: (workspace.archive / ".staging").is_dir() and any((workspace.archive / ".staging").iterdir()),
             timeout=60, what="processing to begin")
    log = finish(process)
    assert (workspace.inbox / "behandlet" / "liste.csv.kvittering.txt").exists()
    assert "SIGTERM mottatt" in log and "stoppet" in log
    assert registry_rows(workspace.root, "SELECT count(*) FROM versjon") == [(10,)]
    assert "01019" not in log  # no fødselsnummer (the example's start with other digits, but nothing long either)
