"""inbox/signert/ and its til_kontroll/: the folder side of signed copies, beside the sheet
processor. The library call is `signed.intake.SignedIntake` (examine, file); this handler
moves what it handled, writes the receipts and notes, and keeps the review folder.

    signert/             a stable file: filed with the other parts of its scan once their wait
                         is over (→ behandlet/ with a receipt), or → avvist/ with the reason
    signert/til_kontroll a copy praksis will not trust on its own, with a note; settled by
                         `praksis signert godkjenn/avvis` (approve, reject)

Under the watcher every part in signert/ is read once, through the descriptor that was checked
(`entries.snapshot`), into a private copy under its own name; only the copies are examined,
hashed and filed, and the entries in signert/ are only moved. A part swapped for a symlink
between the watcher's check and the read is set aside unread, never followed.
"""

from __future__ import annotations

import getpass
import os
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..archive.events import event
from ..common.config import Config
from ..common.errors import ConfigError
from ..common.folders import free_name, move_no_clobber, write_text
from ..common.workspace import copy_file, private_temp, sha256_file
from ..documents.identity import DocumentIdentity
from ..domain.identifiers import mask_numbers_in
from ..signed.identify import Identification, identify
from ..signed.inspect import SignedRejected
from ..signed.intake import SignedIntake
from ..signed.results import SignedOutcome, SignedResult
from . import receipts
from .entries import NotAFile, snapshot

NOTE = ".kontroll.txt"
"""The note beside a file in til_kontroll/: why it waits, and the commands that settle it."""


class ReviewError(ConfigError):
    """`praksis signert godkjenn/avvis` on a file that is not waiting for review."""


def _who() -> str:
    """The account of the person confirming or rejecting (for the case's event log)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "ukjent bruker"


@dataclass(frozen=True)
class _Taken:
    """A part in signert/ (`entry`, only moved) and its private copy (`copy`, what is read)."""

    entry: Path
    copy: Path
    sha: str


class SignedFolder:
    """Signed copies handled in the inbox's folders, over the library call `SignedIntake`."""

    def __init__(self, config: Config, intake: SignedIntake | None = None) -> None:
        self.config = config
        self.settings = config.settings.signering
        self.intake = intake or SignedIntake(config)
        self._future: dict[tuple[Path, float], float] = {}
        """Parts dated in the future (a wrong clock): when they were first seen, which counts instead."""

    def file_given(self, paths: list[Path]) -> list[SignedResult]:
        """`praksis signert FIL…`: each file filed (the parts of one scan together); a copy praksis
        will not trust on its own is copied to til_kontroll/ with a note, the original left."""
        results: list[SignedResult] = []
        groups: dict[DocumentIdentity, tuple[Identification, list[Path]]] = {}
        for path in paths:
            try:
                if not path.is_file():
                    raise SignedRejected("Filen finnes ikke.")
                identification, signed = self.intake.examine(path)
            except SignedRejected as exc:
                results.append(SignedResult(SignedOutcome.AVVIST, [path.name], message=exc.message))
                continue
            if signed:
                results.append(self.intake.safely(lambda: self.intake.file([path], identification, True), [path]))
            else:
                assert identification.identity is not None
                groups.setdefault(identification.identity, (identification, []))[1].append(path)
        for identification, parts in groups.values():
            result = self.intake.safely(lambda: self.intake.file(parts, identification, False), parts)
            if result.outcome is SignedOutcome.KONTROLL:
                result.identity = identification.identity
                self._to_review([(part, sha256_file(part)) for part in parts], result, keep=True)
            results.append(result)
        return results


    # --- review by a person: signert/til_kontroll/ ----------------------------------------------

    @property
    def review_folder(self) -> Path:
        return self.config.inbox / self.settings.mappe / self.settings.til_kontroll

    def _to_review(self, parts: list[tuple[Path, str]], result: SignedResult, keep: bool) -> None:
        """Copy (`keep`, from the command) or move (from the watcher) the parts (path, SHA-256)
        into til_kontroll/ with a note each, and log it in the case; they stay in `praksis mangler`
        meanwhile."""
        identity = result.identity
        assert identity is not None and result.message is not None
        folder = self.review_folder
        folder.mkdir(parents=True, exist_ok=True)
        moved = []
        for part, sha in parts:
            waiting = self._waiting_copy(part, sha) if keep else None  # given again: the copy already there
            name = waiting.name if waiting else free_name(folder, part.name)
            if keep and waiting is None:
                copy_file(part, folder / name)
            elif not keep:
                move_no_clobber(part, folder, name)
            self.intake.forget(part.name, sha)
            write_text(folder / f"{name}{NOTE}", receipts.signed_review(name, identity, result.message,
                                                                       datetime.now().astimezone(), self.config.texts))
            moved.append((name, sha))
        result.names = [name for name, _sha in moved]
        self.intake.log(identity, [event(identity.saksnummer or "", "signert til kontroll", f"{identity.id}|{sha}",
                                   dokument=identity.dokumenttype, signerer_versjon=identity.versjon,
                                   fil=mask_numbers_in(name), sjekksum=sha, grunn=result.message)
                             for name, sha in moved])

    def _waiting_copy(self, part: Path, sha: str) -> Path | None:
        """The file in til_kontroll/ with these very bytes, if any."""
        size = part.stat().st_size
        for other in self.review_folder.iterdir():
            if other.is_file() and not other.name.endswith(NOTE) and other.stat().st_size == size \
                    and sha256_file(other) == sha:
                return other
        return None

    def _in_review(self, path: Path) -> Path:
        """A file in til_kontroll/, given by its path or its name there."""
        candidate = path if path.is_file() else self.review_folder / path.name
        if not candidate.is_file() or candidate.resolve().parent != self.review_folder.resolve():
            raise ReviewError(f"Fant ikke «{path.name}» i {self.review_folder}. Filene som venter på kontroll "
                              f"ligger der; oppgi en av dem.")
        return candidate

    def approve(self, path: Path, reason: str) -> SignedResult:
        """`praksis signert godkjenn FIL`: a person has looked at the scan and vouches for it."""
        path = self._in_review(path)
        received = datetime.now().astimezone().replace(microsecond=0)
        try:
            identification, signed = self.intake.examine(path)
        except SignedRejected as exc:
            raise ReviewError(f"«{path.name}» kan ikke arkiveres: {exc.message}") from None
        review = {"av": _who(), "grunn": reason or "kontrollert og godkjent"}
        result = self.intake.file([path], identification, signed, review=review)
        (path.parent / f"{path.name}{NOTE}").unlink(missing_ok=True)
        self._done([path], result, received, path.parent.parent / self.config.settings.innboks.behandlet)
        return result

    def reject(self, path: Path, reason: str) -> SignedResult:
        """`praksis signert avvis FIL --grunn …`: not a signed copy; set aside and logged in the case."""
        path = self._in_review(path)
        received = datetime.now().astimezone().replace(microsecond=0)
        identification = identify(path)
        identity = identification.identity
        sha = sha256_file(path)
        if identity is not None:
            self.intake.log(identity, [event(identity.saksnummer or "", "signert avvist", f"{identity.id}|{sha}",
                                       dokument=identity.dokumenttype, signerer_versjon=identity.versjon,
                                       fil=mask_numbers_in(path.name), sjekksum=sha, grunn=reason, av=_who())])
        message = f"Avvist ved kontroll av {_who()}: {reason}"
        (path.parent / f"{path.name}{NOTE}").unlink(missing_ok=True)
        self._reject([path], message, received, path.parent.parent / self.config.settings.innboks.avvist)
        self.intake.forget(path.name, sha)
        return SignedResult(SignedOutcome.AVVIST, [path.name], identity, identity.saksnummer if identity else None,
                            message=message)

    # --- the watcher: inbox/signert/ --------------------------------------------------------------

    def take(self, path: Path, folder_files: list[Path], may_wait: bool = False) -> SignedResult:
        """One file in signert/ is stable: file it (with the other parts of its document) when
        their wait is over, or say how long to wait; move what was handled. Each part is read
        once into a private copy (`snapshot`); the copies are examined and filed, under the same
        names. `may_wait`: the file changed recently; if it cannot be read yet (a copy that
        stalled half-way), answer «venter» instead of rejecting it."""
        received = datetime.now().astimezone().replace(microsecond=0)
        with private_temp(self.config.workspace, "signert") as folder:
            try:
                copy, sha = snapshot(path, folder)
            except FileNotFoundError:
                return SignedResult(SignedOutcome.FORSVANT, [path.name])
            except NotAFile as exc:  # swapped for a link or the like since the watcher looked at it
                return self._set_aside(path, exc.kind, received)
            return self._take(_Taken(path, copy, sha), folder_files, folder, received, may_wait)

    def _take(self, first: _Taken, folder_files: list[Path], folder: Path, received: datetime,
              may_wait: bool) -> SignedResult:
        try:
            identification, signed = self.intake.examine(first.copy, first.sha)
        except SignedRejected as exc:
            if may_wait:
                self.intake.forget(first.entry.name, first.sha)  # the rest may still come
                return SignedResult(SignedOutcome.VENTER, [first.entry.name],
                                    wait=min(1.0, self.config.settings.innboks.uleselig_vent_sekunder))
            self._reject([first.entry], exc.message, received)
            self.intake.forget(first.entry.name, first.sha)
            return SignedResult(SignedOutcome.AVVIST, [first.entry.name], message=exc.message)
        parts = [first]
        if not signed:
            for other in folder_files:
                if other == first.entry:
                    continue
                try:
                    copy, sha = snapshot(other, folder)
                    other_id, other_signed = self.intake.examine(copy, sha)
                except (NotAFile, SignedRejected, OSError):
                    continue  # gone, unreadable, or no longer a file: taken (or set aside) on its own turn
                if not other_signed and other_id.identity == identification.identity:
                    parts.append(_Taken(other, copy, sha))
            newest = max(self._arrived(p.entry) for p in parts)
            remaining = self.settings.vent_sekunder - (time.time() - newest)
            if remaining > 0:
                return SignedResult(SignedOutcome.VENTER, [p.entry.name for p in parts], identification.identity,
                                    wait=remaining)
        copies = [p.copy for p in parts]
        result = self.intake.safely(lambda: self.intake.file(copies, identification, signed), copies)
        entries = [p.entry for p in parts]
        if result.outcome is SignedOutcome.AVVIST:
            self._reject(entries, result.message or "", received)
        elif result.outcome is SignedOutcome.KONTROLL:
            result.identity = identification.identity
            self._to_review([(p.entry, p.sha) for p in parts], result, keep=False)
        else:
            self._done(entries, result, received)
        for part in parts:
            self.intake.forget(part.entry.name, part.sha)
        return result

    def _set_aside(self, path: Path, kind: str, received: datetime) -> SignedResult:
        """A part that turned out not to be an ordinary file when it was read (a link swapped
        in after the check): the entry itself moved to avvist/ with a notice; never followed."""
        target_folder = path.parent / self.config.settings.innboks.avvist
        name = free_name(target_folder, path.name)
        message = receipts.not_a_file(path.name, received, kind, self.config.texts)
        write_text(target_folder / f"{name}.feil.txt", message)
        move_no_clobber(path, target_folder, name)
        return SignedResult(SignedOutcome.AVVIST, [path.name], message=self.config.texts.render(kind))

    def _arrived(self, part: Path) -> float:
        """When a part came: its modification time, or, if that lies in the future, the moment it
        was first seen (else it would wait for decades)."""
        mtime = os.lstat(part).st_mtime  # the entry's own time; a link is never followed
        now = time.time()
        if mtime <= now:
            return mtime
        return self._future.setdefault((part, mtime), now)

    def _done(self, parts: list[Path], result: SignedResult, received: datetime, target: Path | None = None) -> None:
        target = target or parts[0].parent / self.config.settings.innboks.behandlet
        text = receipts.signed_receipt(result, received, self.config.texts)
        for part in parts:
            name = free_name(target, part.name)
            write_text(target / f"{name}.kvittering.txt", text)
            move_no_clobber(part, target, name)

    def _reject(self, parts: list[Path], message: str, received: datetime, target: Path | None = None) -> None:
        target = target or parts[0].parent / self.config.settings.innboks.avvist
        for part in parts:
            name = free_name(target, part.name)
            write_text(target / f"{name}.feil.txt", receipts.signed_error(part.name, message, received, self.config.texts))
            move_no_clobber(part, target, name)
