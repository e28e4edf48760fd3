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

import re
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from asn1crypto import pem, x509

from ..archive.store import ArchiveStore
from ..config import Config
from ..convert import PdfaLevel
from ..convert.pdfa import pdfa_claim
from ..errors import ConfigError
from ..identifiers import mask_numbers_in
from ..identity import DocumentIdentity
from ..inbox import receipts
from ..inbox.folders import free_name, move_no_clobber, write_text
from ..locking import workspace_lock
from ..registry import Registry
from . import pades
from .filing import SignedCopy, file_signed, find_target
from .identify import Identification, identify
from .inspect import SignedRejected, inspect_pdf
from .normalize import check_pdfa, merge, to_pdfa

METHOD_TEXT = {"qr": "QR-koden", "filnavn": "filnavnet", "tekst": "teksten i PDF-en"}


@dataclass
class SignedResult:
    outcome: str  # arkivert, avvist, venter, forsvant
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
        names = ", ".join(mask_numbers_in(n) for n in self.names)
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
        self.level = PdfaLevel(config.settings.konvertering.pdfa)
        self.store = ArchiveStore(config.workspace.archive)
        self.trust_roots = load_trust_roots(config)
        self._seen: dict[Path, tuple[tuple[int, int], Identification | SignedRejected, bool]] = {}

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
            signed = pades.has_signatures(path)
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

    def file(self, parts: list[Path], identification: Identification, signed: bool) -> SignedResult:
        """File the parts of one document (one e-signed file, or scanned parts) now."""
        started = time.perf_counter()
        identity = identification.identity
        assert identity is not None
        parts = sorted(parts, key=lambda p: _natural(p.name))
        with tempfile.TemporaryDirectory(prefix="praksis-signert-") as tmp:
            work = Path(tmp)
            signatures: list[dict[str, Any]] = []
            as_is = False
            if signed:
                signatures = [v.as_dict() for v in pades.validate(parts[0], self.trust_roots)]
                claim = pdfa_claim(parts[0])
                as_is = claim is not None and claim.part == self.level.part
            with workspace_lock(self.config.workspace.root, "signert"):
                registry = Registry(self.config.workspace.registry)
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
                                      signatures, archival_is_original=as_is)
                    saksnummer, version = file_signed(self.store, registry, copy, self.level)
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
        from ..pages.state import signing_state
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
            results.append(self._safely(lambda: self.file(parts, identification, False), parts))
        return results

    @staticmethod
    def _safely(action: Any, parts: list[Path]) -> SignedResult:
        try:
            return action()
        except SignedRejected as exc:
            return SignedResult("avvist", [p.name for p in parts], message=exc.message)

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
            newest = max(p.stat().st_mtime for p in parts)
            remaining = self.settings.vent_sekunder - (time.time() - newest)
            if remaining > 0:
                return SignedResult("venter", [p.name for p in parts], identification.identity, wait=remaining)
        result = self._safely(lambda: self.file(parts, identification, signed), parts)
        if result.outcome == "avvist":
            self._reject(parts, result.message or "", received)
        else:
            self._done(parts, result, received)
        return result

    def _done(self, parts: list[Path], result: SignedResult, received: datetime) -> None:
        target = parts[0].parent / self.config.settings.innboks.behandlet
        text = receipts.signed_receipt(result, received)
        for part in parts:
            name = free_name(target, part.name)
            write_text(target / f"{name}.kvittering.txt", text)
            move_no_clobber(part, target, name)

    def _reject(self, parts: list[Path], message: str, received: datetime) -> None:
        target = parts[0].parent / self.config.settings.innboks.avvist
        for part in parts:
            name = free_name(target, part.name)
            write_text(target / f"{name}.feil.txt", receipts.signed_error(part.name, message, received))
            move_no_clobber(part, target, name)
            self._seen.pop(part, None)
