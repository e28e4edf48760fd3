"""Signed copies in: check, identify, group the parts of one document, merge, normalise, file.

Two ways in:
- `praksis signert FILE...`: the files given are all the parts there are; each document's
  parts are filed at once; the files themselves are left where they are (copied in);
- inbox/signert/ under `praksis watch`: a scanned part waits until no new part of the same
  document has come for `vent_sekunder`, then all parts are merged (in file-name order) and
  filed, and moved to signert/behandlet/ with a receipt; a part that comes later makes a new
  version (the earlier signed pages plus the new ones) rather than being lost. An e-signed
  PDF is filed at once, byte for byte. A file that cannot be filed goes to signert/avvist/
  with a Norwegian explanation.
"""

from __future__ import annotations

import getpass
import re
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from asn1crypto import pem, x509

from ..archive.events import event
from ..archive.reindex import open_registry, sync_case
from ..archive.store import ArchiveStore
from ..archive.writer import ArchiveWriter
from ..common.config import Config
from ..convert import PdfaLevel
from ..convert.pdfa import pdfa_claim
from ..common.errors import ConfigError
from ..domain.identifiers import mask_numbers_in
from ..common.names import shown
from ..documents.identity import DocumentIdentity
from ..inbox import receipts
from ..common.folders import free_name, move_no_clobber, write_text
from ..archive.locking import workspace_lock
from ..common.workspace import copy_file, private_temp, sha256_file
from ..programs import pyhanko
from .filing import SignedCopy, file_signed, find_target
from .identify import Identification, identify
from .inspect import SignedRejected, inspect_pdf
from .scans import check_pdfa, merge, to_pdfa
from .trust import NeedsReview, Part, review_reason

METHOD_TEXT = {"qr": "QR-koden", "filnavn": "filnavnet", "tekst": "teksten i PDF-en"}
KONTROLL = "til kontroll"
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


@dataclass
class SignedResult:
    outcome: str  # arkivert, avvist, til kontroll, venter, forsvant
    names: list[str]
    identity: DocumentIdentity | None = None
    saksnummer: str | None = None
    version: int | None = None
    message: str | None = None
    kind: str | None = None
    method: str | None = None
    signatures: list[dict[str, Any]] = field(default_factory=list)
    wait: float = 0.0
    pages: int = 0
    seconds: float = 0.0
    replaced_by: int | None = None
    """The document's current version when the copy signs an older one (filed, with a warning)."""

    def log_line(self) -> str:
        names = ", ".join(shown(n) for n in self.names)
        if self.outcome == "arkivert" and self.identity:
            return (f"signert arkivert {names}: {self.identity.dokumenttype} i sak {self.saksnummer} som v{self.version} "
                    f"({self.kind}, fra {self.method}, {self.seconds:.1f} s)")
        return f"signert {self.outcome} {names}: {self.message or ''}".rstrip(": ")


def load_trust_roots(config: Config) -> list[x509.Certificate]:
    roots = []
    for name in config.settings.signering.klarerte_sertifikater:
        path = config.workspace.config_dir / name
        try:
            data = path.read_bytes()
            if pem.detect(data):
                roots += [x509.Certificate.load(der) for _type, _headers, der in pem.unarmor(data, multiple=True)]
            else:
                roots.append(x509.Certificate.load(data))
        except (OSError, ValueError) as exc:
            raise ConfigError(f"Kan ikke lese rotsertifikatet {path}: {exc}") from None
    return roots


def _natural(name: str) -> list[Any]:
    return [int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", name)]


class SignedIntake:
    def __init__(self, config: Config) -> None:
        self.config = config
        self.settings = config.settings.signering
        self.level = PdfaLevel.parse(config.settings.konvertering.pdfa).image_only  # a scan has no structure to tag: 1a → 1b
        self.store = ArchiveStore(config.workspace.archive)
        self.trust_roots = load_trust_roots(config)
        self._seen: dict[Path, tuple[tuple[int, int], Identification | SignedRejected, bool]] = {}
        self._future: dict[tuple[Path, float], float] = {}
        """Parts dated in the future (a wrong clock): when they were first seen, which counts instead."""

    # --- looking at one file ---------------------------------------------------------------------

    def examine(self, path: Path) -> tuple[Identification, bool]:
        """(identification, e-signed) for a file; SignedRejected if it cannot be taken.
        Cached by size and mtime: a folder of parts is looked at again and again while waiting."""
        stat = path.stat()
        key = (stat.st_size, stat.st_mtime_ns)
        cached = self._seen.get(path)
        if cached and cached[0] == key:
            if isinstance(cached[1], SignedRejected):
                raise cached[1]
            return cached[1], cached[2]
        try:
            inspect_pdf(path, int(self.settings.maks_mb * 1e6), self.settings.maks_sider)
            signed = pyhanko.has_signatures(path)
            identification = identify(path)
            if identification.identity is None:
                raise SignedRejected(
                    "Fant ikke hvilket dokument dette er: ingen QR-kode kunne leses, og verken filnavnet eller "
                    "teksten har dokument-id (f.eks. 2026/17:praksisavtale:v1). Skann på nytt med minst 150 dpi "
                    "og hele bunnteksten med, eller gi filen navn etter id-en: 2026-17_praksisavtale_v1.pdf.")
            find_target(self.store, identification.identity)
        except SignedRejected as exc:
            self._seen[path] = (key, exc, False)
            raise
        self._seen[path] = (key, identification, signed)
        return identification, signed

    # --- filing -----------------------------------------------------------------------------------

    def file(self, parts: list[Path], identification: Identification, signed: bool,
             review: dict[str, str] | None = None) -> SignedResult:
        """File the parts of one document (one e-signed file, or scanned parts) now. A scan
        praksis does not trust on its own raises NeedsReview, unless a person approved it (`review`)."""
        started = time.perf_counter()
        identity = identification.identity
        assert identity is not None
        parts = sorted(parts, key=lambda p: _natural(p.name))
        if not signed and review is None:
            _case, journal = find_target(self.store, identity)
            reason = review_reason(identity, journal, [Part(p, sha256_file(p), self.examine(p)[0]) for p in parts])
            if reason is not None:
                raise NeedsReview(reason)
        with private_temp(self.config.workspace, "signert") as work:
            signatures: list[dict[str, Any]] = []
            as_is = False
            claim = None
            if signed:
                signatures = [v.as_dict() for v in pyhanko.validate(parts[0], self.trust_roots)]
                claim = pdfa_claim(parts[0])
                as_is = claim is not None and claim.part == self.level.part
            with workspace_lock(self.config.workspace.root, "signert"):
                registry = open_registry(self.config.workspace)
                try:
                    merged = work / "samlet.pdf"
                    sources = list(parts)
                    previous = self._previous_signed(identity)
                    if previous is not None and not signed:
                        sources.insert(0, previous)  # a later part: the pages already filed come first
                    pages = merge(sources, merged) if not as_is else 0
                    archival = parts[0] if as_is else work / "arkiv.pdf"
                    if not as_is:
                        to_pdfa(merged, archival, self.level)
                        problems = check_pdfa(archival, self.level)
                        if problems:
                            raise SignedRejected(f"Den normaliserte PDF/A-filen besto ikke kontrollen: {problems[0]}")
                    copy = SignedCopy(identity, archival, [(p.name, p) for p in parts],
                                      "elektronisk signert" if signed else "skannet", identification.method or "?",
                                      signatures, archival_is_original=as_is, review=review)
                    filed_level = claim if as_is and claim is not None else self.level  # e-signed as is: its own claim (1a)
                    saksnummer, version = file_signed(ArchiveWriter(self.config, self.store, registry), copy, filed_level)
                finally:
                    registry.close()
        for part in parts:
            self._seen.pop(part, None)
        return SignedResult("arkivert", [p.name for p in parts], identity, saksnummer, version, kind=copy.kind,
                            method=METHOD_TEXT.get(identification.method or "", identification.method),
                            signatures=signatures, pages=pages, seconds=time.perf_counter() - started,
                            replaced_by=self._replaced_by(identity))

    def _replaced_by(self, identity: DocumentIdentity) -> int | None:
        """The current version of the document if a newer one replaced the version just signed."""
        from ..archive.overview_state import signing_state
        case = self.store.load_case(identity.saksnummer or "")
        journal = case.journals.get(identity.dokumenttype) if case else None
        state = signing_state(journal) if journal else None
        return state.current if state is not None and state.current > identity.versjon else None

    def _previous_signed(self, identity: DocumentIdentity) -> Path | None:
        """The archival PDF of the latest version if it is a scanned copy of the same version."""
        case = self.store.load_case(identity.saksnummer or "")
        journal = case.journals.get(identity.dokumenttype) if case else None
        latest = journal.latest if journal else None
        if latest is None or not latest.meta.get("signert") or latest.meta.get("variant") != "skannet" \
                or latest.meta.get("signerer_versjon") != identity.versjon:
            return None
        archival = next(o for o in latest.meta["dokumentobjekt"] if o["variantformat"] == "Arkivformat")
        return latest.folder / archival["filnavn"]

    # --- the CLI: these files, now -----------------------------------------------------------------

    def file_given(self, paths: list[Path]) -> list[SignedResult]:
        results: list[SignedResult] = []
        groups: dict[DocumentIdentity, tuple[Identification, list[Path]]] = {}
        for path in paths:
            try:
                if not path.is_file():
                    raise SignedRejected("Filen finnes ikke.")
                identification, signed = self.examine(path)
            except SignedRejected as exc:
                results.append(SignedResult("avvist", [path.name], message=exc.message))
                continue
            if signed:
                results.append(self._safely(lambda: self.file([path], identification, True), [path]))
            else:
                assert identification.identity is not None
                groups.setdefault(identification.identity, (identification, []))[1].append(path)
        for identification, parts in groups.values():
            result = self._safely(lambda: self.file(parts, identification, False), parts)
            if result.outcome == KONTROLL:
                result.identity = identification.identity
                self._to_review(parts, result, keep=True)
            results.append(result)
        return results

    @staticmethod
    def _safely(action: Any, parts: list[Path]) -> SignedResult:
        try:
            return action()
        except SignedRejected as exc:
            return SignedResult("avvist", [p.name for p in parts], message=exc.message)
        except NeedsReview as exc:
            return SignedResult(KONTROLL, [p.name for p in parts], message=exc.reason)

    # --- review by a person: signert/til_kontroll/ ----------------------------------------------

    @property
    def review_folder(self) -> Path:
        return self.config.inbox / self.settings.mappe / self.settings.til_kontroll

    def _to_review(self, parts: list[Path], result: SignedResult, keep: bool) -> None:
        """Copy (`keep`, from the command) or move (from the watcher) the parts into til_kontroll/
        with a note each, and log it in the case; they stay in `praksis mangler` meanwhile."""
        identity = result.identity
        assert identity is not None and result.message is not None
        folder = self.review_folder
        folder.mkdir(parents=True, exist_ok=True)
        moved = []
        for part in parts:
            sha = sha256_file(part)
            waiting = self._waiting_copy(part, sha) if keep else None  # given again: the copy already there
            name = waiting.name if waiting else free_name(folder, part.name)
            if keep and waiting is None:
                copy_file(part, folder / name)
            elif not keep:
                move_no_clobber(part, folder, name)
            self._seen.pop(part, None)
            write_text(folder / f"{name}{NOTE}", receipts.signed_review(name, identity, result.message,
                                                                       datetime.now().astimezone()))
            moved.append((name, sha))
        result.names = [name for name, _sha in moved]
        self._log(identity, [event(identity.saksnummer or "", "signert til kontroll", f"{identity.id}|{sha}",
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

    def _log(self, identity: DocumentIdentity, events: list[dict[str, Any]]) -> None:
        with workspace_lock(self.config.workspace.root, "signert"):
            case = self.store.load_case(identity.saksnummer or "")
            if case is None:
                return
            self.store.append_events(case.folder, events)
            registry = open_registry(self.config.workspace)
            try:
                sync_case(registry, self.store, case)
            finally:
                registry.close()

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
            identification, signed = self.examine(path)
        except SignedRejected as exc:
            raise ReviewError(f"«{path.name}» kan ikke arkiveres: {exc.message}") from None
        review = {"av": _who(), "grunn": reason or "kontrollert og godkjent"}
        result = self.file([path], identification, signed, review=review)
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
            self._log(identity, [event(identity.saksnummer or "", "signert avvist", f"{identity.id}|{sha}",
                                       dokument=identity.dokumenttype, signerer_versjon=identity.versjon,
                                       fil=mask_numbers_in(path.name), sjekksum=sha, grunn=reason, av=_who())])
        message = f"Avvist ved kontroll av {_who()}: {reason}"
        (path.parent / f"{path.name}{NOTE}").unlink(missing_ok=True)
        self._reject([path], message, received, path.parent.parent / self.config.settings.innboks.avvist)
        self._seen.pop(path, None)
        return SignedResult("avvist", [path.name], identity, identity.saksnummer if identity else None,
                            message=message)

    # --- the watcher: inbox/signert/ --------------------------------------------------------------

    def take(self, path: Path, folder_files: list[Path]) -> SignedResult:
        """One file in signert/ is stable: file it (with the other parts of its document) when
        their wait is over, or say how long to wait; move what was handled."""
        received = datetime.now().astimezone().replace(microsecond=0)
        if not path.is_file():
            return SignedResult("forsvant", [path.name])
        try:
            identification, signed = self.examine(path)
        except SignedRejected as exc:
            self._reject([path], exc.message, received)
            return SignedResult("avvist", [path.name], message=exc.message)
        parts = [path]
        if not signed:
            for other in folder_files:
                if other == path or not other.is_file():
                    continue
                try:
                    other_id, other_signed = self.examine(other)
                except (SignedRejected, OSError):
                    continue
                if not other_signed and other_id.identity == identification.identity:
                    parts.append(other)
            newest = max(self._arrived(p) for p in parts)
            remaining = self.settings.vent_sekunder - (time.time() - newest)
            if remaining > 0:
                return SignedResult("venter", [p.name for p in parts], identification.identity, wait=remaining)
        result = self._safely(lambda: self.file(parts, identification, signed), parts)
        if result.outcome == "avvist":
            self._reject(parts, result.message or "", received)
        elif result.outcome == KONTROLL:
            result.identity = identification.identity
            self._to_review(parts, result, keep=False)
        else:
            self._done(parts, result, received)
        return result

    def _arrived(self, part: Path) -> float:
        """When a part came: its modification time, or, if that lies in the future, the moment it
        was first seen (else it would wait for decades)."""
        mtime = part.stat().st_mtime
        now = time.time()
        if mtime <= now:
            return mtime
        return self._future.setdefault((part, mtime), now)

    def _done(self, parts: list[Path], result: SignedResult, received: datetime, target: Path | None = None) -> None:
        target = target or parts[0].parent / self.config.settings.innboks.behandlet
        text = receipts.signed_receipt(result, received)
        for part in parts:
            name = free_name(target, part.name)
            write_text(target / f"{name}.kvittering.txt", text)
            move_no_clobber(part, target, name)

    def _reject(self, parts: list[Path], message: str, received: datetime, target: Path | None = None) -> None:
        target = target or parts[0].parent / self.config.settings.innboks.avvist
        for part in parts:
            name = free_name(target, part.name)
            write_text(target / f"{name}.feil.txt", receipts.signed_error(part.name, message, received))
            move_no_clobber(part, target, name)
            self._seen.pop(part, None)
