"""`praksis watch` with a real observer on a temporary workspace: files dropped whole, written
slowly, renamed into place, many at once, bad files, duplicates, vanishing temp files, a
restart with files waiting, two watchers at once."""

from __future__ import annotations

import csv
import hashlib
import io
import shutil
import sqlite3
import time
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from pipeline.archive.locking import InboxWatched
from pipeline.validation.validator import Validator
from pipeline.common.workspace import Workspace
from tests.archive.conftest import praksis
from tests.conftest import EXAMPLES, fnr_for, good_row
from tests.inbox.conftest import FAST, inbox_settings, wait_for, watching

pytestmark = pytest.mark.slow  # LibreOffice (a warm pool or an ingested workspace)


def csv_bytes(rows: list[dict[str, str]], encoding: str = "utf-8", delimiter: str = ";") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    headers = list(dict.fromkeys(k for row in rows for k in row))
    writer.writerow(headers)
    for row in rows:
        writer.writerow([row.get(h, "") for h in headers])
    return buffer.getvalue().encode(encoding)


def rows(n: int, prefix: str = "W") -> list[dict[str, str]]:
    return [good_row(id=f"{prefix}-{i}", **{"praktikant.foedselsnummer": fnr_for(1 + i % 28, 1 + i % 12, 1980 + i % 20)})
            for i in range(n)]


def cases(root: Path) -> list[str]:
    with sqlite3.connect(root / "registry.sqlite") as db:
        return [r[0] for r in db.execute("SELECT praksisplass_id FROM sak ORDER BY praksisplass_id")]


def drop(inbox: Path, name: str, data: bytes) -> Path:
    """Write beside the inbox and rename in: how a finished file arrives in one step."""
    staging = inbox.parent / f".drop-{name}"
    staging.write_bytes(data)
    target = inbox / name
    staging.rename(target)
    return target


@pytest.fixture
def fast(workspace: Workspace):
    return inbox_settings(workspace, **FAST)


def test_a_file_dropped_whole_is_filed_and_answered_with_a_receipt(fast, warm_pool, workspace):
    data = csv_bytes(rows(3))
    with watching(fast, warm_pool) as watcher:
        drop(workspace.inbox, "liste.csv", data)
        wait_for(lambda: watcher.results, what="the file to be processed")
    done = workspace.inbox / "behandlet"
    assert (done / "liste.csv").read_bytes() == data  # the original, byte for byte
    receipt = (done / "liste.csv.kvittering.txt").read_text(encoding="utf-8-sig")
    assert "3 praksisplass(er) lest: 3 nye saker" in receipt
    for i in range(3):
        assert f"W-{i}" in receipt
    for case in watcher.results[0].cases:
        assert case in receipt
    assert cases(workspace.root) == ["W-0", "W-1", "W-2"]
    copy = workspace.archive / "kilder" / f"{hashlib.sha256(data).hexdigest()}.csv"
    assert copy.read_bytes() == data  # also kept in the archive's provenance
    assert not any(p for p in workspace.inbox.iterdir() if p.is_file() and not p.name.startswith(".")
                   and p.name not in ("oversikt.html", "ledige_plasser.html"))  # the pages praksis writes
    assert watcher.results[0].outcome == "behandlet"


def test_a_file_written_slowly_is_taken_only_when_complete(fast, warm_pool, workspace):
    data = csv_bytes(rows(6))
    target = workspace.inbox / "sakte.csv"
    with watching(fast, warm_pool) as watcher:
        with target.open("wb") as handle:
            for i in range(0, len(data), len(data) // 5 + 1):
                handle.write(data[i:i + len(data) // 5 + 1])
                handle.flush()
                time.sleep(0.15)  # shorter than the stability delay: still being written
        wait_for(lambda: watcher.results, what="the file")
        time.sleep(0.5)
    assert len(watcher.results) == 1
    assert watcher.results[0].records == 6
    assert len(cases(workspace.root)) == 6


def test_a_truncated_json_waits_for_the_rest(fast, warm_pool, workspace):
    import json
    data = json.dumps({"praksisplasser": rows(2, "J")}, ensure_ascii=False).encode()
    target = workspace.inbox / "plasser.json"
    with watching(fast, warm_pool) as watcher:
        target.write_bytes(data[: len(data) // 2])
        time.sleep(0.8)  # stable, but it does not parse: the watcher waits (grace 1 s)
        assert watcher.results == []
        with target.open("ab") as handle:
            handle.write(data[len(data) // 2:])
        wait_for(lambda: watcher.results, what="the completed file")
    assert watcher.results[0].outcome == "behandlet" and watcher.results[0].records == 2


def test_temp_and_lock_files_are_left_alone_and_a_rename_into_place_is_taken(fast, warm_pool, workspace):
    inbox = workspace.inbox
    with watching(fast, warm_pool) as watcher:
        for name in ("~$liste.xlsx", ".~lock.liste.xlsx#", "liste.csv.part", "x.tmp", ".DS_Store", "Thumbs.db",
                     "._liste.csv", "opplasting.filepart"):
            (inbox / name).write_bytes(b"noe")
        partial = inbox / "ny.csv.part"
        partial.write_bytes(csv_bytes(rows(1, "R")))
        time.sleep(1.0)
        assert watcher.results == []
        partial.rename(inbox / "ny.csv")
        wait_for(lambda: watcher.results, what="the renamed file")
        time.sleep(0.5)
    assert [r.name for r in watcher.results] == ["ny.csv"]
    assert (inbox / "~$liste.xlsx").exists() and (inbox / "Thumbs.db").exists()  # untouched


def test_user_patterns_from_config_are_ignored(workspace, warm_pool):
    config = inbox_settings(workspace, **FAST, ignorer=["*.bak", "utkast*"])
    with watching(config, warm_pool) as watcher:
        (workspace.inbox / "liste.bak").write_bytes(b"x")
        (workspace.inbox / "utkast liste.csv").write_bytes(csv_bytes(rows(1)))
        time.sleep(1.2)
    assert watcher.results == []


def test_many_files_at_once_are_all_processed(fast, warm_pool, workspace):
    staging = workspace.root / "ut"
    staging.mkdir()
    for i in range(20):
        (staging / f"liste-{i:02}.csv").write_bytes(csv_bytes(rows(1, f"M{i:02}")))
    with watching(fast, warm_pool) as watcher:
        for path in staging.iterdir():
            path.rename(workspace.inbox / path.name)
        wait_for(lambda: len(watcher.results) == 20, timeout=120, what="20 files")
    assert {r.outcome for r in watcher.results} == {"behandlet"}
    assert len(list((workspace.inbox / "behandlet").glob("*.kvittering.txt"))) == 20
    assert len(cases(workspace.root)) == 20


def test_bad_files_are_set_aside_with_a_norwegian_explanation_and_the_watcher_goes_on(fast, warm_pool, workspace):
    inbox = workspace.inbox
    bad = rows(2, "B")
    bad[1]["praktikant.foedselsnummer"] = "01019012346"  # wrong check digits
    bad[0]["startdato"] = "31.02.2026"
    with watching(fast, warm_pool) as watcher:
        drop(inbox, "feil.csv", csv_bytes(bad))
        drop(inbox, "skadet.xlsx", b"PK\x03\x04 dette er ikke en arbeidsbok")
        drop(inbox, "tom.csv", b"")
        drop(inbox, "notat.pdf", b"%PDF-1.4 ikke en liste")
        drop(inbox, "god.csv", csv_bytes(rows(1, "G")))
        wait_for(lambda: len(watcher.results) == 5, timeout=30, what="five outcomes")
    outcomes = {r.name: r.outcome for r in watcher.results}
    assert outcomes == {"feil.csv": "avvist", "skadet.xlsx": "avvist", "tom.csv": "avvist",
                        "notat.pdf": "ustøttet", "god.csv": "behandlet"}
    rejected = inbox / "avvist"
    errors = (rejected / "feil.csv.feil.txt").read_text(encoding="utf-8-sig")
    assert "Linje 2" in errors and "«startdato»" in errors and "31.02.2026" in errors
    assert "Linje 3" in errors and "010190*****" in errors and "01019012346" not in errors
    assert "Excel" in (rejected / "skadet.xlsx.feil.txt").read_text(encoding="utf-8-sig")
    assert "tom" in (rejected / "tom.csv.feil.txt").read_text(encoding="utf-8-sig")
    assert "støttes ikke" in (rejected / "notat.pdf.feil.txt").read_text(encoding="utf-8-sig")
    assert (rejected / "notat.pdf").read_bytes() == b"%PDF-1.4 ikke en liste"
    assert cases(workspace.root) == ["G-0"]


def test_a_partly_valid_sheet_gives_a_file_of_only_its_rejected_rows(fast, warm_pool, workspace, config):
    inbox = workspace.inbox
    sheet = rows(4, "P")
    sheet[1]["sluttdato"] = "01.01.2020"
    sheet[3]["praksisenhet.organisasjonsnummer"] = "975749119"
    data = csv_bytes(sheet, encoding="cp1252")
    with watching(fast, warm_pool) as watcher:
        drop(inbox, "blandet.csv", data)
        wait_for(lambda: watcher.results, what="the sheet")
    assert watcher.results[0].outcome == "delvis"
    assert (inbox / "behandlet" / "blandet.csv").read_bytes() == data
    assert "avvist/blandet.csv" in (inbox / "behandlet" / "blandet.csv.kvittering.txt").read_text(encoding="utf-8-sig")
    leftover = inbox / "avvist" / "blandet.csv"
    text = leftover.read_bytes().decode("cp1252")  # same encoding, same delimiter, same columns
    assert text.splitlines()[0] == data.decode("cp1252").splitlines()[0]
    assert [line.split(";")[0] for line in text.splitlines()[1:]] == ["P-1", "P-3"]
    again = Validator(config).validate_file(leftover)
    assert (again.n_valid, again.n_invalid) == (0, 2)
    assert cases(workspace.root) == ["P-0", "P-2"]


def test_rejected_rows_of_a_workbook_come_back_as_a_workbook(fast, warm_pool, workspace):
    book = Workbook()
    sheet = book.active
    good = rows(3, "X")
    good[2]["tiltak"] = "Sommerjobb"
    headers = list(good[0])
    sheet.append(headers)
    for row in good:
        sheet.append([row[h] for h in headers])
    buffer = io.BytesIO()
    book.save(buffer)
    with watching(fast, warm_pool) as watcher:
        drop(workspace.inbox, "ark.xlsx", buffer.getvalue())
        wait_for(lambda: watcher.results, what="the workbook")
    back = load_workbook(workspace.inbox / "avvist" / "ark.xlsx").active
    values = list(back.iter_rows(values_only=True))
    assert list(values[0]) == headers and len(values) == 2 and values[1][0] == "X-2"


def test_a_duplicate_is_moved_aside_with_a_notice_and_not_processed_again(fast, warm_pool, workspace):
    data = csv_bytes(rows(1, "D"))
    with watching(fast, warm_pool) as watcher:
        drop(workspace.inbox, "liste.csv", data)
        wait_for(lambda: len(watcher.results) == 1, what="the first copy")
        drop(workspace.inbox, "liste.csv", data)
        drop(workspace.inbox, "kopi av liste.csv", data)
        wait_for(lambda: len(watcher.results) == 3, what="the copies")
    assert [r.outcome for r in watcher.results] == ["behandlet", "duplikat", "duplikat"]
    duplicates = workspace.inbox / "duplikater"
    assert (duplicates / "liste.csv").read_bytes() == data
    notice = (duplicates / "liste.csv.duplikat.txt").read_text(encoding="utf-8-sig")
    assert "behandlet/liste.csv.kvittering.txt" in notice and "IKKE behandlet" in notice
    assert (duplicates / "kopi av liste.csv").exists()
    assert cases(workspace.root) == ["D-0"]


def test_a_name_that_exists_is_never_overwritten(fast, warm_pool, workspace):
    first, second = csv_bytes(rows(1, "N1")), csv_bytes(rows(1, "N2"))
    with watching(fast, warm_pool) as watcher:
        drop(workspace.inbox, "liste.csv", first)
        wait_for(lambda: len(watcher.results) == 1)
        drop(workspace.inbox, "liste.csv", second)
        wait_for(lambda: len(watcher.results) == 2)
    done = workspace.inbox / "behandlet"
    assert (done / "liste.csv").read_bytes() == first
    assert (done / "liste (2).csv").read_bytes() == second
    assert (done / "liste (2).csv.kvittering.txt").exists()


def test_a_temp_file_that_disappears_is_forgotten(fast, warm_pool, workspace):
    with watching(fast, warm_pool) as watcher:
        ghost = workspace.inbox / "borte.csv"
        ghost.write_bytes(csv_bytes(rows(1, "Z")))
        ghost.unlink()
        drop(workspace.inbox, "her.csv", csv_bytes(rows(1, "H")))
        wait_for(lambda: watcher.results, what="the file that stayed")
        time.sleep(0.5)
    assert [r.name for r in watcher.results] == ["her.csv"]


def test_files_waiting_at_start_are_processed(fast, warm_pool, workspace):
    for i in range(3):
        (workspace.inbox / f"ventet-{i}.csv").write_bytes(csv_bytes(rows(1, f"V{i}")))
    with watching(fast, warm_pool) as watcher:
        wait_for(lambda: len(watcher.results) == 3, what="the waiting files")
    assert len(cases(workspace.root)) == 3


def test_a_file_whose_event_was_missed_is_found_by_the_rescan(fast, warm_pool, workspace):
    with watching(fast, warm_pool, polling=False) as watcher:
        watcher.names = type(watcher.names)()  # events go to a queue nobody reads from now on
        watcher._drain = lambda: None  # type: ignore[method-assign]
        (workspace.inbox / "stille.csv").write_bytes(csv_bytes(rows(1, "S")))
        wait_for(lambda: watcher.results, timeout=10, what="the rescan (every 2 s)")


def test_polling_mode_sees_files_too(fast, warm_pool, workspace):
    with watching(fast, warm_pool, polling=True) as watcher:
        drop(workspace.inbox, "nett.csv", csv_bytes(rows(1, "NP")))
        wait_for(lambda: watcher.results, what="the file, by polling")


def test_a_second_watcher_on_the_same_inbox_is_refused(fast, warm_pool, workspace):
    with watching(fast, warm_pool):
        with pytest.raises(InboxWatched, match="bare være én"):
            with watching(fast, warm_pool):
                pass
        result = praksis(workspace.root, "watch")
        assert result.exit_code == 2 and "følges allerede" in result.output


def test_records_with_documents_are_converted_by_the_warm_pool(fast, warm_pool, workspace):
    sheet = [good_row(id="DOK-1", status="Bekreftet", **{
        "praksisenhet.adresse": "Bøgata 1, 0655 Oslo", "praksisenhet.leder.navn": "Leder Lie",
        "praksisveileder.navn": "Veileder Vik", "praksisbestiller.virksomhet": "NAV Gamle Oslo",
        "praksisbestiller.kontaktperson": "Kari Kontakt", "timer_per_uke": "30", "arbeidsoppgaver": "Rydde"})]
    with watching(fast, warm_pool) as watcher:
        drop(workspace.inbox, "med-dokumenter.csv", csv_bytes(sheet))
        wait_for(lambda: watcher.results, timeout=60, what="documents")
    result = watcher.results[0]
    assert result.outcome == "behandlet" and result.documents == 2
    receipt = (workspace.inbox / "behandlet" / "med-dokumenter.csv.kvittering.txt").read_text(encoding="utf-8-sig")
    # documents in Norwegian words (the document set's titles), and what waits in til_signering/
    assert "Praksisavtale v1, Taushetsløfte og gjennomgang av etiske retningslinjer v1" in receipt
    case = result.cases[0].replace("/", "-")
    for name in (f"{case}_praksisavtale_v1.pdf", f"{case}_taushetsloefte_v1.pdf"):
        assert f"    {name}  (" in receipt
        assert (workspace.inbox / "til_signering" / name).is_file()
    assert praksis(workspace.root, "verify").exit_code == 0


def test_examples_are_processed_like_the_cli_does(fast, warm_pool, workspace):
    with watching(fast, warm_pool) as watcher:
        shutil.copy(EXAMPLES / "praksisplasser.json", workspace.inbox / "praksisplasser.json")
        wait_for(lambda: watcher.results, timeout=120, what="the example")
    assert watcher.results[0].outcome == "behandlet"
    assert praksis(workspace.root, "verify").exit_code == 0


def test_a_fodselsnummer_in_a_file_name_reaches_no_log_receipt_or_archive_metadata(fast, warm_pool, workspace, caplog):
    number = fnr_for(1, 1, 1990)
    name = f"Kari {number}.csv"
    with caplog.at_level("DEBUG", logger="praksis.watch"):
        with watching(fast, warm_pool) as watcher:
            drop(workspace.inbox, name, csv_bytes(rows(1, "F")))
            wait_for(lambda: watcher.results, what="the file")
    assert number not in caplog.text and number[:6] + "*****" in caplog.text
    # the file itself is renamed before it is taken: no folder of the inbox keeps the number
    safe = f"Kari {number[:6]}xxxxx.csv"
    assert sorted(p.name for p in (workspace.inbox / "behandlet").iterdir()) == [safe, f"{safe}.kvittering.txt"]
    assert number not in (workspace.inbox / "behandlet" / f"{safe}.kvittering.txt").read_text(encoding="utf-8-sig")
    for path in workspace.archive.rglob("*"):
        assert number not in str(path)
        if path.is_file() and path.suffix in (".json", ".jsonl"):
            assert number not in path.read_text(encoding="utf-8"), path
    with sqlite3.connect(workspace.root / "registry.sqlite") as db:
        assert number not in repr(db.execute("SELECT * FROM inndata").fetchall())
