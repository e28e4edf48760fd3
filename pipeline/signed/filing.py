"""A signed copy filed as a new version of its document.

    vN/
        praksisavtale-signert.pdf   Arkivformat: the scan as PDF/A, or the e-signed PDF itself
                                    when it is PDF/A (byte for byte)
        original-1.pdf, …           the files as they came back, byte for byte (Produksjonsformat)
        grunnlag.json               the record of the version that was signed
        versjon.json                signert: true, what was signed, how it was identified,
                                    the parts, and pyHanko's verdict per signature
        hendelser.jsonl

The version is made in staging and moved in by one rename, like every other version; the
journal post's status moves to «Arkivert»; events (signert mottatt, signatur kontrollert,
arkivert) are idempotent; the registry is synced from the files.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ..archive.events import event, now
from ..archive.store import GRUNNLAG, HENDELSER, ArchiveStore, CaseFiles, JournalFiles
from ..archive.writer import ArchiveWriter, NewVersion, StoredFile, write_events
from ..common.workspace import sha256_file
from ..convert import PdfaLevel
from ..documents.identity import DocumentIdentity
from ..domain.identifiers import mask_numbers_in
from .inspect import SignedRejected

@dataclass
class SignedCopy:
    """What is to be filed: the archival PDF (made or given) and the originals."""

    identity: DocumentIdentity
    archival: Path
    originals: list[tuple[str, Path]]  # (original file name, path)
    kind: str  # skannet, elektronisk signert
    method: str  # qr, filnavn, tekst
    signatures: list[dict[str, Any]] = field(default_factory=list)
    archival_is_original: bool = False  # an e-signed PDF/A kept as it is
    review: dict[str, str] | None = None
    """Set when a person approved a scan praksis would not trust on its own (`praksis signert godkjenn`)."""


PDF_VERSIONS = {b"1.3": "fmt/17", b"1.4": "fmt/18", b"1.5": "fmt/19", b"1.6": "fmt/20", b"1.7": "fmt/276",
                b"2.0": "fmt/1129"}


def pdf_pronom(path: Path) -> str:
    """The PRONOM id of a plain PDF from its header version (fmt/276, PDF 1.7, if unknown)."""
    with path.open("rb") as handle:
        head = handle.read(16)
    start = head.find(b"%PDF-")
    return PDF_VERSIONS.get(head[start + 5:start + 8], "fmt/276") if start >= 0 else "fmt/276"


def find_target(store: ArchiveStore, identity: DocumentIdentity) -> tuple[CaseFiles, JournalFiles]:
    """The case and journal post a signed copy belongs to; SignedRejected (in Norwegian) if none."""
    if identity.utkast:
        raise SignedRejected(f"Dokumentet er et UTKAST ({identity.id}) og hører ikke til noen sak. "
                             "Signer dokumentet som er arkivert i saken (det har saksnummer i bunnteksten).")
    case = store.load_case(identity.saksnummer or "")
    if case is None:
        raise SignedRejected(f"Fant ingen sak {identity.saksnummer} (dokument-id {identity.id}). "
                             "Sjekk at dokumentet kommer fra dette arkivet.")
    journal = case.journals.get(identity.dokumenttype)
    if journal is None:
        raise SignedRejected(f"Sak {identity.saksnummer} har ikke noe dokument «{identity.dokumenttype}» "
                             f"(den har {', '.join(case.journals) or 'ingen dokumenter'}).")
    if not any(v.number == identity.versjon for v in journal.versions):
        raise SignedRejected(f"Sak {identity.saksnummer} har ikke versjon {identity.versjon} av {identity.dokumenttype}.")
    return case, journal


def already_filed(journal: JournalFiles, part_shas: list[str]) -> int | None:
    """The version these exact files were filed as before (a re-run after a crash between
    filing and moving them away), or None."""
    for version in journal.versions:
        if version.meta.get("signert") and version.meta.get("deler_sha256") == part_shas:
            return version.number
    return None


def file_signed(writer: ArchiveWriter, copy: SignedCopy, level: PdfaLevel) -> tuple[str, int]:
    """File `copy` as the next version; returns (saksnummer, version number). Idempotent: the
    same files filed again return the version they already are."""
    case, journal = find_target(writer.store, copy.identity)
    part_shas = [sha256_file(path) for _name, path in copy.originals]
    earlier = already_filed(journal, part_shas)
    if earlier is not None:
        writer.settle_journal(case, journal, [], now())
        return case.saksnummer, earlier
    signed_version = next(v for v in journal.versions if v.number == copy.identity.versjon)
    latest = journal.latest
    assert latest is not None
    number = latest.number + 1
    when: datetime = now()
    dokumenttype = copy.identity.dokumenttype
    reason = (f"Signert kopi av versjon {copy.identity.versjon} mottatt ({copy.kind}; "
              f"identifisert fra {dict(qr='QR-kode', filnavn='filnavnet', tekst='teksten').get(copy.method, copy.method)}"
              + (f"; godkjent ved kontroll av {copy.review['av']}" if copy.review else "") + ").")
    version = NewVersion(dokumenttype, number, reason, signed_version.meta["fakta_sha256"], writer.staging(number), {
        "signert": True, "signerer_versjon": copy.identity.versjon, "variant": copy.kind,
        "identifisert_fra": copy.method, "deler": [mask_numbers_in(name) for name, _ in copy.originals],
        "deler_sha256": part_shas, "signaturer": copy.signatures,
        **({"godkjent_ved_kontroll": copy.review} if copy.review else {})})
    version.folder.mkdir()
    archival = version.folder / f"{dokumenttype}-signert.pdf"
    shutil.copyfile(copy.archival, archival)
    files = [StoredFile(archival, "Arkivformat", level.pronom,
                        f"{level}, elektronisk signert (uendret)" if copy.archival_is_original else str(level))]
    if not copy.archival_is_original:
        for index, (_name, path) in enumerate(copy.originals, start=1):
            original = version.folder / f"original-{index}{path.suffix.lower() or '.pdf'}"
            shutil.copyfile(path, original)
            files.append(StoredFile(original, "Produksjonsformat", pdf_pronom(path), f"Mottatt {copy.kind} (del {index})"))
    grunnlag = (signed_version.folder / GRUNNLAG).read_text(encoding="utf-8")
    objects = writer.finish_version(version, grunnlag, files, journal.folder.name, when)
    key = f"{dokumenttype}|v{number}"
    events = [event(case.saksnummer, "signert mottatt", key, dokument=dokumenttype, versjon=number,
                    signerer_versjon=copy.identity.versjon, variant=copy.kind, identifisert_fra=copy.method,
                    deler=len(copy.originals), sjekksum=objects[0]["sjekksum"])]
    if copy.review:
        events.append(event(case.saksnummer, "signert godkjent", key, dokument=dokumenttype, versjon=number,
                            **copy.review))
    if copy.signatures:
        events.append(event(case.saksnummer, "signatur kontrollert", key, dokument=dokumenttype, versjon=number,
                            signaturer=[{k: s[k] for k in ("signert_av", "resultat", "intakt", "gyldig", "klarert")}
                                        for s in copy.signatures]))
    events.append(event(case.saksnummer, "arkivert", key, dokument=dokumenttype, versjon=number,
                        journalpost=journal.meta["registreringsID"]))
    write_events(version.folder / HENDELSER, events)
    writer.file_signed(case, journal, version, when)
    return case.saksnummer, number
