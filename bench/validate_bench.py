"""Validate a generated CSV of many placements; print rows/s and peak memory.

Usage: python bench/validate_bench.py [--rows 100000]
Target (issue 2): at least 20,000 rows/s on one core, peak RSS under 150 MB.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

from pipeline.config import load_config
from pipeline.synthetic import write_placements_csv
from pipeline.validation import FileResult, Validator
from pipeline.workspace import init_workspace


def write_csv(path: Path, rows: int) -> None:
    write_placements_csv(path, rows, seed=2026, encoding="cp1252")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workspace = init_workspace(Path(tmp) / "ws")
        config = load_config(workspace)
        data = Path(tmp) / "stor.csv"
        t0 = time.perf_counter()
        write_csv(data, args.rows)
        print(f"generated {args.rows} rows ({data.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - t0:.1f} s")
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        validator = Validator(config)
        result = FileResult(str(data))
        valid = invalid = 0
        t0 = time.perf_counter()
        for record in validator.iter_file(data, result):  # streamed: results are not kept
            if record.valid:
                valid += 1
            else:
                invalid += 1
        elapsed = time.perf_counter() - t0
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"validated {valid + invalid} rows ({valid} valid, {invalid} invalid) in {elapsed:.2f} s")
        print(f"rows/s: {(valid + invalid) / elapsed:,.0f}")
        print(f"peak RSS: {peak:.0f} MB (before validating: {rss_before:.0f} MB)")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
