"""The inbox pages and til_signering/ at scale, measured.

A fresh workspace whose registry holds N cases (default 10,000: mixed status, tiltak and
units; two or three documents each, about a third waiting for a signed copy; politiattest
requirements and meeting dates), made directly through the project's registry code
(Registry.upsert_case/upsert_journal/upsert_version and the overview rows of
pipeline/pages/state.py), with a small archival «PDF» file per current version (no
LibreOffice). Then, each repeated --passes times (median shown):

1. `write_pages`: oversikt.html and ledige_plasser.html from the registry (target: under 2 s);
2. `sync` of til_signering/ with nothing changed (what every watcher refresh pays);
3. the first `sync` (every waiting PDF copied in), once.

Usage: python bench/pages_bench.py [--cases 10000] [--passes 5]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import shutil
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from pipeline.common.config import load_config
from pipeline.pages.til_signering import sync
from pipeline.pages import write_pages
from pipeline.archive.overview_state import CaseFacts, SigningState, ensure_tables, put_case, put_document
from pipeline.reading.places import Offer, save_offers
from pipeline.archive.registry import JournalRow, Registry
from pipeline.common.workspace import init_workspace

UNITS = [f"Enhet {i:03d}" for i in range(120)]
STATUSES = ["Ny", "Statusmøte avtalt", "Bekreftet", "Startet", "Avsluttet"]
TILTAK = ["arbeidstrening", "aktivitetsplass", "spraakpraksis", "arbeidspraksis", "trainee"]
DOCUMENTS = ["praksisavtale", "taushetsloefte", "oppfoelgingsplan"]


def build(config, cases: int, rng: random.Random) -> int:  # type: ignore[no-untyped-def]
    registry = Registry(config.workspace.registry)
    archive = config.workspace.archive
    waiting = 0
    today = date.today()
    try:
        ensure_tables(registry.db)
        with registry.transaction():
            for number in range(1, cases + 1):
                saksnummer = f"2026/{number}"
                start = today + timedelta(days=rng.randint(-200, 120))
                status = rng.choice(STATUSES)
                registry.upsert_case(saksnummer, 2026, number, f"s{number}", f"P-{number}", "h", status,
                                     rng.choice(TILTAK), rng.choice(UNITS), start.isoformat(),
                                     (start + timedelta(days=rng.randint(60, 300))).isoformat(), "Under behandling",
                                     "2026-01-01T00:00:00")
                put_case(registry.db, CaseFacts(saksnummer, f"Praktikant {number}", rng.random() < 0.4, None,
                                                rng.random() < 0.2, None, (start + timedelta(days=1)).isoformat(),
                                                (start + timedelta(days=60)).isoformat(),
                                                (start + timedelta(days=120)).isoformat()))
                for index, name in enumerate(DOCUMENTS[:rng.randint(2, 3)], start=1):
                    registry.upsert_journal(JournalRow(saksnummer, name, index, 2026, number * 4 + index, f"j{number}-{index}",
                                                       "Ferdigstilt"))
                    pending = rng.random() < 0.35
                    relative = f"2026/2026-{number:05d}/{index:03d}-{name}/v1/{name}.pdf"
                    data = f"%PDF-1.4 {saksnummer} {name} v1 ".encode() * 40
                    sha = hashlib.sha256(data).hexdigest()
                    if pending:
                        (archive / relative).parent.mkdir(parents=True, exist_ok=True)
                        (archive / relative).write_bytes(data)
                        waiting += 1
                    registry.upsert_version(saksnummer, name, 1, "f", "d", sha, "ny", "2026-01-01T00:00:00")
                    put_document(registry.db, saksnummer, name, SigningState(1, pending, ()), relative, sha)
    finally:
        registry.close()
    save_offers(config, [Offer(unit, rng.randint(0, 6), ["Oppgave A", "Oppgave B"], True, False, "Kontoret",
                               "post@example.com", "12345678", None, None, None) for unit in UNITS])
    return waiting


def timed(action, passes: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(passes):
        t0 = time.perf_counter()
        action()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--passes", type=int, default=5)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="praksis-pages-bench-"))
    try:
        config = load_config(init_workspace(tmp / "ws"))
        t0 = time.perf_counter()
        waiting = build(config, args.cases, random.Random(7))
        print(f"registry with {args.cases} cases ({waiting} documents waiting for a signed copy) built in "
              f"{time.perf_counter() - t0:.1f} s")
        config.inbox.mkdir(parents=True, exist_ok=True)
        registry = Registry(config.workspace.registry)
        try:
            t0 = time.perf_counter()
            first = sync(config, registry.db)
            print(f"til_signering/ first sync: {len(first.written)} PDFs copied in {time.perf_counter() - t0:.2f} s")
            steady = timed(lambda: sync(config, registry.db), args.passes)
            print(f"til_signering/ sync with nothing changed: median {steady:.3f} s over {args.passes} passes")
            shown = {}
            pages = timed(lambda: shown.update(n=write_pages(config, registry)), args.passes)
        finally:
            registry.close()
        size = (config.inbox / config.settings.innboks.oversikt).stat().st_size
        print(f"oversikt.html + ledige_plasser.html written: median {pages:.3f} s over {args.passes} passes "
              f"({shown['n']} open cases, {size / 1e6:.1f} MB) — target under 2 s")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
