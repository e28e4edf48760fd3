"""Signed copies in: check, identify, group the parts of one document, merge, normalise, file.

The library call; the folders (signert/, til_kontroll/, receipts) are inbox/signed_folder.py.
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
import time
from pathlib import Path
from typing import Any

from asn1crypto import pem, x509

from ..archive.reindex import open_registry, sync_case
from ..archive.store import ArchiveStore
from ..archive.writer import ArchiveWriter
from ..common.config import Config
from ..convert import PdfaLevel
from ..convert.pdfa import pdfa_claim
from ..common.errors import ConfigError
from ..documents.identity import DocumentIdentity
from ..archive.locking import workspace_lock
from ..common.workspace import private_temp, sha256_file
from ..programs import pyhanko
from .filing import SignedCopy, file_signed, find_target
from .identify import Identification, identify
from .inspect import SignedRejected, inspect_pdf
from .scans import check_pdfa, merge, to_pdfa
from .results import SignedOutcome, SignedResult
from .trust import NeedsReview, Part, review_reason

METHOD_TEXT = {"qr": "QR-koden", "filnavn": "filnavnet", "tekst": "teksten i PDF-en"}


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
        self._seen: dict[tuple[str, str], tuple[Identification | SignedRejected, bool]] = {}
        """What `examine` found, by file name and SHA-256 (the name can identify the document)."""

    # --- looking at one file ---------------------------------------------------------------------

    def examine(self, path: Path, sha: str | None = None) -> tuple[Identification, bool]:
        """(identification, e-signed) for a file; SignedRejected if it cannot be taken.
        Remembered by name and content (`sha`, the file's SHA-256, hashed here if not given): a
        folder of parts is looked at again and again while waiting, each time through new
        private copies of the same bytes (inbox/signed_folder.py)."""
        slot = (path.name, sha or sha256_file(path))
        cached = self._seen.get(slot)
        if cached:
            if isinstance(cached[0], SignedRejected):
                raise cached[0]
            return cached[0], cached[1]
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
            self._seen[slot] = (exc, False)
            raise
        self._seen[slot] = (identification, signed)
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
            shas = [sha256_file(p) for p in parts]
            reason = review_reason(identity, journal, [Part(p, sha, self.examine(p, sha)[0])
                                                       for p, sha in zip(parts, shas, strict=True)])
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
        return SignedResult(SignedOutcome.ARKIVERT, [p.name for p in parts], identity, saksnummer, version, kind=copy.kind,
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

    @staticmethod
    def safely(action: Any, parts: list[Path]) -> SignedResult:
        try:
            return action()
        except SignedRejected as exc:
            return SignedResult(SignedOutcome.AVVIST, [p.name for p in parts], message=exc.message)
        except NeedsReview as exc:
            return SignedResult(SignedOutcome.KONTROLL, [p.name for p in parts], message=exc.reason)

    def log(self, identity: DocumentIdentity, events: list[dict[str, Any]]) -> None:
        """Events about a copy that was not filed (to review, rejected), in its case's log."""
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

    def forget(self, name: str, sha: str) -> None:
        """Drop what `examine` remembers of a file (name, SHA-256) that was moved away."""
        self._seen.pop((name, sha), None)
