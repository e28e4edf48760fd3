"""Ingest a generated CSV of placements (mixed tiltak and status) into a fresh workspace.

Prints placements/s, documents/s, peak memory (this process; each LibreOffice instance is
a process of its own) and how wall time splits across the stages; then ingests the same
file again (skipped by its checksum) and once more with --tving (every record planned,
nothing to do).

Usage: python bench/ingest_bench.py [--placements 1000]
Targets: the stages outside render + convert under 15 % of wall time; a second ingest of
the same file under 5 s.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from pathlib import Path

from pipeline.common.config import load_config
from pipeline.ingest import Ingest
from pipeline.domain.synthetic import write_placements_csv
from pipeline.common.workspace import init_workspace

RENDER_AND_CONVERT = {"lag og konverter"}  # rendering overlaps conversion; start-up happens within it


def write_csv(path: Path, rows: int) -> None:
    write_placements_csv(path, rows, seed=4, encoding="utf-8-sig")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--placements", type=int, default=1000)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="praksis-ingest-bench-"))
    try:
        config = load_config(init_workspace(tmp / "ws"))
        source = tmp / "praksisplasser.csv"
        write_csv(source, args.placements)
        started = time.perf_counter()
        report = Ingest(config).run([source])
        wall = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        made = report.documents
        print(f"placements: {len(report.outcomes)} ({report.count('ny sak')} new cases, {report.count('avvist')} rejected)")
        print(f"documents archived: {made} (DOCX + PDF/A each)")
        print(f"wall time: {wall:.1f} s · {len(report.outcomes) / wall:.2f} placements/s · {made / wall:.2f} documents/s")
        print(f"peak RSS of the praksis process: {peak:.0f} MB")
        print("\nstage                       seconds   share")
        for stage, seconds in sorted(report.timings.items(), key=lambda item: -item[1]):
            print(f"{stage:<26}{seconds:>9.1f}{seconds / wall:>8.1%}")
        other = wall - sum(v for k, v in report.timings.items() if k in RENDER_AND_CONVERT)
        print("(«herav lag dokumenter» and «oppstart omformer» happen within «lag og konverter»)")
        print(f"{'outside render+convert':<26}{other:>9.1f}{other / wall:>8.1%}   (target < 15 %)")

        started = time.perf_counter()
        Ingest(load_config(config.workspace)).run([source])
        print(f"\nsecond ingest, same file (skipped by checksum): {time.perf_counter() - started:.2f} s (target < 5 s)")
        started = time.perf_counter()
        again = Ingest(load_config(config.workspace), force=True).run([source])
        print(f"same file with --tving (every record planned): {time.perf_counter() - started:.2f} s, "
              f"{again.count('ingen endring')} unchanged, {again.documents} documents made")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
