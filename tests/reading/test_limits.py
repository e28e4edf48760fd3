"""Hostile files against the readers' `[grenser]` limits, each read in a fresh process under an
address-space cap: a regression fails the test (MemoryError, or a limit not named) instead of
eating the machine. The files are built in code (bench/hostile_files.py)."""

from __future__ import annotations

import multiprocessing
import re
import resource
from pathlib import Path
from typing import Any

import pytest

from bench import hostile_files as h
from pipeline.common.config import Config, load_config
from pipeline.common.errors import InputFileError
from pipeline.reading import open_source
from pipeline.validation.validator import FileResult, Validator
from pipeline.common.workspace import Workspace

CAP = 1536 << 20
"""Address space for the reading process: a Python with openpyxl and lxml loaded uses ~400 MB of it."""
PEAK_MB = 300


def _read(root: str, data: str, out: Any) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CAP, CAP))
    Path("/proc/self/clear_refs").write_text("5")  # peak RSS from here (VmHWM)
    config = load_config(Workspace(Path(root)))
    try:
        records = sum(1 for _ in Validator(config).iter_file(Path(data), FileResult(data)))
        outcome: tuple[str, Any] = ("read", records)
    except InputFileError as exc:
        outcome = ("rejected", exc.reason)
    except BaseException as exc:  # noqa: BLE001 - reported to the test
        outcome = ("crashed", f"{type(exc).__name__}: {exc}")
    status = Path("/proc/self/status").read_text()
    peak = int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024  # type: ignore[union-attr]
    out.put((*outcome, peak))


def capped(workspace: Workspace, path: Path) -> tuple[str, Any]:
    """Read `path` as ingest does, in a fresh process under the cap; (outcome, detail)."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_read, args=(str(workspace.root), str(path), queue))
    process.start()
    kind, detail, peak = queue.get(timeout=120)
    process.join(30)
    assert peak < PEAK_MB, f"peak RSS {peak:.0f} MB"
    return kind, detail


def with_limits(workspace: Workspace, **values: object) -> Config:
    """Change values of the `[grenser]` section (other sections have keys of the same name)."""
    text = workspace.config_file.read_text(encoding="utf-8")
    before, _, section = text.partition("[grenser]\n")
    section, head, after = section.partition("\n[")
    for key, value in values.items():
        section, n = re.subn(rf"(?m)^{key} = \S+", f"{key} = {value}", section)
        assert n == 1, key
    workspace.config_file.write_text(before + "[grenser]\n" + section + head + after, encoding="utf-8")
    return load_config(workspace)


@pytest.mark.parametrize("kind", ["array", "object"])
def test_json_nested_100000_deep_is_rejected_naming_the_depth_limit(workspace, tmp_path, kind):
    outcome, reason = capped(workspace, h.deep_json(tmp_path / "dyp.json", 100_000, kind))
    assert outcome == "rejected" and "[grenser] maks_dybde" in reason and "32 nivåer" in reason


def test_json_within_the_depth_limit_is_read(workspace, tmp_path):
    path = tmp_path / "ok.json"
    path.write_text('[{"praktikant": {"navn": "A"}, "ukjent": {"a": {"b": {"c": 1}}}}]', encoding="utf-8")
    assert capped(workspace, path) == ("read", 1)


def test_shared_strings_bomb_is_rejected_from_the_zip_directory(workspace, tmp_path):
    outcome, reason = capped(workspace, h.shared_strings_bomb(tmp_path / "sst.xlsx", 40))
    assert outcome == "rejected" and "[grenser] maks_delte_tekster_mb" in reason


def test_rows_bomb_over_the_unpacked_limit_is_rejected(workspace, tmp_path):
    outcome, reason = capped(workspace, h.rows_bomb(tmp_path / "rader.xlsx", 300))
    assert outcome == "rejected" and "[grenser] maks_utpakket_mb" in reason and "300,0 MB" in reason


def test_one_cell_bomb_is_rejected_by_its_compression_ratio(workspace, tmp_path):
    outcome, reason = capped(workspace, h.one_cell_bomb(tmp_path / "celle.xlsx", 50))
    assert outcome == "rejected" and "[grenser] maks_pakkeforhold" in reason and "zip-bombe" in reason


def test_a_sheet_over_the_row_limit_is_rejected_before_any_row_is_read(workspace, tmp_path):
    config = with_limits(workspace, maks_rader=5)
    path = h.stale_dimension(tmp_path / "mange.xlsx", [("Ola", "x", "y", "01.02.2026")] * 6)
    with pytest.raises(InputFileError, match=r"maks_rader"):
        open_source(path, config)  # raised by opening, not by reading the records


def test_a_sheet_over_the_cell_limit_is_rejected_before_any_row_is_read(workspace, tmp_path):
    config = with_limits(workspace, maks_celler=19)
    path = h.stale_dimension(tmp_path / "celler.xlsx", [("Ola", "x", "y", "01.02.2026")] * 4)  # 5 rows x 4 cells
    with pytest.raises(InputFileError, match=r"mer enn 19 celler .*maks_celler"):
        open_source(path, config)
    config = with_limits(workspace, maks_celler=20)
    assert len(list(open_source(path, config).records())) == 4


def test_only_the_sheet_that_is_read_is_held_to_the_row_limit(workspace, tmp_path):
    """A workbook whose second sheet is long (an archive of earlier years, say) is read: only
    the first sheet's rows are counted."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(list(h.HEADER))
    book.active.append(["Ola", "x", "Enhet", "01.02.2026"])
    old = book.create_sheet("Tidligere år")
    for i in range(10):
        old.append([f"Person {i}", "x", "Enhet", "01.02.2020"])
    path = tmp_path / "to_ark.xlsx"
    book.save(path)
    config = with_limits(workspace, maks_rader=3)
    assert [r.values["praktikant.navn"] for r in open_source(path, config).records()] == ["Ola"]


def test_cells_of_columns_without_a_known_header_are_not_read_but_values_past_the_headers_are_noticed(
        workspace, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Navn", "Ukjent", "Startdato"])
    book.active.append(["Ola", "=HYPERLINK(1)", "01.02.2026"])
    book.active.append(["Kari", "x", "01.02.2026", None, "utenfor"])
    path = tmp_path / "ukjent.xlsx"
    book.save(path)
    first, second = open_source(path, load_config(workspace)).records()
    assert first.values == {"praktikant.navn": "Ola", "startdato": "01.02.2026"} and not first.problems
    assert second.problems and "uten overskrift" in second.problems[0][1]


def test_rows_past_a_stale_dimension_are_all_read(workspace, tmp_path):
    rows = [(f"Person {i}", "x", "Enhet", "01.02.2026") for i in range(10)]
    path = h.stale_dimension(tmp_path / "dimensjon.xlsx", rows, stated="A1:D2")
    records = list(open_source(path, load_config(workspace)).records())
    assert [r.row for r in records] == list(range(2, 12))
    assert records[-1].values["praktikant.navn"] == "Person 9"


@pytest.mark.parametrize("kind", ["laughs", "external"])
def test_entity_tricks_are_answered_with_a_message_not_a_traceback(workspace, tmp_path, kind):
    outcome, reason = capped(workspace, h.entity_sheet(tmp_path / f"{kind}.xlsx", kind))
    assert outcome == "rejected" and "Excel-arbeidsbok" in reason and "root:" not in reason


def test_a_csv_over_the_size_limit_is_rejected_at_once(workspace, tmp_path):
    with_limits(workspace, maks_mb=1.0)
    outcome, reason = capped(workspace, h.big_csv(tmp_path / "stor.csv", 1.5))
    assert outcome == "rejected" and "[grenser] maks_mb" in reason and "1,0 MB" in reason


def test_a_csv_over_the_row_limit_is_rejected_before_any_record(workspace, tmp_path):
    config = with_limits(workspace, maks_rader=100)
    path = h.big_csv(tmp_path / "mange.csv", 0.05)
    with pytest.raises(InputFileError, match=r"maks_rader"):
        open_source(path, config)


def test_line_breaks_inside_quoted_cells_are_not_counted_as_rows(workspace, tmp_path):
    config = with_limits(workspace, maks_rader=3)
    path = tmp_path / "flerlinje.csv"
    path.write_text('Navn;Arbeidsoppgaver\r\n' + 'Ola;"a\r\nb\r\nc ""sitat""\r\nd"\r\n' * 3, encoding="utf-8")
    assert len(list(open_source(path, config).records())) == 3


def test_too_many_columns_is_rejected(workspace, tmp_path):
    config = with_limits(workspace, maks_kolonner=3)
    path = tmp_path / "brei.csv"
    path.write_text("Navn;Fødselsnummer;Praksisenhet;Startdato\r\nA;b;c;d\r\n", encoding="utf-8")
    with pytest.raises(InputFileError, match=r"4 kolonner.*maks_kolonner"):
        open_source(path, config)


def test_a_huge_csv_cell_is_rejected_naming_the_cell_limit(workspace, tmp_path):
    outcome, reason = capped(workspace, h.big_csv(tmp_path / "celle.csv", 0.1, "A" * (2 << 20) + ";x;y;z\r\n"))
    assert outcome == "rejected" and "[grenser] maks_celle_tegn" in reason and "Linje 2" in reason


@pytest.mark.parametrize("wrapped", [False, True])
def test_json_records_are_counted_in_the_syntax_pass(workspace, tmp_path, wrapped):
    config = with_limits(workspace, maks_rader=2)
    records = [{"id": str(i), "praktikant": {"navn": "A", "ekstra": [1, 2, {"x": 3}]}} for i in range(3)]
    path = tmp_path / "poster.json"
    import json
    path.write_text(json.dumps({"praksisplasser": records} if wrapped else records), encoding="utf-8")
    with pytest.raises(InputFileError, match="maks_rader"):
        open_source(path, config)
    path.write_text(json.dumps({"praksisplasser": records[:2]} if wrapped else records[:2]), encoding="utf-8")
    assert len(list(open_source(path, config).records())) == 2
