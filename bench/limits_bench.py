"""Each `[grenser]` limit's worst case, read as `praksis ingest` reads it; print peak RSS and seconds.

Usage: python bench/limits_bench.py [--bomb-mb 1024] [--only NAME]
Target (issue 14): every file up to the limits read (or turned away) in under 10 s and 300 MB.

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
    started = time.perf_counter()
    result = FileResult(data)
    records = 0
    outcome = ""
    try:
        for _record in Validator(config).iter_file(Path(data), result):
            records += 1
        outcome = f"read {records} record(s)"
    except Exception as exc:  # noqa: BLE001 - what the bench reports
        reason = getattr(exc, "reason", None)
        outcome = f"rejected: {reason}" if reason else f"{type(exc).__name__}: {exc}"[:160]
    seconds = time.perf_counter() - started
    out.put((outcome, seconds, _peak_mb(), base))


def cases(tmp: Path, bomb_mb: int) -> list[tuple[str, Callable[[], Path]]]:
    rows = [("Ola Nordmann", "x", "Eksempel skole", "01.02.2026")] * 10
    return [
        ("json array 100,000 deep", lambda: h.deep_json(tmp / "dyp.json", 100_000)),
        ("json object 100,000 deep", lambda: h.deep_json(tmp / "dyp_objekt.json", 100_000, "object")),
        (f"xlsx shared strings bomb ({bomb_mb} MB)", lambda: h.shared_strings_bomb(tmp / "sst.xlsx", bomb_mb)),
        (f"xlsx rows bomb ({bomb_mb} MB)", lambda: h.rows_bomb(tmp / "rader.xlsx", bomb_mb)),
        (f"xlsx one-cell bomb ({bomb_mb} MB)", lambda: h.one_cell_bomb(tmp / "celle.xlsx", bomb_mb)),
        ("xlsx stale dimension (A1:D2, 10 rows)", lambda: h.stale_dimension(tmp / "dimensjon.xlsx", rows)),
        ("xlsx billion laughs", lambda: h.entity_sheet(tmp / "latter.xlsx", "laughs")),
        ("xlsx external entity", lambda: h.entity_sheet(tmp / "ekstern.xlsx", "external")),
        ("csv over the size limit (151 MB)", lambda: h.big_csv(tmp / "for_stor.csv", 151)),
        ("csv one 2 MB cell", lambda: h.big_csv(tmp / "celle.csv", 0.1, "A" * (2 << 20) + ";x;y;z\r\n")),
        ("csv at the limits (100,000 valid rows)", lambda: _csv_at_limits(tmp / "grense.csv")),
        ("csv at the limits (97,000 invalid rows, 135 MB)",
         lambda: h.big_csv(tmp / "grense_feil.csv", 135, "Ola Nordmann;x;" + "E" * 1420 + ";01.02.2026\r\n")),
        ("xlsx at the limits (100,000 valid rows)", lambda: _xlsx_at_limits(tmp / "grense.xlsx")),
        ("json at the limits (100,000 valid records)", lambda: _json_at_limits(tmp / "grense.json")),
    ]


def _rows(count: int) -> Iterator[dict[str, str]]:
    rng = random.Random(2026)
    return (placement_row(rng, number) for number in range(count))


def _csv_at_limits(path: Path) -> Path:
    write_placements_csv(path, 100_000, seed=2026, encoding="utf-8")
    return path


def _xlsx_at_limits(path: Path) -> Path:
    """As Excel writes it: shared strings (openpyxl's write-only mode), not inline strings."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Ark1")
    for number, row in enumerate(_rows(100_000)):
        if number == 0:
            sheet.append(list(row))
        sheet.append(list(row.values()))
    book.save(path)
    return path


def _json_at_limits(path: Path) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        handle.write("[")
        for number, row in enumerate(_rows(100_000)):
            handle.write(("," if number else "") + json.dumps(row, ensure_ascii=False) + "\n")
        handle.write("]")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bomb-mb", type=int, default=1024, help="unpacked size of the zip bombs")
    parser.add_argument("--only", default="", help="run only cases whose name contains this")
    args = parser.parse_args()
    from pipeline.common.workspace import init_workspace

    context = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        workspace = init_workspace(tmp / "ws")
        print(f"{'case':48} {'file':>9} {'seconds':>8} {'peak RSS':>9}  outcome")
        for name, build in cases(tmp, args.bomb_mb):
            if args.only not in name:
                continue
            path = build()
            queue = context.Queue()
            process = context.Process(target=_measure, args=(str(workspace.root), str(path), queue))
            process.start()
            outcome, seconds, peak, base = queue.get()
            process.join()
            size = path.stat().st_size
            shown = f"{size / 1e6:.1f} MB" if size >= 1e5 else f"{size / 1e3:.1f} kB"
            print(f"{name:48} {shown:>9} {seconds:8.2f} {peak:6.0f} MB  {outcome[:150]}  (RSS at start {base:.0f} MB)")
            sys.stdout.flush()
            path.unlink()


if __name__ == "__main__":
    main()
