"""`praksis export arkivuttrekk`: a Noark 5 v5.0 deposit package (avleveringspakke) for a period.

    avleveringspakke/
        arkivuttrekk.xml        ADDML 8.2: creator, system, period, counts, the SHA-256 of every XML/XSD
        arkivstruktur.xml       arkiv → arkivdel → klassifikasjonssystem → klasse → saksmappe → journalpost
                                → dokumentbeskrivelse → dokumentobjekt (every version's archival format)
        endringslogg.xml        journalstatus Journalført → Arkivert for each journal post, at deposit
        loependeJournal.xml     the journal
        offentligJournal.xml    the public journal: masked titles, the praktikant's name masked
        *.xsd                   the official schemas, unmodified
        DOKUMENT/<år>/<nr>/     the PDF/A files, referenced by paths relative to arkivstruktur.xml

The cases are those with saksdato in the period and saksstatus «Avsluttet» (a deposit takes
closed cases; open ones are counted and left for a later deposit). Everything is written as a
stream (lxml incremental writing; cases are read one at a time), validated against the XSDs
while parsed back, checked by `package_check`, and only then moved to its final name.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from lxml import etree

from ..archive.store import ArchiveStore, CaseFiles
from ..common.config import Config
from ..common.localtime import day_end, day_start, local_date
from ..common.localtime import now as oslo_now
from ..archive.locking import workspace_lock
from ..domain.retention import Kassasjon, case_decision, decision, kassasjon
from . import package_check
from ..archive.case_state import closed_at, journal_date
from .errors import ExportError
from .schemas import DEPOSIT_XML, DEPOSIT_XSDS, NOARK5, validate_file
from .addml import write_addml
from .deposit_staging import STAGING_PREFIX, remove_leftovers
from .xmlwrite import UnwritableText, XmlWriter

NS = "http://www.arkivverket.no/standarder/noark5/"
NAMESPACE = uuid.UUID("0f6d1c7e-5a3b-4c8e-9b1d-2e7f3a9c4d51")
AV = "praksis"
DEPOSIT_REMEDY = ("Saken ble arkivert før slike tegn ble avvist ved innlesing. Rett verdien i kildearket og legg "
                  "det inn på nytt (det lager en ny versjon), og lag pakken igjen.")


@dataclass
class DepositResult:
    folder: Path
    cases: int = 0
    journals: int = 0
    documents: int = 0
    open_skipped: int = 0
    to_discard: int = 0  # kassasjon elements written (cases and documents to be discarded)
    bytes: int = 0
    counts: dict[str, int] = field(default_factory=dict)


def _case_in_period(case: CaseFiles, start: date, end: date) -> bool:
    return start <= date.fromisoformat(case.meta["saksdato"]) <= end


def _documents(case: CaseFiles) -> Iterator[tuple[Any, Any, dict[str, Any], Path]]:
    """(journal, version, object, file) for every archival-format object of every version."""
    for journal in sorted(case.journals.values(), key=lambda j: j.meta["journalpostnummer"]):
        for version in journal.versions:
            for obj in version.meta["dokumentobjekt"]:
                if obj["variantformat"] == "Arkivformat":
                    yield journal, version, obj, version.folder / obj["filnavn"]


def _masked_parts(tittel: str, offentlig: str, name: str) -> str:
    """A korrespondansepart named in the title but masked in the public title is masked here too."""
    return "*****" if name and name in tittel and name not in offentlig else name


class DepositWriter:
    def __init__(self, config: Config, start: date, end: date, package: Path) -> None:
        self.config = config
        self.start, self.end = start, end
        self.package = package
        settings = config.settings
        self.creator_id = settings.virksomhet.organisasjonsnummer
        self.creator = settings.virksomhet.navn
        self.system = settings.eksport.system
        self.arkiv = settings.arkiv
        # Norwegian local time: the period ends at 23:59:59 in Norway on its last day
        self.opened = day_start(start).isoformat()
        self.closed = day_end(end).isoformat()
        self.now = oslo_now().isoformat()
        self.journal_dates: tuple[date, date] = (start, end)
        """First and last journaldato of the journal posts in the package (the journals' header)."""
        period = f"{start.isoformat()}|{end.isoformat()}|{self.creator_id}"
        self.ids = {name: str(uuid.uuid5(NAMESPACE, f"{name}|{period}"))
                    for name in ("arkiv", "arkivdel", "klassifikasjonssystem", "klasse")}
        self.result = DepositResult(package.parent)

    # --- the whole package ----------------------------------------------------------------------

    def write(self, saker: list[str], store: ArchiveStore, journals: int) -> None:
        with ExitStack() as stack:
            struktur = stack.enter_context(self._document("arkivstruktur.xml", "arkivstruktur"))
            endringer = stack.enter_context(self._document("endringslogg.xml", "endringslogg"))
            loepende = stack.enter_context(self._document("loependeJournal.xml", "loependeJournal"))
            offentlig = stack.enter_context(self._document("offentligJournal.xml", "offentligJournal"))
            with struktur.element("arkiv"), endringer.element("endringslogg"), \
                    loepende.element("loependeJournal"), offentlig.element("offentligJournal"):
                self._journal_head(loepende, journals)
                self._journal_head(offentlig, journals)
                self._arkiv_head(struktur)
                with struktur.element("arkivdel"):
                    self._arkivdel_head(struktur)
                    with struktur.element("klassifikasjonssystem"):
                        struktur.leaf("systemID", self.ids["klassifikasjonssystem"])
                        struktur.leaf("klassifikasjonstype", "Funksjonsbasert, hierarkisk")
                        struktur.leaf("tittel", self.arkiv.ordningsprinsipp)
                        struktur.leaf("opprettetDato", self.opened)
                        struktur.leaf("opprettetAv", AV)
                        with struktur.element("klasse"):
                            struktur.leaf("systemID", self.ids["klasse"])
                            struktur.leaf("klasseID", self.arkiv.klassifikasjon)
                            struktur.leaf("tittel", self.arkiv.klassifikasjon_tittel)
                            struktur.leaf("opprettetDato", self.opened)
                            struktur.leaf("opprettetAv", AV)
                            for saksnummer in saker:
                                case = store.load_case(saksnummer)
                                assert case is not None
                                try:
                                    self._mappe(struktur, endringer, loepende, offentlig, case)
                                except UnwritableText as exc:  # the whole package is discarded
                                    raise ExportError(f"Sak {saksnummer}: {exc.message}. Avleveringspakken er ikke "
                                                      f"laget. {DEPOSIT_REMEDY}") from None

    @contextmanager
    def _document(self, name: str, ns: str) -> Iterator[XmlWriter]:
        with etree.xmlfile(str(self.package / name), encoding="UTF-8") as xf:
            xf.write_declaration()
            yield XmlWriter(xf, NS + ns)

    def _journal_head(self, writer: XmlWriter, journals: int) -> None:
        """The header's dates are those of the first and last entry, not the period: Arkade 5's
        N5.60 compares them with the journal posts, and with a sharp period split any difference
        is an error."""
        with writer.element("journalhode"):
            writer.leaf("journalStartDato", self.journal_dates[0])
            writer.leaf("journalSluttDato", self.journal_dates[1])
            writer.leaf("antallJournalposter", journals)
            self._arkivskaper(writer)

    def _arkiv_head(self, w: XmlWriter) -> None:
        w.leaf("systemID", self.ids["arkiv"])
        w.leaf("tittel", f"{self.creator} – praksisplasser")
        w.leaf("arkivstatus", "Avsluttet")
        w.leaf("dokumentmedium", "Elektronisk arkiv")
        w.leaf("opprettetDato", self.opened)
        w.leaf("opprettetAv", AV)
        w.leaf("avsluttetDato", self.closed)
        w.leaf("avsluttetAv", AV)
        self._arkivskaper(w)

    def _arkivskaper(self, w: XmlWriter) -> None:
        with w.element("arkivskaper"):
            w.leaf("arkivskaperID", self.creator_id)
            w.leaf("arkivskaperNavn", self.creator)

    def _arkivdel_head(self, w: XmlWriter) -> None:
        w.leaf("systemID", self.ids["arkivdel"])
        w.leaf("tittel", f"Praksisplasser {self.start.strftime('%d.%m.%Y')}–{self.end.strftime('%d.%m.%Y')}")
        w.leaf("arkivdelstatus", "Avsluttet periode")
        w.leaf("opprettetDato", self.opened)
        w.leaf("opprettetAv", AV)
        w.leaf("avsluttetDato", self.closed)
        w.leaf("avsluttetAv", AV)
        w.leaf("arkivperiodeStartDato", self.start)
        w.leaf("arkivperiodeSluttDato", self.end)

    def _skjerming(self, w: XmlWriter, level: str, whole_document: bool = False) -> None:
        with w.element("skjerming"):
            w.leaf("tilgangsrestriksjon", self.arkiv.tilgangsrestriksjon)
            w.leaf("skjermingshjemmel", self.arkiv.skjermingshjemmel)
            w.leaf("skjermingMetadata", f"Skjerming tittel {level}" + ("" if level == "dokumentbeskrivelse"
                                                                          else " - utvalgte ord"))
            if whole_document:
                w.leaf("skjermingDokument", "Skjerming av hele dokumentet")

    # --- one case -------------------------------------------------------------------------------

    def _kassasjon(self, w: XmlWriter, metadata: Kassasjon) -> None:
        """Written only for what is to be discarded: a depot reads any kassasjon element as a
        disposal decision to be declared in arkivuttrekk.xml (Arkade 5 N5.44); what is kept for
        ever needs none."""
        if not metadata.kasseres or metadata.kassasjonsdato is None:
            return
        self.result.to_discard += 1
        with w.element("kassasjon"):
            w.leaf("kassasjonsvedtak", metadata.kassasjonsvedtak)
            w.leaf("kassasjonshjemmel", metadata.kassasjonshjemmel)
            w.leaf("bevaringstid", metadata.bevaringstid)
            w.leaf("kassasjonsdato", metadata.kassasjonsdato)

    def _mappe(self, w: XmlWriter, endringer: XmlWriter, loepende: XmlWriter, offentlig: XmlWriter,
               case: CaseFiles) -> None:
        meta = case.meta
        self.result.cases += 1
        closed = closed_at(case, ArchiveStore.events(case.folder)) or meta["oppdatertDato"]
        closed_day = local_date(closed)
        rules, tiltak = self.config.settings.bevaring, meta["praksis"]["tiltak"]
        with w.element("mappe", xsi_type="saksmappe"):
            w.leaves(meta, "systemID", "mappeID", "tittel", "offentligTittel", "opprettetDato", "opprettetAv")
            w.leaf("avsluttetDato", closed)
            w.leaf("avsluttetAv", AV)
            w.leaf("referanseArkivdel", self.ids["arkivdel"])
            self._kassasjon(w, kassasjon(case_decision(rules, tiltak, list(case.journals)), closed_day))
            self._skjerming(w, "mappe")
            journals = sorted(case.journals.values(), key=lambda j: j.meta["journalpostnummer"])
            documents = list(_documents(case))
            for journal in journals:
                document_rule = kassasjon(decision(rules, tiltak, journal.meta["praksis"]["dokumenttype"]), closed_day)
                self._journalpost(w, case, journal, [d for d in documents if d[0] is journal], document_rule)
                self._change(endringer, journal.meta["systemID"], journal.meta.get("journalstatusDato"))
                self._journal_entry(loepende, case, journal, public=False)
                self._journal_entry(offentlig, case, journal, public=True)
            w.leaves(meta, "saksaar", "sakssekvensnummer", "saksdato", "administrativEnhet", "saksansvarlig")
            w.leaf("saksstatus", "Avsluttet")

    def _journalpost(self, w: XmlWriter, case: CaseFiles, journal: Any,
                     documents: list[tuple[Any, Any, dict[str, Any], Path]], rule: Kassasjon) -> None:
        meta, description = journal.meta, journal.meta["dokumentbeskrivelse"]
        spec = self.config.settings.dokumenter.get(meta["praksis"]["dokumenttype"])
        self.result.journals += 1
        with w.element("registrering", xsi_type="journalpost"):
            w.leaves(meta, "systemID", "opprettetDato", "opprettetAv", "arkivertDato", "arkivertAv")
            self._skjerming(w, "registrering")
            with w.element("dokumentbeskrivelse"):
                w.leaf("systemID", description["systemID"])
                w.leaf("dokumenttype", spec.noark_dokumenttype if spec else "Dokument")
                w.leaves(description, "dokumentstatus", "tittel", "opprettetDato", "opprettetAv",
                         "tilknyttetRegistreringSom", "dokumentnummer", "tilknyttetDato", "tilknyttetAv")
                self._kassasjon(w, rule)
                self._skjerming(w, "dokumentbeskrivelse", whole_document=True)
                for _journal, version, obj, source in documents:
                    self._dokumentobjekt(w, case, meta, version.number, obj, source)
            w.leaves(meta, "registreringsID", "tittel", "offentligTittel")
            for part in meta["korrespondansepart"]:
                with w.element("korrespondansepart"):
                    w.leaves(part, "korrespondanseparttype", "korrespondansepartNavn")
            w.leaves(meta, "journalaar", "journalsekvensnummer", "journalpostnummer", "journalposttype")
            w.leaf("journalstatus", "Arkivert")
            w.leaf("journaldato", journal_date(meta))
            w.leaf("dokumentetsDato", journal_date(meta))

    def _dokumentobjekt(self, w: XmlWriter, case: CaseFiles, journal: dict[str, Any], number: int,
                        obj: dict[str, Any], source: Path) -> None:
        meta = case.meta
        relative = (f"DOKUMENT/{meta['saksaar']}/{meta['sakssekvensnummer']}/"
                    f"{journal['journalpostnummer']:03}-{journal['praksis']['dokumenttype']}-v{number}{source.suffix}")
        target = self.package / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        self.result.documents += 1
        self.result.bytes += obj["filstoerrelse"]
        with w.element("dokumentobjekt"):
            w.leaf("systemID", str(uuid.uuid5(NAMESPACE, f"{journal['systemID']}|{relative}")))
            w.leaf("versjonsnummer", number)
            w.leaves(obj, "variantformat", "format")
            w.leaf("formatDetaljer", obj.get("formatDetaljer"))
            w.leaves(obj, "opprettetDato", "opprettetAv")
            w.leaf("referanseDokumentfil", relative)
            w.leaf("sjekksum", obj["sjekksum"])
            w.leaf("sjekksumAlgoritme", "SHA256")
            w.leaf("filstoerrelse", obj["filstoerrelse"])

    def _change(self, w: XmlWriter, system_id: str, when: str | None) -> None:
        """Journalført → Arkivert: when the signed copy came back, or else at this deposit."""
        with w.element("endring"):
            w.leaf("referanseArkivenhet", system_id)
            w.leaf("referanseMetadata", "journalstatus")
            w.leaf("endretDato", when or self.now)
            w.leaf("endretAv", AV)
            w.leaf("tidligereVerdi", "Journalført")
            w.leaf("nyVerdi", "Arkivert")

    def _journal_entry(self, w: XmlWriter, case: CaseFiles, journal: Any, public: bool) -> None:
        meta, case_meta = journal.meta, case.meta
        with w.element("journalregistrering"):
            with w.element("klasse"):
                w.leaf("klasseID", self.arkiv.klassifikasjon)
                w.leaf("tittel", self.arkiv.klassifikasjon_tittel)
            with w.element("saksmappe"):
                w.leaves(case_meta, "saksaar", "sakssekvensnummer")
                if not public:
                    w.leaf("tittel", case_meta["tittel"])
                w.leaf("offentligTittel", case_meta["offentligTittel"])
            with w.element("journalpost"):
                w.leaves(meta, "systemID", "journalaar", "journalsekvensnummer", "journalpostnummer")
                if not public:
                    w.leaf("tittel", meta["tittel"])
                w.leaf("offentligTittel", meta["offentligTittel"])
                w.leaf("journaldato", journal_date(meta))
                w.leaf("dokumentetsDato", journal_date(meta))
                w.leaf("tilgangsrestriksjon", self.arkiv.tilgangsrestriksjon)
                w.leaf("skjermingshjemmel", self.arkiv.skjermingshjemmel)
                for part in meta["korrespondansepart"]:
                    name = part["korrespondansepartNavn"]
                    if public:
                        name = _masked_parts(meta["tittel"], meta["offentligTittel"], name)
                    with w.element("korrespondansepart"):
                        w.leaf("korrespondanseparttype", part["korrespondanseparttype"])
                        w.leaf("korrespondansepartNavn", name)


# --- the export ---------------------------------------------------------------------------------

def export_arkivuttrekk(config: Config, start: date, end: date, out: Path | None = None) -> DepositResult:
    if end < start:
        raise ExportError(f"Perioden er tom: --til ({end}) er før --fra ({start}).")
    base = out or (config.workspace.root / config.settings.eksport.mappe / "arkivuttrekk"
                   / f"{start.isoformat()}_{end.isoformat()}")
    final = base / "avleveringspakke"
    if final.exists():
        raise ExportError(f"{final} finnes allerede. Flytt eller slett den, eller velg en annen mappe med --ut.")
    store = ArchiveStore(config.workspace.archive)
    with workspace_lock(config.workspace.root, "export arkivuttrekk"):
        remove_leftovers(base, default_location=out is None)
        saker, journals, open_skipped = [], 0, 0
        first: date | None = None
        last: date | None = None
        for case in store.iter_cases():  # first pass: which cases, how many journal posts, their dates
            if not _case_in_period(case, start, end):
                continue
            if case.meta["saksstatus"] != "Avsluttet":
                open_skipped += 1
                continue
            saker.append(case.saksnummer)
            journals += len(case.journals)
            for journal in case.journals.values():
                day = journal_date(journal.meta)
                first = day if first is None or day < first else first
                last = day if last is None or day > last else last
        if not saker:
            raise ExportError(f"Ingen avsluttede saker med saksdato {start.strftime('%d.%m.%Y')}–"
                              f"{end.strftime('%d.%m.%Y')}" + (f" ({open_skipped} er fortsatt åpne)." if open_skipped else "."))
        base.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=base, prefix=STAGING_PREFIX))
        try:
            package = staging / "avleveringspakke"
            package.mkdir()
            for xsd in DEPOSIT_XSDS:
                shutil.copyfile(NOARK5 / xsd, package / xsd)
            writer = DepositWriter(config, start, end, package)
            writer.result.open_skipped = open_skipped
            if first is not None and last is not None:
                writer.journal_dates = (first, last)
            writer.write(saker, store, journals)
            counts = {"mappe": writer.result.cases, "registrering": writer.result.journals,
                      "endring": writer.result.journals, "journalregistrering": writer.result.journals}
            for xml, xsd in DEPOSIT_XML.items():
                if xml == "arkivuttrekk.xml":
                    continue  # written next, from these; validated by the package check
                problems = validate_file(package / xml, NOARK5 / xsd)
                if problems:
                    raise ExportError(f"{xml} er ikke gyldig mot {xsd}:\n  " + "\n  ".join(problems))
            write_addml(package, writer, counts)
            problems = package_check.check_package(package)
            if problems:
                raise ExportError("Avleveringspakken besto ikke kontrollen:\n  "
                                  + "\n  ".join(p.text() for p in problems[:30]))
            os.rename(package, final)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    writer.result.folder = final
    writer.result.counts = counts
    return writer.result
