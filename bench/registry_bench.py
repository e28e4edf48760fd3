"""What guarding the registry costs: opening it (SQLite quick_check + the comparison of every
case folder on disk with the registry) at 1,000 / 10,000 / 50,000 cases, and rebuilding it
from the files when it is lost.

The registry is filled directly (a case row, three journal posts, three versions and six
events per case, as a real case has) and each case gets its folder with a saksmappe.json, so
the figures are for the registry and folders of that many cases, without making documents.

Usage: python bench/registry_bench.py [--cases 1000 10000 50000] [--passes 5]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from pipeline.archive.reindex import open_registry, unknown_case_folders
from pipeline.archive.store import ArchiveStore
from pipeline.archive.registry import JournalRow, Registry
from pipeline.common.workspace import Workspace


def fill(root: Path, cases: int) -> None:
    registry = Registry(root / "registry.sqlite")
    store = ArchiveStore(root / "archive")
    with registry.transaction():
        for n in range(1, cases + 1):
            saksnummer = f"2026/{n}"
            registry.upsert_case(saksnummer, 2026, n, str(uuid.uuid4()), f"PB-{n:06d}", "h" * 32, "Startet",
                                 "arbeidstrening", "Enhet", "2026-01-05", "2026-06-30", "Under behandling",
                                 "2026-01-01T00:00:00")
            for j, dokument in enumerate(("praksisavtale", "taushetsloefte", "oppfoelgingsplan"), start=1):
                registry.upsert_journal(JournalRow(saksnummer, dokument, j, 2026, 3 * n + j, str(uuid.uuid4()),
                                                   "Journalført"))
                registry.upsert_version(saksnummer, dokument, 1, "f" * 64, "d" * 64, "p" * 64, "Første versjon.",
                                        "2026-01-01T00:00:00")
            for e in range(6):
                registry.index_event(str(uuid.uuid4()), saksnummer, "2026-01-01T00:00:00", "arkivert")
            folder = store.case_folder(saksnummer)
            folder.mkdir(parents=True)
            (folder / "saksmappe.json").write_text(json.dumps({"saksnummer": saksnummer}), encoding="utf-8")
        registry.next_number("sak", 2026)
    registry.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, nargs="+", default=[1000, 10000, 50000])
    parser.add_argument("--passes", type=int, default=5)
    args = parser.parse_args()
    print(f"{'saker':>7} {'register MB':>11} {'åpne (median s)':>16} {'herav sammenlign mapper':>24}")
    for cases in args.cases:
        root = Path(tempfile.mkdtemp(prefix="praksis-registry-bench-"))
        try:
            fill(root, cases)
            workspace = Workspace(root)
            size = (root / "registry.sqlite").stat().st_size / 1e6
            opens, compares = [], []
            for _ in range(args.passes):
                started = time.perf_counter()
                registry = open_registry(workspace)
                opens.append(time.perf_counter() - started)
                started = time.perf_counter()
                assert unknown_case_folders(ArchiveStore(root / "archive"), registry) == []
                compares.append(time.perf_counter() - started)
                registry.close()
            print(f"{cases:>7} {size:>11.1f} {statistics.median(opens):>16.3f} {statistics.median(compares):>24.3f}")
        finally:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
