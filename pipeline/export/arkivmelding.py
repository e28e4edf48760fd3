"""The arkivmeldinger of a Fiks Arkiv export: one XML message per step of a case (the
saksmappe with its first journal post, then each further journal post, or an «oppdater»
when a case already sent has changed), each with its files. Bundling and sending order are
`fiks_arkiv.py`."""

from __future__ import annotations

import io
import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from lxml import etree

from ..archive.case_state import closed_at, journal_date, last_sent_closed
from ..archive.metadata import JOURNALSTATUS_JOURNALFOERT, SAKSSTATUS_AAPEN, SAKSSTATUS_AVSLUTTET
from ..archive.store import GRUNNLAG, ArchiveStore, CaseFiles, JournalFiles, VersionFiles, read_json
from ..common.config import Config
from ..common.localtime import local_date
from .codes import code
from .schemas import ARKIVMELDING_OPPDATER_XSD, ARKIVMELDING_XSD, validate_bytes
from .xmlwrite import XmlWriter

TARGET = "fiks-arkiv"
MESSAGE_TYPE = "no.ks.fiks.arkiv.v1.arkivering.arkivmelding.opprett"
UPDATE_TYPE = "no.ks.fiks.arkiv.v1.arkivering.arkivmelding.oppdater"
NS = "https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/arkivmelding/opprett/v1"
NS_OPPDATER = "https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/arkivmelding/oppdater/v1"
INNGAAENDE = "Inngående dokument"
MDK = "https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/metadatakatalog/v1"


@dataclass
class Message:
    folder: str  # "01"
    xml: bytes
    files: list[tuple[str, Path, dict[str, Any]]] = field(default_factory=list)  # (name in zip, source, object)
    kind: str = MESSAGE_TYPE  # the Fiks Arkiv message type (opprett or oppdater)


def _key(fagsystem: str, noekkel: str, writer: XmlWriter, tag: str = "referanseEksternNoekkel",
         prefix: str = "") -> None:
    with writer.element(f"{prefix}{tag}"):
        writer.leaf("mdk:fagsystem", fagsystem)
        writer.leaf("mdk:noekkel", noekkel)


def _archival(version: VersionFiles) -> tuple[dict[str, Any], Path] | None:
    """A version's archival-format object (PDF/A) and its file."""
    objects = [o for o in version.meta["dokumentobjekt"] if o["variantformat"] == "Arkivformat"]
    if not objects:
        return None
    return objects[-1], version.folder / objects[-1]["filnavn"]


_POSTAL = re.compile(r"^(?P<street>.+?),?\s+(?P<code>\d{4})\s+(?P<place>\S.*)$")


def _address(text: str | None) -> tuple[str | None, str | None, str | None]:
    """«Sykehjemsveien 2, 0002 Eksempelby» → (postadresse, postnummer, poststed); an address
    without a Norwegian postcode is sent whole as postadresse."""
    if not text:
        return None, None, None
    found = _POSTAL.match(text.strip())
    if not found:
        return text.strip(), None, None
    return found["street"].strip().rstrip(","), found["code"], found["place"].strip()


@dataclass(frozen=True)
class Party:
    """A korrespondansepart or part as a records system needs it to file without asking."""

    navn: str
    person: bool
    organisasjonsnummer: str | None = None
    adresse: str | None = None
    epost: str | None = None
    kontaktperson: str | None = None


def parties(record: dict[str, Any]) -> dict[str, Party]:
    """The parties of a placement, from the validated record a version was made from
    (grunnlag.json). Never the fødselsnummer: a person is named and flagged, not identified."""
    praktikant = record.get("praktikant") or {}
    enhet = record.get("praksisenhet") or {}
    leder = enhet.get("leder") or {}
    bestiller = record.get("praksisbestiller") or {}
    veileder = record.get("praksisveileder") or {}
    found = {
        "praktikant": Party(praktikant.get("navn") or "", True, adresse=praktikant.get("adresse"),
                            epost=praktikant.get("epost")),
        "praksisenhet": Party(enhet.get("navn") or "", False, enhet.get("organisasjonsnummer"), enhet.get("adresse"),
                              leder.get("epost"), leder.get("navn")),
    }
    if bestiller.get("virksomhet"):
        found["praksisbestiller"] = Party(bestiller["virksomhet"], False, bestiller.get("organisasjonsnummer"),
                                          bestiller.get("adresse"), bestiller.get("epost"), bestiller.get("kontaktperson"))
    if veileder.get("navn"):
        found["praksisveileder"] = Party(veileder["navn"], True, epost=veileder.get("epost"))
    return found


class FiksArkivWriter:
    """The messages of one case, in the order they are to be sent:

    1. opprett: the saksmappe («Under behandling», whatever its status now) with its first
       journal post; then one opprett per journal post (U: the document praksis made and sent)
       and per signed copy that came back (I: a journal post of its own, received);
    2. oppdater: the case closed (saksstatus «Avsluttet», avsluttetDato/Av), when it is, as the
       last message, so no journal post is ever added to a case the receiver holds as closed.
       A case sent closed before and sent again is first reopened by an oppdater
       («Under behandling»)."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.system = config.settings.eksport.system
        arkiv = config.settings.arkiv
        self.arkiv = arkiv
        self.skjerming = (arkiv.tilgangskode, arkiv.tilgangsrestriksjon, arkiv.skjermingshjemmel)

    def messages(self, case: CaseFiles, events: list[dict[str, Any]] | None = None) -> list[Message]:
        events = ArchiveStore.events(case.folder) if events is None else events
        journals = sorted(case.journals.values(), key=lambda j: j.meta["journalpostnummer"])
        record = next((_record(j.latest) for j in reversed(journals) if j.latest is not None), {})
        people = parties(record)
        posts: list[tuple[JournalFiles, VersionFiles, bool]] = []  # (journal, version, a signed copy received)
        for journal in journals:
            sent = [v for v in journal.versions if not v.meta.get("signert")]
            if sent:
                posts.append((journal, sent[-1], False))
        for journal in journals:
            posts.extend((journal, v, True) for v in journal.versions if v.meta.get("signert"))
        built: list[Message] = []
        if last_sent_closed(events, TARGET) and posts:
            built.append(self._status_update(len(built) + 1, case, None))
        if not posts:
            built.append(self._message(len(built) + 1, case, people, None))
        for journal, version, received in posts:
            built.append(self._message(len(built) + 1, case, people, (journal, version, received),
                                       with_case=not any(m.kind == MESSAGE_TYPE for m in built)))
        closed = closed_at(case, events)
        if closed is not None:
            built.append(self._status_update(len(built) + 1, case, closed))
        return built

    # --- opprett ----------------------------------------------------------------------------------

    def _message(self, number: int, case: CaseFiles, people: dict[str, Party],
                 post: tuple[JournalFiles, VersionFiles, bool] | None, with_case: bool = True) -> Message:
        message = Message(f"{number:02}", b"")
        archival = _archival(post[1]) if post is not None else None
        buffer = io.BytesIO()
        with etree.xmlfile(buffer, encoding="utf-8") as xf:
            xf.write_declaration()
            writer = XmlWriter(xf, NS, {"mdk": MDK})
            with writer.element("arkivmelding"):
                writer.leaf("system", self.system)
                writer.leaf("antallFiler", 1 if archival else 0)
                if with_case:
                    self._mappe(writer, case, people)
                if post is not None:
                    self._journalpost(writer, case, people, post, archival, message)
        message.xml = buffer.getvalue()
        validate_bytes(message.xml, ARKIVMELDING_XSD, f"arkivmelding {message.folder} for sak {case.saksnummer}")
        return message

    def _skjerming(self, writer: XmlWriter) -> None:
        kode, beskrivelse, hjemmel = self.skjerming
        with writer.element("skjerming"):
            writer.code("tilgangsrestriksjon", kode, beskrivelse)
            writer.leaf("skjermingshjemmel", hjemmel)

    def _mappe(self, writer: XmlWriter, case: CaseFiles, people: dict[str, Party]) -> None:
        meta = case.meta
        with writer.element("mappe", xsi_type="saksmappe"):
            writer.leaves(meta, "systemID", "mappeID", "tittel", "offentligTittel", "opprettetDato", "opprettetAv")
            writer.code("arkivdel", self.arkiv.arkivdel, self.arkiv.arkivdel_navn)
            praktikant = people.get("praktikant")
            if praktikant is not None and praktikant.navn:
                with writer.element("part"):  # the person the case is about: screened, flagged as a person
                    writer.leaf("partNavn", praktikant.navn)
                    writer.code("partRolle", *code("partrolle", "Klient"))
                    self._contact(writer, praktikant)
                    writer.leaf("erSkjermet", True)
                    writer.leaf("erPersonnavn", True)
            self._skjerming(writer)
            klass = meta["klassifikasjon"]
            with writer.element("klassifikasjon"):
                writer.leaf("klassifikasjonssystemID", klass["klassifikasjonssystem"])
                writer.leaves(klass, "klasseID", "tittel")
            _key(self.system, meta["referanseEksternNoekkel"]["noekkel"], writer)
            writer.leaves(meta, "saksaar", "sakssekvensnummer", "saksdato")
            with writer.element("administrativEnhet"):
                writer.leaf("mdk:navn", meta["administrativEnhet"])
                writer.leaf("mdk:identifikator", self.arkiv.administrativ_enhet_id)
            with writer.element("saksansvarlig"):
                writer.leaf("mdk:navn", meta["saksansvarlig"])
                writer.leaf("mdk:initialer", self.arkiv.saksansvarlig_initialer)
            writer.code("saksstatus", *code("saksstatus", SAKSSTATUS_AAPEN))  # closing is its own later message

    @staticmethod
    def _contact(writer: XmlWriter, party: Party) -> None:
        street, postcode, place = _address(party.adresse)
        writer.leaf("postadresse", street)
        writer.leaf("postnummer", postcode)
        writer.leaf("poststed", place)
        writer.leaf("epostadresse", party.epost)

    def _journalpost(self, writer: XmlWriter, case: CaseFiles, people: dict[str, Party],
                     post: tuple[JournalFiles, VersionFiles, bool], archival: tuple[dict[str, Any], Path] | None,
                     message: Message) -> None:
        journal, version, received = post
        meta, description = journal.meta, journal.meta["dokumentbeskrivelse"]
        case_key = case.meta["referanseEksternNoekkel"]["noekkel"]
        dokumenttype = meta["praksis"]["dokumenttype"]
        spec = self.config.settings.dokumenter.get(dokumenttype)
        post_key = f"{case_key}:{dokumenttype}" + (f":signert-v{version.number}" if received else "")
        when = version.meta["opprettetDato"]
        with writer.element("registrering", xsi_type="journalpost"):
            if received:
                writer.leaf("systemID", str(uuid.uuid5(uuid.UUID(meta["systemID"]), f"signert|v{version.number}")))
                writer.leaf("opprettetDato", when)
                writer.leaf("opprettetAv", meta["opprettetAv"])
            else:
                writer.leaves(meta, "systemID", "opprettetDato", "opprettetAv", "arkivertDato", "arkivertAv")
            with writer.element("referanseForelderMappe"):
                writer.leaf("mdk:systemID", case.meta["systemID"])
                _key(self.system, case_key, writer, prefix="mdk:")
            self._skjerming(writer)
            with writer.element("dokumentbeskrivelse"):
                if not received:
                    writer.leaf("systemID", description["systemID"])
                writer.code("dokumenttype", *code("dokumenttype", spec.noark_dokumenttype if spec else "Dokument"))
                writer.code("dokumentstatus", *code("dokumentstatus", description["dokumentstatus"]))
                writer.leaf("tittel", description["tittel"] + (" – signert" if received else ""))
                if received:
                    writer.leaf("opprettetDato", when)
                    writer.leaf("opprettetAv", description["opprettetAv"])
                else:
                    writer.leaves(description, "opprettetDato", "opprettetAv")
                writer.code("tilknyttetRegistreringSom", *code("tilknyttetregistreringsom",
                                                                description["tilknyttetRegistreringSom"]))
                writer.leaf("dokumentnummer", description["dokumentnummer"])
                writer.leaf("tilknyttetDato", when if received else description["tilknyttetDato"])
                writer.leaf("tilknyttetAv", description["tilknyttetAv"])
                if archival is not None:
                    obj, path = archival
                    name = f"{dokumenttype}-v{version.number}{path.suffix}"
                    message.files.append((name, path, obj))
                    with writer.element("dokumentobjekt"):
                        writer.leaf("versjonsnummer", version.number)
                        writer.code("variantformat", *code("variantformat", obj["variantformat"]))
                        writer.code("format", obj["format"], obj.get("formatDetaljer"))
                        writer.leaf("formatDetaljer", obj.get("formatDetaljer"))
                        writer.leaf("mimeType", "application/pdf" if path.suffix == ".pdf" else None)
                        writer.leaves(obj, "opprettetDato", "opprettetAv")
                        writer.leaf("filnavn", name)
                        writer.leaf("referanseDokumentfil", name)
                        writer.leaves(obj, "sjekksum", "sjekksumAlgoritme", "filstoerrelse")
                _key(self.system, f"{post_key}:dokument", writer)
            if not received:
                writer.leaf("registreringsID", meta["registreringsID"])
            writer.leaf("tittel", meta["tittel"] + (" – signert" if received else ""))
            writer.leaf("offentligTittel", meta["offentligTittel"] + (" – signert" if received else ""))
            for party, kind in self._correspondents(meta, people, spec, received):
                self._korrespondansepart(writer, party, kind)
            _key(self.system, post_key, writer)
            if not received:
                writer.leaves(meta, "journalaar", "journalsekvensnummer", "journalpostnummer")
            writer.code("journalposttype", *code("journalposttype", INNGAAENDE if received else meta["journalposttype"]))
            writer.code("journalstatus", *code("journalstatus", JOURNALSTATUS_JOURNALFOERT if received
                                                else meta["journalstatus"]))
            writer.leaf("journaldato", local_date(when) if received else journal_date(meta))
            writer.leaf("dokumentetsDato", local_date(when) if received else journal_date(meta))
            if received:
                writer.leaf("mottattDato", when)
            else:
                writer.leaf("sendtDato", self._sent(journal, version))

    @staticmethod
    def _sent(journal: JournalFiles, version: VersionFiles) -> str | None:
        """When the document went out: known when a signed copy of this very version came back
        (it cannot have been signed unless it was sent); the version's making is then the best
        record of its dispatch. None when nothing shows it was sent."""
        if any(v.meta.get("signert") and v.meta.get("signerer_versjon") == version.number for v in journal.versions):
            return str(version.meta["opprettetDato"])
        return None

    def _correspondents(self, meta: dict[str, Any], people: dict[str, Party], spec: Any,
                        received: bool) -> list[tuple[Party, str]]:
        """Outgoing: the recipients the archive lists (each matched to its full party). Incoming
        (a signed copy): the parties that sign the document, as senders."""
        if received:
            signers = spec.signeres_av if spec is not None else ["praktikant"]
            return [(people[name], "Avsender") for name in signers if name in people]
        by_name = {party.navn: party for party in people.values()}
        return [(by_name.get(part["korrespondansepartNavn"]) or Party(part["korrespondansepartNavn"], False),
                 part["korrespondanseparttype"]) for part in meta["korrespondansepart"]]

    def _korrespondansepart(self, writer: XmlWriter, party: Party, kind: str) -> None:
        with writer.element("korrespondansepart"):
            writer.code("korrespondanseparttype", *code("korrespondanseparttype", kind))
            writer.leaf("korrespondansepartNavn", party.navn)
            writer.leaf("organisasjonid", party.organisasjonsnummer if not party.person else None)
            self._contact(writer, party)
            writer.leaf("kontaktperson", party.kontaktperson)
            if party.person:  # every journal post here is screened (Offl. § 13): the name must not be published
                writer.leaf("erSkjermet", True)
                writer.leaf("erPersonnavn", True)

    # --- oppdater ---------------------------------------------------------------------------------

    def _status_update(self, number: int, case: CaseFiles, closed: datetime | None) -> Message:
        """An arkivmelding.oppdater: the case closed at `closed`, or (None) reopened."""
        buffer = io.BytesIO()
        with etree.xmlfile(buffer, encoding="utf-8") as xf:
            xf.write_declaration()
            writer = XmlWriter(xf, NS_OPPDATER, {"mdk": MDK})
            with writer.element("arkivmeldingOppdatering"):
                with writer.element("mappeOppdateringer", xsi_type="saksmappeOppdatering"):
                    with writer.element("referanseTilMappe"):
                        writer.leaf("mdk:systemID", case.meta["systemID"])
                        _key(self.system, case.meta["referanseEksternNoekkel"]["noekkel"], writer, prefix="mdk:")
                    if closed is not None:
                        writer.leaf("avsluttetDato", closed)
                        writer.leaf("avsluttetAv", case.meta["saksansvarlig"])
                    writer.code("saksstatus", *code("saksstatus", SAKSSTATUS_AVSLUTTET if closed else SAKSSTATUS_AAPEN))
        message = Message(f"{number:02}", buffer.getvalue(), kind=UPDATE_TYPE)
        validate_bytes(message.xml, ARKIVMELDING_OPPDATER_XSD,
                       f"arkivmelding (oppdater) {message.folder} for sak {case.saksnummer}")
        return message


def _record(version: VersionFiles | None) -> dict[str, Any]:
    if version is None or not (version.folder / GRUNNLAG).is_file():
        return {}
    return read_json(version.folder / GRUNNLAG)
