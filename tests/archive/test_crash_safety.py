"""kill -9 at several points of a real `praksis ingest`; the re-run completes the work with
no duplicates and nothing lost, and the result equals a run that never crashed."""

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.archive.conftest import praksis
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.slow

PRAKSIS = str(Path(sys.executable).parent / "praksis")
SOURCE = EXAMPLES / "praksisliste.csv"


def run(root: Path, source: Path, crash: str | None = None) -> int:
    env = {k: v for k, v in os.environ.items() if k != "PRAKSIS_KRASJ"}
    if crash:
        env["PRAKSIS_KRASJ"] = crash
    process = subprocess.Popen([PRAKSIS, "--root", str(root), "ingest", str(source)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    code = process.wait(timeout=300)
    if code == -signal.SIGKILL:
        assert_no_converter_survives(process.pid)
    return code


def assert_no_converter_survives(pid: int, within: float = 20.0) -> None:
    """The killed ingest's LibreOffice instances end too (their work folder names its pid)."""
    marker = f"praksis-lo-{pid}-".encode()
    deadline = time.monotonic() + within
    while True:
        left = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    if marker in (entry / "cmdline").read_bytes():
                        state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
                        if state != "Z":
                            left.append(int(entry.name))
                except OSError:
                    continue
        if not left or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert left == [], f"LibreOffice processes of the killed ingest still run: {left}"


def shape(root: Path) -> dict[str, dict[str, list[int]]]:
    """Case number → document → versions, from the files."""
    found: dict[str, dict[str, list[int]]] = {}
    for case_file in sorted((root / "archive").glob("*/*/saksmappe.json")):
        case = json.loads(case_file.read_text(encoding="utf-8"))
        docs = found.setdefault(f"{case['saksnummer']} {case['praksis']['praksisplass_id']} {case['praksis']['status']}", {})
        for journal in sorted(case_file.parent.glob("*/journalpost.json")):
            versions = sorted(int(v.name[1:]) for v in journal.parent.glob("v*") if v.is_dir())
            docs[journal.parent.name] = versions
    return found


def registry_dump(root: Path) -> list:
    db = sqlite3.connect(root / "registry.sqlite")
    rows = [sorted(db.execute("SELECT saksnummer, praksisplass_id, status FROM sak WHERE status IS NOT NULL")),
            sorted(db.execute("SELECT saksnummer, dokumenttype, journalpostnummer, journalsekvensnummer FROM journalpost")),
            sorted(db.execute("SELECT saksnummer, dokumenttype, versjon, pdf_sha256 FROM versjon"))]
    db.close()
    return rows


def assert_consistent(root: Path) -> None:
    verified = praksis(root, "verify")
    assert verified.exit_code == 0, verified.output
    live = registry_dump(root)
    rebuilt = root.parent / "rebuilt"
    shutil.copytree(root, rebuilt)
    for path in rebuilt.glob("registry.sqlite*"):
        path.unlink()
    assert praksis(rebuilt, "reindex").exit_code == 0
    assert registry_dump(rebuilt) == live
    for log in (root / "archive").glob("*/*/hendelser.jsonl"):
        ids = [json.loads(line)["id"] for line in log.read_text(encoding="utf-8").splitlines()]
        assert len(ids) == len(set(ids)), log
        for version_log in log.parent.glob("*/v*/hendelser.jsonl"):
            for line in version_log.read_text(encoding="utf-8").splitlines():
                assert json.loads(line)["id"] in ids  # every version's events are in the case log


def extended(tmp_path: Path) -> Path:
    """The same sheet with an extension for PB-2026-101 and a new praksisveileder for PB-2026-102."""
    text = SOURCE.read_bytes().decode("cp1252")
    text = text.replace("06.04.2026;30.09.2026", "06.04.2026;31.12.2026").replace(";Nora Dahl;Nora Dahl;", ";Nora Dahl;Ole Berg;")
    path = tmp_path / "endret.csv"
    path.write_bytes(text.encode("cp1252"))
    return path


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> tuple[Path, dict, dict]:
    """Clean runs: the first ingest, and the update on top of it."""
    base = tmp_path_factory.mktemp("ref")
    root = base / "ws"
    assert praksis(root.parent, "init", str(root)).exit_code == 0
    assert run(root, SOURCE) == 0
    first = shape(root)
    updated = base / "updated"
    shutil.copytree(root, updated)
    assert run(updated, extended(base)) == 0
    return root, first, shape(updated)


@pytest.mark.parametrize("point", ["etter-reservert-sak@1", "etter-reservert-sak@3", "foer-ny-sak-flyttes@2",
                                   "etter-ny-sak-flyttet@2"])
def test_kill_while_creating_cases(tmp_path: Path, reference, point: str) -> None:
    base, first, _ = reference
    root = tmp_path / "ws"
    praksis(tmp_path, "init", str(root))
    shutil.copy(base / "config" / "id-noekkel", root / "config" / "id-noekkel")  # same derived ids as the reference
    assert run(root, SOURCE, crash=point) == -signal.SIGKILL
    assert run(root, SOURCE) == 0
    assert shape(root) == first
    assert_consistent(root)


@pytest.mark.parametrize("point", ["etter-versjon-flyttet@1", "etter-versjon-flyttet@2", "etter-hendelser@1"])
def test_kill_while_updating_cases(tmp_path: Path, reference, point: str) -> None:
    base, _, updated = reference
    root = tmp_path / "ws"
    shutil.copytree(base, root)
    change = extended(tmp_path)
    assert run(root, change, crash=point) == -signal.SIGKILL
    assert run(root, change) == 0
    assert shape(root) == updated
    assert_consistent(root)
