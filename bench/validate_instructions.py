"""CPU instructions per validated row, counted by valgrind: a figure that does not depend on the minute.

Usage: python bench/validate_instructions.py [--rows 8000]
Needs valgrind (`apt-get install valgrind`); takes a few minutes (valgrind runs ~50x slower).

Wall-clock rows/s on a shared machine moves by ±20–30 % from minute to minute, which hides
the effect of most changes. Instruction counts repeat exactly for the same code and input.
Two sheets from the benchmark's generator, N and 2N rows, are each validated in a fresh
process under `valgrind --tool=callgrind` with PYTHONHASHSEED=0; the difference between the
two totals, divided by N, is the cost of one more row once the value caches are full (as in
most of a long sheet), without start-up, imports and the first rows. Compare a change by
running this before and after it.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from pipeline.domain.synthetic import write_placements_csv
from workspaces import roomy_workspace

_RUNNER = """
import sys
from pathlib import Path
from pipeline.common.config import load_config
from pipeline.validation.validator import FileResult, Validator
from pipeline.common.workspace import Workspace
data = Path(sys.argv[2])
validator = Validator(load_config(Workspace(Path(sys.argv[1]))))
sum(record.valid for record in validator.iter_file(data, FileResult(str(data))))
"""


def instructions(workspace: Path, data: Path) -> int:
    """Instructions callgrind counts for validating `data` in a fresh interpreter."""
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
         sys.executable, "-c", _RUNNER, str(workspace), str(data)],
        capture_output=True, text=True, env=env, check=True,
    )
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise SystemExit(f"valgrind gave no count:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=8000, help="N: sheets of N and 2N rows (default 8000)")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind mangler: installer det med «apt-get install valgrind».")
    with tempfile.TemporaryDirectory() as tmp:
        workspace = roomy_workspace(Path(tmp) / "ws", 2 * args.rows).root
        counts = []
        for rows in (args.rows, 2 * args.rows):
            data = Path(tmp) / f"{rows}.csv"
            write_placements_csv(data, rows, seed=2026, encoding="cp1252")
            counts.append(instructions(workspace, data))
            print(f"{rows} rows: {counts[-1]:,} instructions")
            sys.stdout.flush()
    print(f"instructions per row (rows {args.rows + 1}–{2 * args.rows}): {(counts[1] - counts[0]) // args.rows:,}")


if __name__ == "__main__":
    main()
