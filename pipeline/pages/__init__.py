"""The inbox kept current for HR: til_signering/, oversikt.html and ledige_plasser.html.

`refresh` runs after every change (ingest, watch, signert, regenerate, reindex, and
`praksis oversikt` on demand). It reads the registry only (see state.py) and writes every
file atomically, so a reader never sees half a page and a crash leaves the previous one.
"""

from __future__ import annotations

import heapq
import logging
import os
import time
from dataclasses import dataclass
from datetime import datetime

from ..archive.store import ArchiveStore
from ..common.config import Config
from ..domain.identifiers import mask_numbers_in
from ..archive.registry import Registry
from ..common.workspace import atomic_write_bytes
from ..domain.texts import N_
from ..domain.record import Status
from . import model, render
from ..archive.overview_state import ensure_tables, record_case

log = logging.getLogger("praksis.sider")

RECENT = 25
NOTICES = ((".kvittering.txt", N_("behandlet")), (".feil.txt", N_("avvist")), (".duplikat.txt", N_("duplikat")))


@dataclass(frozen=True)
class RefreshResult:
    written: int
    removed: int
    set_aside: int
    cases: int
    seconds: float


def recent_files(config: Config, limit: int = RECENT) -> list[render.Processed]:
    """The newest receipts, error lists and duplicate notices in the inbox's folders."""
    settings = config.settings.innboks
    inbox = config.inbox
    signed = config.settings.signering.mappe
    folders = [(settings.behandlet, False), (settings.avvist, False), (settings.duplikater, False),
               (f"{signed}/{settings.behandlet}", True), (f"{signed}/{settings.avvist}", True)]
    found: list[tuple[float, str, str, str]] = []
    for relative, signed_copy in folders:
        try:
            entries = list(os.scandir(inbox / relative))
        except OSError:
            continue
        for entry in entries:
            for suffix, kind in NOTICES:
                if entry.name.endswith(suffix) and entry.is_file():
                    found.append((entry.stat().st_mtime, entry.name, f"{relative}/{entry.name}",
                                  N_("signert {utfall}", utfall=kind) if signed_copy else kind))
                    break
    newest = heapq.nlargest(limit, found)
    return [render.Processed(datetime.fromtimestamp(when, model.OSLO), mask_numbers_in(name.rsplit(".", 2)[0]),
                             path, kind) for when, name, path, kind in newest]


def write_pages(config: Config, registry: Registry) -> int:
    """oversikt.html and ledige_plasser.html from the registry; returns the open cases shown."""
    now = datetime.now(model.OSLO)
    today = now.date()
    settings = config.settings.innboks
    every = model.lacking(registry.db, config, today, open_only=False)
    cases = [c for c in every if c.status != Status.AVSLUTTET.value]
    # closed cases whose documents still wait in til_signering/: shown apart, so the page counts every file there
    closed = [c for c in every if c.status == Status.AVSLUTTET.value and any(d.waiting for d in c.documents)]
    try:
        present = set(os.listdir(config.inbox / settings.til_signering))
    except OSError:
        present = set()
    for case in cases + closed:  # a link only to a file that is there (a damaged archive copy is not)
        for lack in case.lacks:
            if lack.link is not None and lack.link not in present:
                lack.link = None
    from ..reading.places import load_offers  # openpyxl: imported only where the pages are written
    meetings = model.meetings(registry.db, cases, today)
    units = model.free_places(registry.db, load_offers(config), today)
    virksomhet = config.settings.virksomhet
    texts = _ = config.texts
    page = render.oversikt(_("Praksisplasser – oversikt for {virksomhet}", virksomhet=virksomhet.navn), now, cases,
                           closed, meetings, units, recent_files(config), settings.til_signering, texts)
    atomic_write_bytes(config.inbox / settings.oversikt, page.encode("utf-8"))
    public = render.ledige_plasser(virksomhet.navn, now, units, virksomhet.epost, texts)
    atomic_write_bytes(config.inbox / settings.ledige_plasser, public.encode("utf-8"))
    return len(cases)


def backfill(registry: Registry, store: ArchiveStore) -> int:
    """Fill the overview rows of cases that have none (a registry made before these tables
    existed): from their files, like `reindex` would. Returns how many were filled."""
    ensure_tables(registry.db)
    missing = [row[0] for row in registry.db.execute(
        "SELECT s.saksnummer FROM sak s LEFT JOIN oversikt_sak o ON o.saksnummer = s.saksnummer "
        "WHERE o.saksnummer IS NULL AND s.status IS NOT NULL")]
    filled = 0
    for saksnummer in missing:
        case = store.load_case(saksnummer)
        if case is not None:
            with registry.transaction():
                record_case(registry.db, store, case)
            filled += 1
    return filled


def refresh(config: Config) -> RefreshResult:
    """til_signering/ made equal to the registry, then both pages written."""
    from .til_signering import sync
    started = time.perf_counter()
    config.inbox.mkdir(parents=True, exist_ok=True)
    registry = Registry(config.workspace.registry)
    try:
        backfill(registry, ArchiveStore(config.workspace.archive))
        folder = sync(config, registry.db)
        cases = write_pages(config, registry)
    finally:
        registry.close()
    return RefreshResult(len(folder.written), len(folder.removed), len(folder.set_aside), cases,
                         time.perf_counter() - started)
