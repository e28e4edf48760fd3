"""A real watcher (watchdog observer, warm LibreOffice) against what anyone can drop in the inbox:
names the file system holds but UTF-8, a line or a receipt cannot, and entries that are not files."""

from __future__ import annotations

import logging
import os
import re
import time
from pathlib import Path

import pytest

from pipeline.common.workspace import Workspace
from tests.conftest import fnr_for
from tests.archive.conftest import ingested, workspace_copy  # noqa: F401 - fixtures
from tests.inbox.conftest import FAST, inbox_settings, wait_for, watching
from tests.inbox.test_watcher import cases, csv_bytes, rows

pytestmark = pytest.mark.slow


@pytest.fixture
def fast(workspace: Workspace):
    return inbox_settings(workspace, **FAST)


def drop_raw(inbox: Path, name: bytes, data: bytes) -> None:
    """Write beside the inbox, rename in under a name given as bytes (any the file system holds)."""
    staging = os.path.join(os.fsencode(inbox.parent), b".drop")
    with open(staging, "wb") as handle:
        handle.write(data)
    os.rename(staging, os.path.join(os.fsencode(inbox), name))


def listing(folder: Path) -> list[bytes]:
    return sorted(os.listdir(os.fsencode(folder)))


HOSTILE = {
    "not-utf8": b"liste \xff\xfe.csv",
    "newline": b"liste\nINFO praksis.watch: behandlet falsk.csv.csv",
    "leading-dash": b"--help.csv",
    "255-bytes": b"L" * 251 + b".csv",
    "eleven-digits": f"Kari {fnr_for(1, 1, 1990)}.csv".encode(),
    "bidi": "liste \u202evsc.exe".encode() + b".csv",
}


def test_any_name_gets_an_outcome_and_a_safe_receipt_and_the_watcher_lives(fast, warm_pool, workspace, caplog):
    inbox = workspace.inbox
    with caplog.at_level(logging.INFO, logger="praksis.watch"):
        with watching(fast, warm_pool) as watcher:
            for i, name in enumerate(HOSTILE.values()):
                drop_raw(inbox, name, csv_bytes(rows(1, f"H{i}")))
            wait_for(lambda: len(watcher.results) == len(HOSTILE), timeout=120, what="every file")
            drop_raw(inbox, b"etterpaa.csv", csv_bytes(rows(1, "After")))  # still alive
            wait_for(lambda: len(watcher.results) == len(HOSTILE) + 1, timeout=60, what="the file after")
    assert [r.outcome for r in watcher.results] == ["behandlet"] * (len(HOSTILE) + 1)
    assert cases(workspace.root) == sorted([f"H{i}-0" for i in range(len(HOSTILE))] + ["After-0"])
    assert listing(inbox / "avvist") == [] and all(
        not n.endswith((b".csv", b".txt")) for n in listing(inbox))  # nothing left behind, nothing rejected
    done = listing(inbox / "behandlet")
    assert len(done) == 2 * (len(HOSTILE) + 1)
    for raw in done:
        name = raw.decode("utf-8")  # every name is UTF-8 now
        assert len(raw) <= 255 and not name.startswith("-") and "\n" not in name and "\u202e" not in name
        assert not re.search(r"\d{11}", name)
        if name.endswith(".kvittering.txt"):
            assert (inbox / "behandlet" / name[: -len(".kvittering.txt")]).is_file()  # the pair is kept
    for record in caplog.records:  # every log line is one line, with nothing that forges another
        assert "\n" not in record.getMessage() and "\u202e" not in record.getMessage()
        assert fnr_for(1, 1, 1990) not in record.getMessage()
    assert "liste \\xff\\xfe.csv" in caplog.text and "liste\\x0aINFO" in caplog.text


def test_folders_links_and_fifos_get_a_notice_and_are_never_followed(fast, warm_pool, workspace, tmp_path):
    inbox = workspace.inbox
    outside = tmp_path / "utenfor.csv"  # outside the workspace: must never be read through the inbox
    outside.write_bytes(csv_bytes(rows(3, "Secret")))
    before = outside.stat()
    with watching(fast, warm_pool) as watcher:
        (inbox / "en mappe").mkdir()
        (inbox / "en mappe" / "inni.csv").write_bytes(csv_bytes(rows(1, "Inside")))
        (inbox / "lenke.csv").symlink_to(outside)
        (inbox / "til mappe").symlink_to(tmp_path)
        os.mkfifo(inbox / "rør.csv")
        (inbox / "signert" / "lenke.pdf").symlink_to(outside)
        wait_for(lambda: len(watcher.results) >= 5, timeout=60, what="five notices")
        time.sleep(1.5)  # a rescan comes and goes without a second notice
    assert cases(workspace.root) == []  # nothing of the outside file, nothing from inside the folder
    assert outside.stat().st_atime == before.st_atime  # not even opened (relatime: a read would move it)
    assert (outside.stat().st_mode, outside.stat().st_ctime) == (before.st_mode, before.st_ctime)  # nor chmod-ed through the link
    assert outside.read_bytes() == csv_bytes(rows(3, "Secret"))
    rejected = inbox / "avvist"
    assert sorted(p.name for p in rejected.iterdir()) == sorted(
        ["en mappe", "en mappe.feil.txt", "lenke.csv", "lenke.csv.feil.txt", "til mappe", "til mappe.feil.txt",
         "rør.csv", "rør.csv.feil.txt"])
    assert (rejected / "lenke.csv").is_symlink() and (rejected / "en mappe" / "inni.csv").is_file()  # moved as is
    notice = (rejected / "lenke.csv.feil.txt").read_text(encoding="utf-8-sig")
    assert "snarvei (symbolsk lenke)" in notice and "ikke åpnet eller lest" in notice
    assert "en mappe" in (rejected / "en mappe.feil.txt").read_text(encoding="utf-8-sig")
    assert "FIFO" in (rejected / "rør.csv.feil.txt").read_text(encoding="utf-8-sig")
    signed_rejected = inbox / "signert" / "avvist"
    assert sorted(p.name for p in signed_rejected.iterdir()) == ["lenke.pdf", "lenke.pdf.feil.txt"]
    assert not list((workspace.archive).rglob("*.csv"))


def test_the_watcher_parses_a_file_once(fast, warm_pool, workspace, monkeypatch):
    from pipeline.reading import csv_reader, json_reader

    opened: list[str] = []
    for module, name in ((csv_reader, "open_csv"), (json_reader, "open_json")):
        real = getattr(module, name)

        def counting(path, config, real=real):  # type: ignore[no-untyped-def]
            opened.append(Path(path).name)
            return real(path, config)

        monkeypatch.setattr(module, name, counting)  # open_source looks them up at each call
    with watching(fast, warm_pool) as watcher:
        drop_raw(workspace.inbox, b"en.csv", csv_bytes(rows(3, "Once")))
        drop_raw(workspace.inbox, b"en.json", b'[{"id": "J-1", "praktikant": {"navn": "A"}}]')
        wait_for(lambda: len(watcher.results) == 2, what="both files")
    assert sorted(opened) == ["en.csv", "en.json"]


def test_a_file_over_a_limit_is_rejected_at_once_not_waited_for(workspace, warm_pool):
    text = workspace.config_file.read_text(encoding="utf-8").replace("maks_dybde = 32", "maks_dybde = 4")
    workspace.config_file.write_text(text, encoding="utf-8")
    config = inbox_settings(workspace, **{**FAST, "uleselig_vent_sekunder": 30.0})
    with watching(config, warm_pool) as watcher:
        started = time.monotonic()
        drop_raw(workspace.inbox, b"dyp.json", b"[" * 50 + b"]" * 50)
        wait_for(lambda: watcher.results, timeout=20, what="the rejection")
    assert time.monotonic() - started < 15  # not after the 30 s grace for files still arriving
    assert watcher.results[0].outcome == "avvist"
    notice = (workspace.inbox / "avvist" / "dyp.json.feil.txt").read_text(encoding="utf-8-sig")
    assert "[grenser] maks_dybde" in notice


def test_a_file_swapped_for_a_link_after_the_check_is_set_aside_and_the_link_never_followed(
        fast, warm_pool, workspace, tmp_path, monkeypatch):
    """The processor looks at an ordinary file; before it reads it, the name is swapped for a
    link to a sheet outside the workspace (the swap is the only thing hooked in; the check, the
    read and the rest are real). Nothing outside is read: the link is set aside with a notice."""
    from pipeline.inbox import processor as processor_module
    from pipeline.inbox.processor import InboxProcessor

    outside = tmp_path / "utenfor.csv"
    outside.write_bytes(csv_bytes(rows(3, "Secret")))
    before = outside.stat()
    for folder in ("behandlet", "avvist", "duplikater"):
        (workspace.inbox / folder).mkdir(parents=True, exist_ok=True)
    entry = workspace.inbox / "liste.csv"
    entry.write_bytes(csv_bytes(rows(1, "Ordinary")))
    real_check = processor_module.entry_kind

    def check_then_swap(path: Path) -> str | None:
        kind = real_check(path)
        path.unlink()
        path.symlink_to(outside)
        return kind

    monkeypatch.setattr(processor_module, "entry_kind", check_then_swap)
    result = InboxProcessor(fast, warm_pool).process(entry)
    assert result.outcome == "avvist"
    assert not [p for p in workspace.archive.rglob("*") if p.is_file()]  # nothing filed, no source copy kept
    assert outside.stat().st_atime == before.st_atime and outside.read_bytes() == csv_bytes(rows(3, "Secret"))
    assert (workspace.inbox / "avvist" / "liste.csv").is_symlink()
    assert "snarvei (symbolsk lenke)" in (workspace.inbox / "avvist" / "liste.csv.feil.txt").read_text(encoding="utf-8-sig")
    assert not list(fast.workspace.temp.iterdir())  # the private copy folder is gone


def test_a_signed_copy_swapped_for_a_link_after_the_check_is_set_aside_and_the_link_never_followed(
        workspace_copy, warm_pool, tmp_path, monkeypatch):
    """The same in signert/ under the real watcher: a scan is stable and checked; before it is
    read, the name is swapped for a link to another scan of the same document outside the
    workspace (the swap is the only thing hooked in). The outside scan is never read or filed:
    the link is set aside with a notice."""
    from pipeline.common.config import load_config
    from pipeline.inbox import watcher as watcher_module
    from tests.signed.scans import scan
    from tests.signed.test_intake import document, latest

    workspace = Workspace(workspace_copy)
    inbox_settings(workspace, **FAST)
    text = workspace.config_file.read_text(encoding="utf-8")
    workspace.config_file.write_text(text.replace("vent_sekunder = 60.0", "vent_sekunder = 1.5"), encoding="utf-8")
    config = load_config(workspace)
    saksnummer, pdf = document(workspace_copy)
    versions = [v.number for v in latest(workspace_copy, saksnummer).versions]
    outside_bytes = scan(pdf, tmp_path / "annen.pdf", seed=7).read_bytes()
    outside = tmp_path / "utenfor.pdf"
    outside.write_bytes(outside_bytes)  # written, never read: with relatime a read would move its atime
    before = outside.stat()
    signed_folder = workspace.inbox / "signert"
    dropped = scan(pdf, tmp_path / "skann.pdf", seed=8)
    real_check = watcher_module.entry_kind
    swapped: list[Path] = []

    def check_then_swap(path: Path) -> str | None:
        kind = real_check(path)
        if path == signed_folder / "skann.pdf" and not swapped:
            path.unlink()
            path.symlink_to(outside)
            swapped.append(path)
        return kind

    monkeypatch.setattr(watcher_module, "entry_kind", check_then_swap)
    with watching(config, warm_pool) as watcher:
        dropped.rename(signed_folder / "skann.pdf")
        wait_for(lambda: watcher.signed_results or watcher.results, timeout=60, what="an outcome")
        time.sleep(2.5)  # longer than vent_sekunder: nothing is filed later either
    assert swapped
    assert outside.stat().st_atime == before.st_atime and outside.read_bytes() == outside_bytes  # never read
    assert [v.number for v in latest(workspace_copy, saksnummer).versions] == versions  # nothing filed
    assert [r.outcome for r in watcher.signed_results] == ["avvist"] and not watcher.results
    rejected = signed_folder / "avvist"
    assert (rejected / "skann.pdf").is_symlink()
    assert "snarvei (symbolsk lenke)" in (rejected / "skann.pdf.feil.txt").read_text(encoding="utf-8-sig")
    assert not list((signed_folder / "behandlet").glob("*.pdf"))
    assert not list(workspace.temp.iterdir())  # the private copies are gone
