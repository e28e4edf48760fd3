"""Each `[grenser]` limit's worst case, read as `praksis ingest` reads it; print peak RSS and seconds.

Usage: python bench/limits_bench.py [--bomb-mb 1024] [--only NAME]
Target (issue 14): every file up to the limits read (or turned away) in under 10 s and 300 MB.
The files at the limits are made for the limits a new workspace has (`praksis init`), so the
table follows the defaults; «CPU s» is the process's own CPU time, which the machine's load
does not move (the seconds do: the load average is printed before and after).

The hostile files are built in code (bench/hostile_files.py): JSON nested 100,000 deep, .xlsx zip
bombs of shared strings, rows and one cell, a stale `<dimension>`, entity tricks, CSV over and at
the size limit; and the largest files the default limits allow. Each case is read in a fresh
process (multiprocessing, spawn: its peak RSS is its own) under an address-space cap of 2 GB, so a
regression is a MemoryError in the table, not a machine out of memory. «read» means every record
through the validator (reader + validation), as ingest does before planning any document.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import hostile_files as h

from pipeline.common.config import Grenser
from pipeline.domain.synthetic import placement_row, write_placements_csv

CAP = 2 << 30


def _peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _measure(config_root: str, data: str, out: Any) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CAP, CAP))
    # A new process keeps its parent's peak RSS (ru_maxrss) across fork and exec: the peak is
    # read from VmHWM instead, reset here (Linux ≥ 4.0).
    Path("/proc/self/clear_refs").write_text("5")
    from pipeline.common.config import load_config
    from pipeline.validation.validator import FileResult, Validator
    from pipeline.common.workspace import Workspace

    config = load_config(Workspace(Path(config_root)))
    base = _peak_mb()
    started, cpu = time.perf_counter(), time.process_time()
    result = FileResult(data)
    records = invalid = 0
    outcome = ""
    try:
        for record in Validator(config).iter_file(Path(data), result):
            records += 1
            invalid += bool(record.errors)
        outcome = f"read {records} record(s), {invalid} invalid"
    except Exception as exc:  # noqa: BLE001 - what the bench reports
        reason = getattr(exc, "reason", None)
        outcome = f"rejected: {reason}" if reason else f"{type(exc).__name__}: {exc}"[:160]
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    out.put((outcome, seconds, cpu, _peak_mb(), base))


def cases(tmp: Path, bomb_mb: int, limits: Grenser) -> list[tuple[str, Callable[[], Path]]]:
    """The hostile files, and the largest and slowest files the configured limits let through."""
    rows = [("Ola Nordmann", "x", "Eksempel skole", "01.02.2026")] * 10
    most = limits.maks_rader
    over_mb = limits.maks_mb + 1
    # an invalid row as long as the size limit allows for the row limit: every row of a file
    # at both limits rejected, with its long values in the error list
    long_row = "Ola Nordmann;x;" + "E" * int(limits.maks_mb * (1 << 20) / (most + 1) - 40) + ";01.02.2026\r\n"
    wide = limits.maks_celler // (most + 1)  # columns of a sheet at the row and cell limits (and its header)
    return [
        ("json array 100,000 deep", lambda: h.deep_json(tmp / "dyp.json", 100_000)),
        ("json object 100,000 deep", lambda: h.deep_json(tmp / "dyp_objekt.json", 100_000, "object")),
        (f"xlsx shared strings bomb ({bomb_mb} MB)", lambda: h.shared_strings_bomb(tmp / "sst.xlsx", bomb_mb)),
        (f"xlsx rows bomb ({bomb_mb} MB)", lambda: h.rows_bomb(tmp / "rader.xlsx", bomb_mb)),
        (f"xlsx one-cell bomb ({bomb_mb} MB)", lambda: h.one_cell_bomb(tmp / "celle.xlsx", bomb_mb)),
        ("xlsx stale dimension (A1:D2, 10 rows)", lambda: h.stale_dimension(tmp / "dimensjon.xlsx", rows)),
        ("xlsx billion laughs", lambda: h.entity_sheet(tmp / "latter.xlsx", "laughs")),
        ("xlsx external entity", lambda: h.entity_sheet(tmp / "ekstern.xlsx", "external")),
        (f"csv over the size limit ({over_mb:.0f} MB)", lambda: h.big_csv(tmp / "for_stor.csv", over_mb)),
        ("csv one 2 MB cell", lambda: h.big_csv(tmp / "celle.csv", 0.1, "A" * (2 << 20) + ";x;y;z\r\n")),
        (f"csv over the row limit ({most + 1:,} rows)", lambda: _csv_at_limits(tmp / "for_lang.csv", most + 1)),
        (f"csv at the limits ({most:,} valid rows)", lambda: _csv_at_limits(tmp / "grense.csv", most)),
        (f"csv at the limits ({most:,} invalid rows, {limits.maks_mb:.0f} MB)",
         lambda: h.big_csv(tmp / "grense_feil.csv", limits.maks_mb * 0.99, long_row)),
        (f"xlsx at the limits ({most:,} valid rows)", lambda: _xlsx_at_limits(tmp / "grense.xlsx", most)),
        (f"xlsx at the limits ({most:,} rows x {wide} columns)",
         lambda: _xlsx_at_limits(tmp / "grense_bred.xlsx", most, wide)),
        (f"xlsx shared strings at the limit ({limits.maks_delte_tekster_mb:.0f} MB)",
         lambda: _shared_strings_at_limit(tmp / "grense_sst.xlsx", limits.maks_delte_tekster_mb * 0.99, most)),
        (f"json at the limits ({most:,} valid records)", lambda: _json_at_limits(tmp / "grense.json", most)),
        (f"json at the limits ({most:,} records, {limits.maks_mb:.0f} MB)",
         lambda: _json_at_limits(tmp / "grense_stor.json", most, int(limits.maks_mb * 0.97 * (1 << 20) / most))),
    ]


def _rows(count: int) -> Iterator[dict[str, str]]:
    rng = random.Random(2026)
    return (placement_row(rng, number) for number in range(count))


def _csv_at_limits(path: Path, rows: int) -> Path:
    write_placements_csv(path, rows, seed=2026, encoding="utf-8")
    return path


def _xlsx_at_limits(path: Path, count: int, columns: int = 0) -> Path:
    """As Excel writes it: shared strings (openpyxl's write-only mode), not inline strings;
    `columns` wide with extra (unknown) columns of text."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Ark1")
    for number, row in enumerate(_rows(count)):
        extra = max(0, columns - len(row))
        if number == 0:
            sheet.append(list(row) + [f"Merknad {i}" for i in range(extra)])
        sheet.append(list(row.values()) + [f"tekst {number} {i}" for i in range(extra)])
    book.save(path)
    return path


def _shared_strings_at_limit(path: Path, megabytes: float, count: int) -> Path:
    """A sheet of `count` rows whose shared-strings part is `megabytes` MB of short strings
    (most never used by a cell): the most items the limit lets openpyxl or the reader hold."""
    def items() -> Iterator[str]:  # short strings that differ (a zip of one repeated string is a bomb)
        written, number = 0, 0
        while written < megabytes * (1 << 20) - (1 << 16):
            block = "".join(f"<si><t>{n * 7919 % 100_003}</t></si>" for n in range(number, number + 2048))
            number += 2048
            written += len(block)
            yield block

    shared = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="' + h.MAIN_NS + '">',
              "<si><t>Navn</t></si>", *items(), "</sst>"]
    sheet = [h.SHEET_HEAD, "<sheetData>", '<row r="1"><c r="A1" t="s"><v>0</v></c></row>',
             *(f'<row r="{n}"><c r="A{n}" t="s"><v>{n}</v></c></row>' for n in range(2, count + 2)),
             "</sheetData></worksheet>"]
    return h.write_xlsx(path, sheet, shared)


def _json_at_limits(path: Path, count: int, size: int = 0) -> Path:
    """`count` records; each `size` bytes long if given (a long «merknad»-like free text)."""
    with path.open("w", encoding="utf-8") as handle:
        handle.write("[")
        for number, row in enumerate(_rows(count)):
            if size:
                row["arbeidsoppgaver"] = "E" * max(0, size - 1100)
            handle.write(("," if number else "") + json.dumps(row, ensure_ascii=False) + "\n")
        handle.write("]")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bomb-mb", type=int, default=1024, help="unpacked size of the zip bombs")
    parser.add_argument("--only", default="", help="run only cases whose name contains this")
    args = parser.parse_args()
    from pipeline.common.config import load_config
    from pipeline.common.workspace import init_workspace

    context = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        workspace = init_workspace(tmp / "ws")
        limits = load_config(workspace).settings.grenser
        print(f"limits: {limits}")
        print(f"load average at the start: {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")
        print(f"{'case':52} {'file':>9} {'seconds':>8} {'CPU s':>6} {'peak RSS':>9}  outcome")
        for name, build in cases(tmp, args.bomb_mb, limits):
            if args.only not in name:
                continue
            path = build()
            queue = context.Queue()
            process = context.Process(target=_measure, args=(str(workspace.root), str(path), queue))
            process.start()
            outcome, seconds, cpu, peak, base = queue.get()
            process.join()
            size = path.stat().st_size
            shown = f"{size / 1e6:.1f} MB" if size >= 1e5 else f"{size / 1e3:.1f} kB"
            print(f"{name:52} {shown:>9} {seconds:8.2f} {cpu:6.2f} {peak:6.0f} MB  {outcome[:110]}  (RSS at start {base:.0f} MB)")
            sys.stdout.flush()
            path.unlink()
        print(f"load average at the end: {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")


if __name__ == "__main__":
    main()
