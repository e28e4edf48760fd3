"""`praksis watch`: the service that runs all day on the inbox.

A watchdog observer (inotify, or polling for network shares where inotify is silent) feeds
file names to the main thread; the main thread alone decides when a file is whole (see
stability.py) and processes files one at a time with a converter pool kept warm. A periodic
rescan catches what the observer missed. SIGINT/SIGTERM set `stop`: the file in hand is
finished, then the watcher stops.
"""

from __future__ import annotations

import logging
import os
import queue
import threading
import time
from datetime import datetime
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from ..archive.reindex import RegistryDamaged
from ..common.config import Config
from ..convert import ConverterPool, pool_from_config
from ..common.environment import machine_fault
from ..archive.locking import inbox_lock
from ..common.workspace import temp_root
from . import receipts
from .entries import entry_kind, lkind
from ..common.folders import free_name, move_no_clobber, write_text
from ..common.names import is_safe, shown
from .patterns import IgnoreRules
from .signed_folder import SignedFolder
from .processor import InboxProcessor
from .results import InboxOutcome, InboxResult
from ..signed.results import SignedOutcome, SignedResult
from .stability import StabilityTracker

log = logging.getLogger("praksis.watch")

FAILURE_RETRY = 30.0
MAX_ATTEMPTS = 3
"""An unexpected error (a bug, a full disk) is retried this many times, then the file is set aside."""


class _Events(FileSystemEventHandler):
    """Runs in the observer's thread: only hands file names over."""

    def __init__(self, names: queue.SimpleQueue[Path], wake: threading.Event) -> None:
        self.names, self.wake = names, wake

    def on_any_event(self, event: FileSystemEvent) -> None:
        # folders too (a dropped subfolder gets a notice); bytes paths decoded as the file
        # system does (undecodable bytes kept as surrogates, never an error here)
        for raw in (event.src_path, getattr(event, "dest_path", "")):
            if raw:
                self.names.put(Path(raw if isinstance(raw, str) else os.fsdecode(raw)))
        self.wake.set()


class InboxWatcher:
    processor: InboxProcessor
    """Made in `run`, once the converter pool is up."""

    def __init__(self, config: Config, polling: bool = False, pool: ConverterPool | None = None) -> None:
        self.config = config
        self.settings = config.settings.innboks
        self.inbox = config.inbox
        self.polling = polling
        self.pool = pool
        self._own_pool = pool is None
        # the pages praksis itself writes into the inbox are not input
        self.rules = IgnoreRules([*self.settings.ignorer, self.settings.oversikt, self.settings.ledige_plasser])
        self.tracker = StabilityTracker(self.settings.stabil_sekunder)
        self.names: queue.SimpleQueue[Path] = queue.SimpleQueue()
        self.wake = threading.Event()
        self.attempts: dict[Path, int] = {}
        self.unmovable: set[Path] = set()
        """Entries that could not be set aside (no permission): logged once, not every scan."""
        self.signed = self.inbox / config.settings.signering.mappe
        self.results: list[InboxResult] = []  # every outcome, for tests and the summary at exit
        self.signed_results: list[SignedResult] = []
        self.stop = threading.Event()
        self.started = threading.Event()
        """Set once the observer runs and the files already waiting have been queued."""

    def request_stop(self) -> None:
        """From a signal handler or another thread: finish the file in hand, then stop."""
        self.stop.set()
        self.wake.set()

    def run(self) -> None:
        """Watch until `request_stop`."""
        stop = self.stop
        for folder in (self.inbox, self.inbox / self.settings.behandlet, self.inbox / self.settings.avvist,
                       self.inbox / self.settings.duplikater, self.signed, self.signed / self.settings.behandlet,
                       self.signed / self.settings.avvist, self.signed / self.config.settings.signering.til_kontroll):
            folder.mkdir(parents=True, exist_ok=True)
        with inbox_lock(self.inbox):
            pool = self._start_converter()
            processor = self.processor = InboxProcessor(self.config, pool)
            processor.reconcile()
            self.intake = SignedFolder(self.config)
            observer = PollingObserver(timeout=1.0) if self.polling else Observer()
            handler = _Events(self.names, self.wake)
            observer.schedule(handler, str(self.inbox), recursive=False)
            observer.schedule(handler, str(self.signed), recursive=False)
            observer.start()
            try:
                self._scan()
                self._refresh_pages()
                self._log_start()
                self.started.set()
                next_scan = time.monotonic() + self.settings.ny_gjennomgang_sekunder
                while not stop.is_set():
                    if time.monotonic() >= next_scan:
                        self._scan()
                        next_scan = time.monotonic() + self.settings.ny_gjennomgang_sekunder
                    self._drain()
                    for path in self.tracker.ready():
                        if stop.is_set():
                            break
                        self._take(path, processor)
                        self._drain()
                    due = self.tracker.next_due()
                    wait = min(due if due is not None else 3600.0, max(0.0, next_scan - time.monotonic()))
                    self.wake.wait(max(wait, 0.05))
                    self.wake.clear()
            finally:
                # watchdog logs a harmless ERROR when events arrive while its thread stops
                logging.getLogger("watchdog.observers.inotify").setLevel(logging.CRITICAL)
                observer.stop()
                observer.join()
                if self._own_pool:
                    pool.close()
        log.info("stoppet: %d fil(er) behandlet denne økten", len(self.results))

    def _start_converter(self) -> ConverterPool:
        if self.pool is None:
            settings = self.config.settings.konvertering
            started = time.perf_counter()
            self.pool = pool_from_config(settings, temp_root(self.config.workspace))
            self.pool.start()
            log.info("LibreOffice klar: %d omformer(e), PDF/A-%s (%.1f s)", settings.instanser, settings.pdfa,
                     time.perf_counter() - started)
        return self.pool

    def _log_start(self) -> None:
        workspace = self.config.workspace
        log.info("praksis watch følger med på %s og %s (%s); arkiv %s; oppsett %s; stabil etter %.1f s; "
                 "ny gjennomgang hvert %.0f s; %d fil(er) venter",
                 self.inbox, self.signed.name + "/", "polling" if self.polling else "inotify", workspace.archive,
                 workspace.config_file,
                 self.settings.stabil_sekunder, self.settings.ny_gjennomgang_sekunder, len(self.tracker.candidates))

    # --- seeing files --------------------------------------------------------------------------

    def _wanted(self, path: Path) -> bool:
        if path.parent == self.inbox:
            own = (self.settings.behandlet, self.settings.avvist, self.settings.duplikater, self.signed.name,
                   self.settings.til_signering)
        elif path.parent == self.signed:
            own = (self.settings.behandlet, self.settings.avvist, self.config.settings.signering.til_kontroll)
        else:
            return False
        return path.name not in own and not self.rules.ignored(path.name)

    def _consider(self, path: Path) -> None:
        """An entry of the inbox or signert/, looked at without following it: an ordinary file
        is watched until stable; anything else is set aside with a notice at once."""
        kind = lkind(path)
        if kind:
            self._set_aside(path, kind)
        else:
            self.tracker.see(path)  # (gone: forgotten)

    def _set_aside(self, path: Path, kind: str) -> None:
        self.tracker.forget(path)
        received = datetime.now().astimezone().replace(microsecond=0)
        try:
            result = self.processor.set_aside(path, received, kind, path.parent / self.settings.avvist)
        except FileNotFoundError:
            return
        except OSError as exc:
            if path not in self.unmovable:
                self.unmovable.add(path)
                log.error("kan ikke flytte %s (%s) til %s: %s", shown(path.name), kind, self.settings.avvist,
                          exc.strerror)
            return
        self.results.append(result)
        log.warning("avvist %s: %s, ikke en vanlig fil; flyttet urørt til %s/", shown(path.name), kind,
                    self.settings.avvist)

    def _safe(self, path: Path) -> Path:
        """A file whose name cannot be written in a receipt, a log or the registry as it is
        (not UTF-8, a line break, too long, a fødselsnummer) is first renamed in its folder."""
        if is_safe(path.name):
            return path
        target = free_name(path.parent, path.name)
        moved = move_no_clobber(path, path.parent, target)
        self.tracker.forget(path)
        log.warning("omdøpt «%s» til «%s» (navnet kan ikke brukes som det er)", shown(path.name), shown(target))
        return moved

    def _scan(self) -> None:
        """List the inbox (at start, and now and then for events that were missed)."""
        try:
            entries = list(self.inbox.iterdir())
        except OSError as exc:
            log.error("kan ikke lese innboksen %s: %s", self.inbox, exc.strerror)
            return
        try:
            entries += list(self.signed.iterdir())
        except OSError:
            pass
        for path in entries:
            if self._wanted(path):
                self._consider(path)

    def _drain(self) -> None:
        while True:
            try:
                path = self.names.get_nowait()
            except queue.Empty:
                return
            if self._wanted(path):
                self._consider(path)

    # --- taking a file -------------------------------------------------------------------------

    def _in_grace(self, path: Path) -> bool:
        """Whether a stable file that cannot be read yet (perhaps still arriving) may still wait."""
        return self.tracker.since_change(path) < self.settings.uleselig_vent_sekunder

    def _take(self, path: Path, processor: InboxProcessor) -> None:
        """A stable file: a sheet from the inbox, or a signed copy from signert/."""
        kind = entry_kind(path)
        if kind is None:
            self.tracker.forget(path)
            return
        if kind:
            self._set_aside(path, kind)
            return
        signed = path.parent == self.signed
        try:
            grace = self._in_grace(path)
            path = self._safe(path)
            if signed:  # read once, through the checked descriptor, like a sheet (the ingest or take answers «venter»)
                parts = [p for p in self.signed.iterdir() if self._wanted(p) and lkind(p) == "" and is_safe(p.name)]
                result: InboxResult | SignedResult = self.intake.take(path, parts, may_wait=grace)
            else:
                result = processor.process(path, may_wait=grace)
        except FileNotFoundError:
            self.tracker.forget(path)
            return
        except Exception as exc:  # noqa: BLE001 - a bad file or a bug must never stop the watcher
            fault = machine_fault(exc, self.config.workspace.registry)
            if fault is not None or isinstance(exc, RegistryDamaged):  # not the file's fault: it waits
                log.error("%s Filen %s venter i innboksen; prøver igjen om %.0f s.",
                          fault.message if fault else exc.message, shown(path.name), FAILURE_RETRY)
                self.tracker.postpone(path, FAILURE_RETRY)
                return
            self._failed(path, exc)
            return
        if result.outcome in (InboxOutcome.VENTER, SignedOutcome.VENTER):  # the workspace is busy, or the other parts may still come
            log.info("venter %.0f s: %s", result.wait, shown(path.name))
            self.tracker.see(path)
            self.tracker.postpone(path, result.wait + 0.05)
            return
        self.tracker.forget(path)
        self.attempts.pop(path, None)
        if result.outcome not in (InboxOutcome.FORSVANT, SignedOutcome.FORSVANT):
            (self.signed_results if signed else self.results).append(result)  # type: ignore[arg-type]
            (log.warning if result.outcome in (InboxOutcome.AVVIST, InboxOutcome.USTOETTET, InboxOutcome.DELVIS,
                                               SignedOutcome.AVVIST) else log.info)(result.log_line())
            self._refresh_pages()

    def _refresh_pages(self) -> None:
        """til_signering/ and the pages after every file (a failure is logged: the watcher goes on)."""
        from ..pages import refresh
        try:
            result = refresh(self.config)
            log.debug("oversikten oppdatert: %d åpne saker, %d lagt i og %d fjernet fra til_signering/ (%.2f s)",
                      result.cases, result.written, result.removed, result.seconds)
        except Exception as exc:  # noqa: BLE001 - the page is a view: it must never stop the watcher
            log.error("kunne ikke oppdatere oversikten: %s", type(exc).__name__)

    def _failed(self, path: Path, exc: Exception) -> None:
        """Log the error (its type and message only: no record values) and retry later; after
        MAX_ATTEMPTS the file is set aside in avvist/ with an explanation."""
        attempts = self.attempts.get(path, 0) + 1
        self.attempts[path] = attempts
        log.error("feil ved %s (forsøk %d av %d): %s", shown(path.name), attempts, MAX_ATTEMPTS,
                  type(exc).__name__)
        log.debug("detaljer", exc_info=exc)
        if attempts < MAX_ATTEMPTS:
            self.tracker.postpone(path, FAILURE_RETRY)
            return
        self.tracker.forget(path)
        self.attempts.pop(path, None)
        try:
            rejected = path.parent / self.settings.avvist  # inbox/avvist/ or signert/avvist/
            target = free_name(rejected, path.name)
            write_text(rejected / f"{target}.feil.txt", receipts.internal_error(
                path.name, datetime.now().astimezone(), type(exc).__name__, MAX_ATTEMPTS, self.config.texts))
            move_no_clobber(path, rejected, target)
            log.error("satt til side i %s: %s", rejected.name, shown(path.name))
        except OSError as move_error:
            log.error("kunne ikke flytte %s: %s", shown(path.name), move_error.strerror)
