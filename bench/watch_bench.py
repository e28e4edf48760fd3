"""The watched inbox, measured: drop-to-archived latency and a burst of files.

1. Latency: a fresh workspace, a watcher with the default stability delay (1 s) and its
   converter warm; 50 times, one placement at status Bekreftet (its agreement or contract and
   the taushetsløfte) is renamed into the inbox, and the time until its receipt appears in
   behandlet/ is measured. Prints p50, p95 and max; and the same for drop to «page and folder
   current»: every PDF the receipt names in inbox/til_signering/ and the case on
   inbox/oversikt.html.
2. Burst: 200 files (one generated placement each, mixed tiltak and status) renamed into the
   inbox at once; prints the time until all are answered and checks that none was lost:
   200 originals in behandlet/ with 200 receipts, 200 cases, nothing left in the inbox,
   `verify` clean.

Usage: python bench/watch_bench.py [--drops 50] [--burst 200]
Target: p95 under 3 s with the default 1 s stability delay; the burst with no loss.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import re
import shutil
import statistics
import tempfile
import threading
import time
from pathlib import Path

from pipeline.archive.fixity import verify_workspace
from pipeline.common.config import load_config
from pipeline.inbox.watcher import InboxWatcher
from pipeline.archive.registry import Registry
from pipeline.domain.synthetic import placement_row
from pipeline.common.workspace import init_workspace


def sheet(row: dict[str, str]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(row), delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    writer.writerow(row)
    return buffer.getvalue().encode("utf-8")


def rows_at(rng: random.Random, status: str | None, count: int, first: int) -> list[dict[str, str]]:
    found: list[dict[str, str]] = []
    number = first
    while len(found) < count:
        row = placement_row(rng, number)
        number += 1
        if status is None or row["status"] == status:
            found.append(row)
    return found


def wait_until(condition, timeout: float) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("timed out")
        time.sleep(0.005)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--drops", type=int, default=50)
    parser.add_argument("--burst", type=int, default=200)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="praksis-watch-bench-"))
    try:
        workspace = init_workspace(tmp / "ws")
        config = load_config(workspace)
        watcher = InboxWatcher(config)
        thread = threading.Thread(target=watcher.run, daemon=True)
        started = time.perf_counter()
        thread.start()
        watcher.started.wait(120)
        print(f"watcher ready (LibreOffice warm) in {time.perf_counter() - started:.1f} s; "
              f"stability delay {config.settings.innboks.stabil_sekunder} s")
        rng = random.Random(11)
        outside = tmp / "ut"
        outside.mkdir()
        done = workspace.inbox / "behandlet"

        latencies, current = [], []
        page = workspace.inbox / config.settings.innboks.oversikt
        folder = workspace.inbox / config.settings.innboks.til_signering
        for i, row in enumerate(rows_at(rng, "Bekreftet", args.drops, 0)):
            name = f"plass-{i:03}.csv"
            (outside / name).write_bytes(sheet(row))
            t0 = time.perf_counter()
            (outside / name).rename(workspace.inbox / name)
            wait_until(lambda: (done / f"{name}.kvittering.txt").exists(), 60)
            latencies.append(time.perf_counter() - t0)
            wait_until(lambda: len(watcher.results) > i, 60)
            case = watcher.results[i].cases[0]
            # the documents to sign depend on the tiltak (a trainee's is an arbeidsavtale): the receipt names them
            receipt = (done / f"{name}.kvittering.txt").read_text(encoding="utf-8")
            waiting = set(re.findall(rf"{case.replace('/', '-')}_[a-z_]+_v\d+\.pdf", receipt))
            if not waiting:
                raise SystemExit(f"the receipt of {name} names no document to sign:\n{receipt}")
            wait_until(lambda: all((folder / file).exists() for file in waiting)
                       and f">{case}<" in page.read_text(encoding="utf-8"), 60)
            current.append(time.perf_counter() - t0)
        documents = sum(r.documents for r in watcher.results)
        for label, values in (("drop to receipt", latencies), ("drop to page and til_signering/ current", current)):
            values.sort()
            p95 = values[max(0, round(0.95 * len(values)) - 1)]
            print(f"{label} over {len(values)} drops ({documents} documents): p50 {statistics.median(values):.2f} s, "
                  f"p95 {p95:.2f} s, max {values[-1]:.2f} s, min {values[0]:.2f} s")

        before = len(watcher.results)
        for i, row in enumerate(rows_at(rng, None, args.burst, 10_000)):
            (outside / f"burst-{i:03}.csv").write_bytes(sheet(row))
        t0 = time.perf_counter()
        for path in sorted(outside.glob("burst-*.csv")):
            path.rename(workspace.inbox / path.name)
        wait_until(lambda: len(watcher.results) - before >= args.burst, 3600)
        wall = time.perf_counter() - t0
        burst = watcher.results[before:]
        watcher.request_stop()
        thread.join(120)

        originals = [p for p in done.glob("burst-*.csv")]
        receipts = list(done.glob("burst-*.csv.kvittering.txt"))
        left = [p for p in workspace.inbox.iterdir() if p.is_file() and not p.name.startswith(".")
                and p.name not in (config.settings.innboks.oversikt, config.settings.innboks.ledige_plasser)]
        registry = Registry(workspace.registry)
        cases = registry.db.execute("SELECT count(*) FROM sak").fetchone()[0]
        registry.close()
        problems = verify_workspace(config).problems
        print(f"burst of {args.burst} files: all answered in {wall:.1f} s ({args.burst / wall:.1f} files/s, "
              f"{sum(r.documents for r in burst)} documents); outcomes "
              + ", ".join(f"{o} {sum(1 for r in burst if r.outcome == o)}" for o in sorted({r.outcome for r in burst})))
        print(f"no loss: {len(originals)} originals and {len(receipts)} receipts in behandlet/, "
              f"{cases} cases in total ({args.drops} + {args.burst} expected), {len(left)} files left in the inbox, "
              f"verify: {len(problems)} problems")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
