"""One file from the inbox: ingest it, then show the outcome in the folders.

Order (so that nothing is lost and a crash at any point is completed by the next run):
1. the records are filed by `Ingest` (its own crash safety), and the input's SHA-256 is
   recorded in the registry with channel «innboks» once all of them are;
2. a rejected-rows file and its error list are written to avvist/, the receipt to behandlet/;
3. the original is moved (never over an existing name);
4. the registry notes the receipt: from then on the same bytes are a duplicate.
A file still in the inbox whose input is recorded without a receipt was interrupted between
1 and 4: it is processed again (idempotent: nothing is filed twice) and then moved.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime
from pathlib import Path

from ..common import faults
from ..archive.reindex import guard_registry
from ..common.config import Config
from ..convert import ConverterPool
from ..domain.identifiers import mask_numbers_in
from ..reading.limits import is_limit_message
from ..documents.planning import Outcome
from ..ingest import Ingest
from ..report.ingest import RecordOutcome
from ..archive.locking import WorkspaceBusy
from ..reading.places import is_places_sheet
from ..reading import SUPPORTED
from ..archive.registry import Registry
from ..validation.validator import FileResult
from ..common.workspace import private_temp
from ..inbox import receipts
from .entries import NotAFile, entry_kind, snapshot
from ..common.folders import free_name, move_no_clobber, write_text
from .places_intake import process_places
from ..common.names import shown
from .rejected_rows import write_rejected_rows
from .results import InboxOutcome, InboxResult
from ..pages.til_signering import waiting_by_case

log = logging.getLogger("praksis.watch")


class InboxProcessor:
    def __init__(self, config: Config, pool: ConverterPool) -> None:
        self.config = config
        self.texts = config.texts
        self.pool = pool
        settings = config.settings.innboks
        self.inbox = config.inbox
        self.done = self.inbox / settings.behandlet
        self.rejected = self.inbox / settings.avvist
        self.duplicates = self.inbox / settings.duplikater

    def process(self, path: Path, may_wait: bool = False) -> InboxResult:
        """`may_wait`: the file changed recently; if it cannot be read at all (a copy that
        stalled half-way), answer «venter» instead of rejecting it. The file is parsed once:
        by the ingest itself, which files nothing from a file it cannot read from the start."""
        started = time.perf_counter()
        received = datetime.now().astimezone().replace(microsecond=0)
        result = self._process(path, received, may_wait)
        result.seconds = time.perf_counter() - started
        return result

    def _process(self, path: Path, received: datetime, may_wait: bool = False) -> InboxResult:
        name = path.name
        kind = entry_kind(path)
        if kind is None:
            return InboxResult(InboxOutcome.FORSVANT, name)
        if kind != "":
            return self.set_aside(path, received, kind)
        if path.suffix.lower() in SUPPORTED:
            # read once, through the descriptor that was checked; from here on only the copy is read
            with private_temp(self.config.workspace, "innboks") as folder:
                try:
                    copy, sha = snapshot(path, folder)
                except FileNotFoundError:
                    return InboxResult(InboxOutcome.FORSVANT, name)
                except NotAFile as exc:  # swapped for a link or the like since it was looked at
                    return self.set_aside(path, received, exc.kind)
                return self._process_copy(path, copy, sha, received, may_wait)
        target = free_name(self.rejected, name)
        _ = self.texts
        reason = (_("Filtypen «{type}» støttes ikke.", type=path.suffix or _("(ingen)"))
                  + (_(" Lagre arket som .xlsx (Excel-arbeidsbok) eller CSV.")
                     if path.suffix.lower() in (".xls", ".ods", ".numbers") else "")
                  + (_(" Er dette et signert dokument? Legg det i mappen «{mappe}».",
                       mappe=self.config.settings.signering.mappe) if path.suffix.lower() == ".pdf" else ""))
        write_text(self.rejected / f"{target}.feil.txt", receipts.unsupported(name, received, reason, self.texts))
        moved = move_no_clobber(path, self.rejected, target)
        return InboxResult(InboxOutcome.USTOETTET, name, moved, self.rejected / f"{target}.feil.txt")

    def _process_copy(self, path: Path, copy: Path, sha: str, received: datetime, may_wait: bool) -> InboxResult:
        """The file whose bytes are in `copy` (SHA-256 `sha`): everything reads the copy; the
        entry `path` in the inbox is only moved at the end."""
        name = path.name
        earlier = self._earlier(sha)
        if earlier is not None and earlier["kanal"] == "innboks" and not earlier["kvittering"]:
            earlier["kvittering"] = self._find_receipt(sha)
        if earlier is not None and (earlier["kanal"] != "innboks" or earlier["kvittering"]):
            target = free_name(self.duplicates, name)
            notice = self.duplicates / f"{target}.duplikat.txt"
            write_text(notice, receipts.duplicate(name, sha, received, dict(earlier), self.texts))
            return InboxResult(InboxOutcome.DUPLIKAT, name, move_no_clobber(path, self.duplicates, target), notice)
        if is_places_sheet(copy, self.config.settings.grenser):  # «ledige plasser»: the units' offers, not placements
            return process_places(self, path, copy, sha, received)
        try:
            report = Ingest(self.config, progress=lambda message: log.debug(shown(message)), pool=self.pool,
                            channel="innboks", force=earlier is not None).run([copy])
        except WorkspaceBusy:
            return InboxResult(InboxOutcome.VENTER, name)
        file_result = report.files[0]
        if (may_wait and file_result.file_error and not report.outcomes
                and not is_limit_message(file_result.file_error)):
            return InboxResult(InboxOutcome.VENTER, name, wait=1.0)  # nothing read, nothing filed: perhaps still arriving
        filed = [o for o in report.outcomes if o.kind is not Outcome.AVVIST]
        rejected = [o for o in report.outcomes if o.kind is Outcome.AVVIST]
        if file_result.file_error or not filed:
            target = free_name(self.rejected, name)
            notice = self.rejected / f"{target}.feil.txt"
            write_text(notice, receipts.error_list(name, sha, received, file_result, rejected, None, self.texts))
            moved = move_no_clobber(path, self.rejected, target)
            self._receipt_written(sha, notice)
            return InboxResult(InboxOutcome.AVVIST, name, moved, notice, records=len(report.outcomes), rejected=len(rejected))
        target = free_name(self.done, name)
        rejected_file = self._rejected_rows(path, copy, sha, received, file_result, rejected, target) if rejected else None
        notice = self.done / f"{target}.kvittering.txt"
        done = datetime.now().astimezone().replace(microsecond=0)
        write_text(notice, receipts.receipt(name, sha, received, done, file_result, report.outcomes, report.documents,
                                            report.source_copies.get(str(copy)), rejected_file, self.texts,
                                            {name: self.config.documents.title(name) for name in self.config.settings.dokumenter},
                                            self._waiting({o.saksnummer for o in filed if o.saksnummer}),
                                            self.config.settings.innboks.til_signering))
        faults.crash_point("innboks-foer-flytting")
        moved = move_no_clobber(path, self.done, target)
        faults.crash_point("innboks-etter-flytting")
        self._receipt_written(sha, notice)
        cases = sorted({o.saksnummer for o in filed if o.saksnummer}, key=_case_order)
        return InboxResult(InboxOutcome.DELVIS if rejected else "behandlet", name, moved, notice, cases,
                           len(report.outcomes), len(rejected), report.documents)

    def set_aside(self, path: Path, received: datetime, kind: str, folder: Path | None = None) -> InboxResult:
        """A folder, link, FIFO or device in the inbox: moved (the entry itself, never what it
        points to) into avvist/ with a notice; never opened, followed or read."""
        rejected = folder or self.rejected
        target = free_name(rejected, path.name)
        notice = rejected / f"{target}.feil.txt"
        write_text(notice, receipts.not_a_file(path.name, received, kind, self.texts))
        return InboxResult(InboxOutcome.AVVIST, path.name, move_no_clobber(path, rejected, target), notice)

    def _rejected_rows(self, path: Path, copy: Path, sha: str, received: datetime, file_result: FileResult,
                       rejected: list[RecordOutcome], processed_as: str) -> str:
        """avvist/<name> with only the rejected rows (read from `copy`), and avvist/<name>.feil.txt."""
        target = free_name(self.rejected, path.name)
        formulas = write_rejected_rows(copy, {o.row for o in rejected if o.row is not None}, self.rejected / target)
        write_text(self.rejected / f"{target}.feil.txt",
                   receipts.error_list(target, sha, received, file_result, rejected,
                                       f"{self.done.name}/{processed_as}.kvittering.txt", self.texts,
                                       self.texts.render_all(formulas)))
        return f"{self.rejected.name}/{target}"

    def reconcile(self) -> None:
        """At start: note the receipts of files moved just before a crash (step 3 done, 4 not)."""
        registry = self._registry()
        try:
            waiting = registry.inputs_without_receipt()
        finally:
            registry.close()
        for sha in waiting:
            self._find_receipt(sha)

    def _find_receipt(self, sha: str) -> str | None:
        """The receipt of an earlier copy that was moved just before a crash kept the registry
        from noting it (then these bytes are a duplicate, not an interrupted file)."""
        for folder, pattern in ((self.done, "*.kvittering.txt"), (self.rejected, "*.feil.txt")):
            for notice in folder.glob(pattern):
                original = notice.with_name(notice.name.rsplit(".", 2)[0])
                if original.is_file() and f"SHA-256 {sha}" in notice.read_text(encoding="utf-8-sig"):
                    self._receipt_written(sha, notice)
                    return notice.relative_to(self.inbox).as_posix()
        return None

    def _waiting(self, cases: set[str]) -> dict[str, list[tuple[str, str]]]:
        """til_signering/ brought up to date, and what waits there for these cases."""
        registry = self._registry()
        try:
            return waiting_by_case(self.config, registry.db, cases)
        finally:
            registry.close()

    def _registry(self) -> Registry:
        guard_registry(self.config.workspace.registry)  # a damaged one is set aside (the next ingest rebuilds)
        return Registry(self.config.workspace.registry)

    def _earlier(self, sha: str) -> dict[str, str] | None:
        registry = self._registry()
        try:
            row = registry.input_seen(sha)
            return dict(row) if row else None
        finally:
            registry.close()

    def _receipt_written(self, sha: str, notice: Path) -> None:
        registry = self._registry()
        try:
            with registry.transaction():
                # the user's own file name may hold a fødselsnummer: the registry keeps it masked
                registry.receipt_written(sha, mask_numbers_in(notice.relative_to(self.inbox).as_posix()))
        finally:
            registry.close()


def _case_order(saksnummer: str) -> tuple[int, int]:
    year, _, number = saksnummer.partition("/")
    return int(year), int(number)
