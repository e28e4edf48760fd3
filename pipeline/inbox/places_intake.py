"""A free-places sheet dropped in the inbox: validated, stored, answered like a placement sheet
(receipt in behandlet/, rejected rows and their error list in avvist/, original moved last)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Protocol

from ..common.config import Config
from ..domain.texts import Texts
from ..domain.identifiers import mask_numbers_in
from ..reading.places import error_list, read_places, receipt, save_offers
from ..archive.registry import Registry
from ..common.folders import free_name, move_no_clobber, write_text
from .rejected_rows import write_rejected_rows
from .results import InboxOutcome, InboxResult


class Folders(Protocol):
    """Where the answer goes (the sheet processor's folders)."""

    config: Config
    texts: Texts
    inbox: Path
    done: Path
    rejected: Path


def process_places(processor: Folders, path: Path, copy: Path, sha: str, received: datetime) -> InboxResult:
    """Store the valid offers, then answer in the folders. Storing is idempotent (the same
    offers again replace themselves), so a crash before the move is completed by a re-run.
    `copy` holds the file's bytes as read (entries.snapshot); `path` is the entry that is moved."""
    name = path.name
    result = read_places(copy, processor.config, received)
    if result.file_error or not result.offers:
        target = free_name(processor.rejected, name)
        notice = processor.rejected / f"{target}.feil.txt"
        write_text(notice, error_list(name, sha, received, result, None, processor.texts))
        moved = move_no_clobber(path, processor.rejected, target)
        return InboxResult(InboxOutcome.AVVIST, name, moved, notice, records=len(result.rejected_rows),
                           rejected=len(result.rejected_rows), rows="enhet(er) med ledige plasser")
    save_offers(processor.config, [offer for _row, offer in result.offers])
    target = free_name(processor.done, name)
    rejected_file = None
    if result.errors:
        rejected_name = free_name(processor.rejected, name)
        write_rejected_rows(copy, result.rejected_rows, processor.rejected / rejected_name)
        write_text(processor.rejected / f"{rejected_name}.feil.txt",
                   error_list(rejected_name, sha, received, result, f"{processor.done.name}/{target}.kvittering.txt",
                              processor.texts))
        rejected_file = f"{processor.rejected.name}/{rejected_name}"
    notice = processor.done / f"{target}.kvittering.txt"
    write_text(notice, receipt(name, sha, received, result, rejected_file, processor.texts))
    moved = move_no_clobber(path, processor.done, target)
    registry = Registry(processor.config.workspace.registry)
    try:
        with registry.transaction():
            registry.record_input(sha, mask_numbers_in(name), received.isoformat(timespec="seconds"),
                                  len(result.offers) + len(result.rejected_rows), len(result.offers), "innboks")
            registry.receipt_written(sha, mask_numbers_in(notice.relative_to(processor.inbox).as_posix()))
    finally:
        registry.close()
    return InboxResult(InboxOutcome.DELVIS if result.errors else InboxOutcome.BEHANDLET, name, moved, notice, [],
                       len(result.offers) + len(result.rejected_rows), len(result.rejected_rows), 0,
                       rows="enhet(er) med ledige plasser")
