"""Validate a generated CSV of many placements; print rows/s and peak memory.

Usage: python bench/validate_bench.py [--rows 100000] [--passes 5]
Target (issue 2): at least 20,000 rows/s on one core, peak RSS under 150 MB.

Each pass validates the whole file with a new Validator (its value caches start empty, as in
a real run), streaming: results are counted, not kept. Timings on shared machines vary from
minute to minute, so every pass is printed, then the median and the best; rows/s is given
for wall-clock time and for the CPU time of this process (validation uses one core).
To compare two versions of the code, count instructions instead: bench/validate_instructions.py.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from pipeline.common.config import Config, load_config
from workspaces import roomy_workspace
from pipeline.domain.synthetic import write_placements_csv
from pipeline.validation.validator import FileResult, Validator


def validate_once(config: Config, data: Path) -> tuple[int, int, float, float]:
    """(valid, invalid, wall seconds, CPU seconds) for one pass over `data`."""
    validator = Validator(config)
    result = FileResult(str(data))
    valid = invalid = 0
    wall, cpu = time.perf_counter(), time.process_time()
    for record in validator.iter_file(data, result):
        if record.valid:
            valid += 1
        else:
            invalid += 1
    return valid, invalid, time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--passes", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workspace = roomy_workspace(Path(tmp) / "ws", args.rows)
        config = load_config(workspace)
        data = Path(tmp) / "stor.csv"
        t0 = time.perf_counter()
        write_placements_csv(data, args.rows, seed=2026, encoding="cp1252")
        size = data.stat().st_size / 1e6
        print(f"generated {args.rows} rows ({size:.1f} MB, ';', Windows-1252) in {time.perf_counter() - t0:.1f} s")
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        walls: list[float] = []
        cpus: list[float] = []
        for number in range(1, args.passes + 1):
            valid, invalid, wall, cpu = validate_once(config, data)
            walls.append(wall)
            cpus.append(cpu)
            print(f"pass {number}: {valid + invalid} rows ({valid} valid, {invalid} invalid) in {wall:.2f} s: "
                  f"{(valid + invalid) / wall:,.0f} rows/s (CPU time {(valid + invalid) / cpu:,.0f} rows/s)")
            sys.stdout.flush()
        rows = args.rows
        print(f"rows/s: median {rows / statistics.median(walls):,.0f}, best {rows / min(walls):,.0f} "
              f"(CPU time: median {rows / statistics.median(cpus):,.0f}, best {rows / min(cpus):,.0f})")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak RSS: {peak:.0f} MB (before validating: {rss_before:.0f} MB)")


if __name__ == "__main__":
    main()
