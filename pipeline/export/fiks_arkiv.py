"""`praksis export fiks-arkiv`: import bundles for a live records system (KS Fiks Arkiv v1).

An arkivmelding («opprett») holds at most one mappe and one registrering, so a case becomes a
series of messages, in order:

    01/arkivmelding.xml      the saksmappe and its first journal post, with that post's file
    01/praksisavtale-v2.pdf
    02/arkivmelding.xml      the next journal post, placed in the case by its external key
    02/taushetsloefte-v1.pdf
    manifest.json            the messages in order, their files, sizes and checksums

A zip holds one case (`2026-00017.zip`) or, with `fiks_arkiv_bunt = "samlet"`, every case of
the export under `<2026-00017>/`. Each journal post carries the archival format (PDF/A) of its
latest version. Every mappe, journal post and document carries a referanseEksternNoekkel
(fagsystem + the placement's id), so a case sent again updates the records system's copy
instead of making a second one. Each message is validated against the XSD before the zip is
written; an invalid one stops the export with the schema's message and leaves no zip behind.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from lxml import etree

from ..archive.reindex import open_registry
from ..archive.store import ArchiveStore, CaseFiles, JournalFiles
from ..config import Config
from ..locking import workspace_lock
from ..workspace import file_mode
from ..registry import Registry
from . import history
from .codes import code
from .errors import ExportError
from .schemas import ARKIVMELDING_XSD, validate_bytes
from .xmlwrite import XmlWriter

TARGET = "fiks-arkiv"
MESSAGE_TYPE = "no.ks.fiks.arkiv.v1.arkivering.arkivmelding.opprett"
NS = "https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/arkivmelding/opprett/v1"
MDK = "https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/metadatakatalog/v1"


@dataclass
class Message:
    folder: str  # "01"
    xml: bytes
    files: list[tuple[str, Path, dict[str, Any]]] = field(default_factory=list)  # (name in zip, source, object)


@dataclass
class FiksExport:
    bundles: list[Path] = field(default_factory=list)
    cases: list[str] = field(default_factory=list)
    messages: int = 0
    files: int = 0
    unchanged: int = 0  # cases skipped because nothing changed since their last export


def _key(fagsystem: str, noekkel: str, writer: XmlWriter, tag: str = "referanseEksternNoekkel",
         prefix: str = "") -> None:
    with writer.element(f"{prefix}{tag}"):
        writer.leaf("mdk:fagsystem", fagsystem)
        writer.leaf("mdk:noekkel", noekkel)


def _archival(journal: JournalFiles) -> tuple[int, dict[str, Any], Path] | None:
    """The latest version's archival-format object (PDF/A) and its file."""
    if journal.latest is None:
        return None
    version = journal.latest
    objects = [o for o in version.meta["dokumentobjekt"] if o["variantformat"] == "Arkivformat"]
    if not objects:
        return None
    chosen = objects[-1]  # a signed copy (added later) comes after the generated one
    return version.number, chosen, version.folder / chosen["filnavn"]


class FiksArkivWriter:
    def __init__(self, config: Config) -> None:
        self.config = config
        self.system = config.settings.eksport.system
        arkiv = config.settings.arkiv
        self.skjerming = (arkiv.tilgangskode, arkiv.tilgangsrestriksjon, arkiv.skjermingshjemmel)

    def messages(self, case: CaseFiles) -> list[Message]:
        journals = sorted(case.journals.values(), key=lambda j: j.meta["journalpostnummer"])
        if not journals:
            return [self._message(1, case, None)]
        return [self._message(i, case, journal, with_case=i == 1) for i, journal in enumerate(journals, start=1)]

    def _message(self, number: int, case: CaseFiles, journal: JournalFiles | None, with_case: bool = True) -> Message:
        message = Message(f"{number:02}", b"")
        archival = _archival(journal) if journal is not None else None
        buffer = io.BytesIO()
        with etree.xmlfile(buffer, encoding="utf-8") as xf:
            xf.write_declaration()
            writer = XmlWriter(xf, NS, {"mdk": MDK})
            with writer.element("arkivmelding"):
                writer.leaf("system", self.system)
                writer.leaf("antallFiler", 1 if archival else 0)
                if with_case:
                    self._mappe(writer, case)
                if journal is not None:
                    self._journalpost(writer, case, journal, archival, message)
        message.xml = buffer.getvalue()
        validate_bytes(message.xml, ARKIVMELDING_XSD, f"arkivmelding {message.folder} for sak {case.saksnummer}")
        return message

    def _skjerming(self, writer: XmlWriter) -> None:
        kode, beskrivelse, hjemmel = self.skjerming
        with writer.element("skjerming"):
            writer.code("tilgangsrestriksjon", kode, beskrivelse)
            writer.leaf("skjermingshjemmel", hjemmel)

    def _mappe(self, writer: XmlWriter, case: CaseFiles) -> None:
        meta = case.meta
        with writer.element("mappe", xsi_type="saksmappe"):
            writer.leaves(meta, "systemID", "mappeID", "tittel", "offentligTittel", "opprettetDato", "opprettetAv")
            self._skjerming(writer)
            klass = meta["klassifikasjon"]
            with writer.element("klassifikasjon"):
                writer.leaf("klassifikasjonssystemID", klass["klassifikasjonssystem"])
                writer.leaves(klass, "klasseID", "tittel")
            _key(self.system, meta["referanseEksternNoekkel"]["noekkel"], writer)
            writer.leaves(meta, "saksaar", "sakssekvensnummer", "saksdato")
            with writer.element("administrativEnhet"):
                writer.leaf("mdk:navn", meta["administrativEnhet"])
            with writer.element("saksansvarlig"):
                writer.leaf("mdk:navn", meta["saksansvarlig"])
            writer.code("saksstatus", *code("saksstatus", meta["saksstatus"]))

    def _journalpost(self, writer: XmlWriter, case: CaseFiles, journal: JournalFiles,
                     archival: tuple[int, dict[str, Any], Path] | None, message: Message) -> None:
        meta, description = journal.meta, journal.meta["dokumentbeskrivelse"]
        case_key = case.meta["referanseEksternNoekkel"]["noekkel"]
        dokumenttype = journal.meta["praksis"]["dokumenttype"]
        spec = self.config.settings.dokumenter.get(dokumenttype)
        with writer.element("registrering", xsi_type="journalpost"):
            writer.leaves(meta, "systemID", "opprettetDato", "opprettetAv", "arkivertDato", "arkivertAv")
            with writer.element("referanseForelderMappe"):
                writer.leaf("mdk:systemID", case.meta["systemID"])
                _key(self.system, case_key, writer, prefix="mdk:")
            self._skjerming(writer)
            with writer.element("dokumentbeskrivelse"):
                writer.leaf("systemID", description["systemID"])
                writer.code("dokumenttype", *code("dokumenttype", spec.noark_dokumenttype if spec else "Dokument"))
                writer.code("dokumentstatus", *code("dokumentstatus", description["dokumentstatus"]))
                writer.leaves(description, "tittel", "opprettetDato", "opprettetAv")
                writer.code("tilknyttetRegistreringSom", *code("tilknyttetregistreringsom",
                                                                description["tilknyttetRegistreringSom"]))
                writer.leaves(description, "dokumentnummer", "tilknyttetDato", "tilknyttetAv")
                if archival is not None:
                    number, obj, path = archival
                    name = f"{dokumenttype}-v{number}{path.suffix}"
                    message.files.append((name, path, obj))
                    with writer.element("dokumentobjekt"):
                        writer.leaf("versjonsnummer", number)
                        writer.code("variantformat", *code("variantformat", obj["variantformat"]))
                        writer.code("format", obj["format"], obj.get("formatDetaljer"))
                        writer.leaf("formatDetaljer", obj.get("formatDetaljer"))
                        writer.leaf("mimeType", "application/pdf" if path.suffix == ".pdf" else None)
                        writer.leaves(obj, "opprettetDato", "opprettetAv")
                        writer.leaf("filnavn", name)
                        writer.leaf("referanseDokumentfil", name)
                        writer.leaves(obj, "sjekksum", "sjekksumAlgoritme", "filstoerrelse")
                _key(self.system, f"{case_key}:{dokumenttype}:dokument", writer)
            writer.leaves(meta, "registreringsID", "tittel", "offentligTittel")
            for part in meta["korrespondansepart"]:
                with writer.element("korrespondansepart"):
                    writer.code("korrespondanseparttype", *code("korrespondanseparttype", part["korrespondanseparttype"]))
                    writer.leaf("korrespondansepartNavn", part["korrespondansepartNavn"])
            _key(self.system, f"{case_key}:{dokumenttype}", writer)
            writer.leaves(meta, "journalaar", "journalsekvensnummer", "journalpostnummer")
            writer.code("journalposttype", *code("journalposttype", meta["journalposttype"]))
            writer.code("journalstatus", *code("journalstatus", meta["journalstatus"]))
            writer.leaf("journaldato", meta["journaldato"])
            writer.leaf("dokumentetsDato", meta["journaldato"])


class Bundle:
    """A zip written to a temp file beside its final name and renamed when complete."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        os.fchmod(fd, file_mode())  # the group reads the bundle too (mkstemp makes 0600)
        os.close(fd)
        self.tmp = Path(tmp)
        self.zip = zipfile.ZipFile(self.tmp, "w", compression=zipfile.ZIP_DEFLATED)
        # the manifest's case entries are spooled to a file: a combined bundle of 10,000 cases
        # would otherwise hold them all in memory until the end
        self.manifest = tempfile.TemporaryFile("w+", encoding="utf-8")
        self.cases = 0

    def add_case(self, prefix: str, saksnummer: str, messages: list[Message]) -> int:
        files = 0
        entries = []
        for message in messages:
            folder = f"{prefix}{message.folder}"
            self.zip.writestr(f"{folder}/arkivmelding.xml", message.xml)
            listed = []
            for name, source, obj in message.files:
                self.zip.write(source, f"{folder}/{name}", compress_type=zipfile.ZIP_STORED)  # PDFs are compressed
                listed.append({"fil": f"{folder}/{name}", "sjekksum": obj["sjekksum"],
                               "sjekksumAlgoritme": obj["sjekksumAlgoritme"], "filstoerrelse": obj["filstoerrelse"]})
                files += 1
            entries.append({"mappe": folder, "meldingstype": MESSAGE_TYPE, "arkivmelding": f"{folder}/arkivmelding.xml",
                            "filer": listed})
        self.manifest.write(("," if self.cases else "") + json.dumps(
            {"saksnummer": saksnummer, "meldinger": entries}, ensure_ascii=False, indent=2) + "\n")
        self.cases += 1
        return files

    def finish(self, system: str, when: datetime) -> Path:
        head = json.dumps({"system": system, "laget": when.isoformat(), "meldingstype": MESSAGE_TYPE,
                           "rekkefoelge": "Send meldingene i rekkefølge per sak: den første oppretter saksmappen."},
                          ensure_ascii=False, indent=2)
        with self.zip.open("manifest.json", "w") as out:
            out.write((head[:-2] + ',\n  "saker": [\n').encode("utf-8"))
            self.manifest.seek(0)
            while block := self.manifest.read(1 << 16):
                out.write(block.encode("utf-8"))
            out.write(b"]\n}\n")
        self.manifest.close()
        self.zip.close()
        with self.tmp.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(self.tmp, self.path)
        return self.path

    def discard(self) -> None:
        self.manifest.close()
        self.zip.close()
        self.tmp.unlink(missing_ok=True)


def select_cases(store: ArchiveStore, registry: Registry, target: str, saker: list[str] | None,
                 since: date | None) -> Iterator[tuple[CaseFiles, str, bool]]:
    """(case, its signature, wanted) for the cases asked for: named ones, those updated on or
    after `since`, or by default every case not exported as it is now. The signature is read
    once here and recorded after the export."""
    if saker:
        for saksnummer in saker:
            case = store.load_case(saksnummer)
            if case is None:
                raise ExportError(f"Fant ingen sak {saksnummer}. Se sakene med «praksis list».")
            yield case, history.signature(case), True
        return
    for case in store.iter_cases():
        sig = history.signature(case)
        if since is not None:
            yield case, sig, datetime.fromisoformat(case.meta["oppdatertDato"]).date() >= since
        else:
            yield case, sig, history.exported_as(registry, case.saksnummer, target) != sig


def export_fiks_arkiv(config: Config, out: Path | None = None, saker: list[str] | None = None,
                      since: date | None = None, per: str | None = None,
                      progress: Any = None) -> FiksExport:
    settings = config.settings.eksport
    out = out or (config.workspace.root / settings.mappe / TARGET)
    per = per or settings.fiks_arkiv_bunt
    when = datetime.now().astimezone().replace(microsecond=0)
    writer = FiksArkivWriter(config)
    store = ArchiveStore(config.workspace.archive)
    result = FiksExport()
    with workspace_lock(config.workspace.root, "export fiks-arkiv"):
        registry = open_registry(config.workspace)
        try:
            combined: Bundle | None = None
            exported: list[tuple[Path, str, str]] = []  # (folder, case number, signature): memory stays flat
            try:
                for case, sig, wanted in select_cases(store, registry, TARGET, saker, since):
                    if not wanted:
                        result.unchanged += 1
                        continue
                    messages = writer.messages(case)  # validated; raises before anything is written
                    folder = case.folder.name  # 2026-00017, as in archive/
                    if per == "samlet":
                        if combined is None:
                            combined = Bundle(out / f"praksis-fiks-arkiv-{when.strftime('%Y%m%d-%H%M%S')}.zip")
                        result.files += combined.add_case(f"{folder}/", case.saksnummer, messages)
                        exported.append((case.folder, case.saksnummer, sig))  # recorded once the zip is whole
                    else:
                        bundle = Bundle(out / f"{folder}.zip")
                        try:
                            result.files += bundle.add_case("", case.saksnummer, messages)
                        except BaseException:
                            bundle.discard()
                            raise
                        result.bundles.append(bundle.finish(settings.system, when))
                        history.record(store, registry, case.folder, case.saksnummer, sig, TARGET,
                                       result.bundles[-1].name, when)
                    result.cases.append(case.saksnummer)
                    result.messages += len(messages)
                    if progress and len(result.cases) % 500 == 0:
                        progress(f"  {len(result.cases)} saker …")
                if combined is not None:
                    result.bundles.append(combined.finish(settings.system, when))
                    for case_folder, saksnummer, sig in exported:
                        history.record(store, registry, case_folder, saksnummer, sig, TARGET,
                                       result.bundles[-1].name, when)
            except BaseException:
                if combined is not None:
                    combined.discard()
                raise
        finally:
            registry.close()
    return result
