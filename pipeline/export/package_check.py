"""`praksis export check DIR`: a deposit package against the depot's tests in miniature
(Arkade 5's list, see schemas/REGLER.md); every problem at once, memory flat.

1 files present, not empty; the XSDs the official ones, unmodified
2 every XML valid against its XSD (arkivuttrekk.xml against addml.xsd)
3 ADDML: the checksum of every XML/XSD, the counts (numberOfOccurrences), antallDokumentfiler
4 documents: every referanseDokumentfil exists, is referenced once, has its checksum and size;
  no file in DOKUMENT/ unreferenced; only archival formats; each PDF claims PDF/A
5 systemIDs unique; referanseArkivdel and endringslogg references resolve
6 the journals: antallJournalposter = their entries = the journal posts in arkivstruktur
7 no empty elements; dates of the cases inside the period
8 closed: arkivstatus Avsluttet, arkivdelstatus Avsluttet periode, saksstatus Avsluttet,
  journalstatus Arkivert, dokumentstatus ferdigstilt; a korrespondansepart on every journal
  post; «…Av» fields hold names without digits
9 dates: every xs:dateTime in Norwegian local time (Europe/Oslo offset); arkiv, arkivdel and
  mappe dates inside the period, compared as dates in Norway (AST3/AST4 in the Documaster
  validator); the journals' headers equal each other and the first and last journal post (N5.60)
10 bevaring og kassasjon: arkivuttrekk.xml's inneholderDokumenterSomSkalKasseres and
  omfatterDokumenterSomErKassert agree with the kassasjon/utfoertKassasjon elements (N5.44, N5.45)
11 classes: a klasse with sub-classes holds no mappe or registrering (N5.12, N5.19)

Where a problem is what an Arkade 5 test reports, it carries that test's id (`arkade`, e.g.
N5.60; the list is ARKADE_TESTS), so a report can be matched with the depot's.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from lxml import etree

from ..convert.pdfa import pdfa_claim
from ..common.localtime import has_oslo_offset, local_date
from ..common.workspace import sha256_file
from .schemas import DEPOSIT_XML as XML_SCHEMAS
from .schemas import DEPOSIT_XSDS, NOARK5, validate_file
from .xmlwrite import DATETIME_TAGS

ARCHIVAL_FORMATS = {"fmt/95", "fmt/354", "fmt/476", "fmt/477", "fmt/478", "fmt/479", "fmt/480", "fmt/481"}
BY_SUFFIX = re.compile(r"Av$")


ARKADE_TESTS = {
    "N5.06": "arkivdelstatus",
    "N5.12": "ingen overordnet klasse har mapper",
    "N5.15": "saksmappestatus",
    "N5.19": "ingen overordnet klasse har registreringer",
    "N5.22": "journalstatus",
    "N5.30": "sjekksummen til dokumentfilene",
    "N5.32": "dokumentfilene finnes",
    "N5.33": "referanser til dokumentfiler (ingen fil uten referanse)",
    "N5.34": "dokumentfiler referert mer enn én gang",
    "N5.44": "kassasjonsvedtak mot arkivuttrekk.xml",
    "N5.45": "utførte kassasjoner mot arkivuttrekk.xml",
    "N5.47": "systemID er unik",
    "N5.48": "referanser til arkivdel",
    "N5.51": "referanser til sekundærklassifikasjon (klasse)",
    "N5.59": "antall journalposter i journalene",
    "N5.60": "start- og sluttdato i journalene mot journalpostene",
    "N5.62": "endringsloggens referanser",
    "N5.63": "elementer har innhold",
    "N5.64": "tomme dokumentfiler",
    "AST3": "arkivets datoer innenfor perioden (Documaster)",
    "AST4": "arkivdelens datoer innenfor perioden (Documaster)",
}
"""The depot validators' tests this check runs, by their ids (Arkade 5 N5.xx, Documaster ASTn)."""


@dataclass(frozen=True)
class Problem:
    test: str  # short name of the test that found it
    where: str
    detail: str
    arkade: str = ""  # the depot validator's test id (ARKADE_TESTS), where there is one

    def text(self) -> str:
        return f"[{self.arkade + ' ' if self.arkade else ''}{self.test}] {self.where}: {self.detail}"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


class _Checker:
    def __init__(self, package: Path) -> None:
        self.package = package
        self.problems: list[Problem] = []

    def add(self, test: str, where: str, detail: str, arkade: str = "") -> None:
        self.problems.append(Problem(test, where, detail, arkade))

    def _datetime(self, name: str, element: etree._Element, wrong: list[str]) -> None:
        """Collect an xs:dateTime that does not carry Norway's offset at its moment."""
        if _local(element.tag) in DATETIME_TAGS and element.text and not has_oslo_offset(element.text):
            wrong.append(f"<{_local(element.tag)}> {element.text} (linje {element.sourceline})")

    def _report_times(self, name: str, wrong: list[str]) -> None:
        if wrong:
            self.add("lokaltid", name, f"{len(wrong)} tidspunkt er ikke i norsk tid (Europe/Oslo, +01:00/+02:00), "
                                       f"f.eks. {wrong[0]}: en dato kan da falle på en annen dag i Norge")

    # 1 + 2 ------------------------------------------------------------------------------------
    def files(self) -> bool:
        ok = True
        for name in [*XML_SCHEMAS, *DEPOSIT_XSDS]:
            path = self.package / name
            if not path.is_file():
                self.add("filer", name, "mangler")
                ok = False
            elif path.stat().st_size == 0:
                self.add("filer", name, "er tom")
                ok = False
        for xsd in DEPOSIT_XSDS:
            path = self.package / xsd
            if path.is_file() and sha256_file(path) != sha256_file(NOARK5 / xsd):
                self.add("skjema", xsd, "er ikke det offisielle skjemaet (sjekksummen er ulik)")
        return ok

    def schemas(self) -> None:
        for xml, xsd in XML_SCHEMAS.items():
            for message in validate_file(self.package / xml, NOARK5 / xsd)[:20]:
                self.add("xsd", xml, message)

    # 3 ----------------------------------------------------------------------------------------
    def addml(self, counts: dict[str, int], documents: int, kassasjon: tuple[int, int]) -> None:
        root = etree.parse(str(self.package / "arkivuttrekk.xml")).getroot()
        ns = {"a": root.nsmap.get(None, "")}

        def prop_value(node: etree._Element, name: str) -> str | None:
            found = node.find(f"a:properties/a:property[@name='{name}']/a:value", ns)
            return found.text if found is not None else None

        listed: set[str] = set()
        for file_prop in root.iterfind(".//a:property[@name='file']", ns):
            name = prop_value(file_prop, "name")
            checksum = file_prop.find("a:properties/a:property[@name='checksum']", ns)
            value = prop_value(checksum, "value") if checksum is not None else None
            if not name:
                continue
            listed.add(name)
            path = self.package / name
            if not path.is_file():
                self.add("addml", name, "står i arkivuttrekk.xml, men finnes ikke")
            elif value != sha256_file(path):
                self.add("addml", name, "sjekksummen i arkivuttrekk.xml stemmer ikke")
        for name in XML_SCHEMAS.keys() - {"arkivuttrekk.xml"}:
            if name not in listed:
                self.add("addml", name, "har ingen sjekksum i arkivuttrekk.xml")
        for occurrence in root.iterfind(".//a:property[@name='numberOfOccurrences']", ns):
            element = occurrence.findtext("a:value", namespaces=ns)
            value = prop_value(occurrence, "value")
            if element in counts and value is not None and int(value) != counts[element]:
                self.add("antall", f"arkivuttrekk.xml ({element})",
                         f"oppgir {value}, men uttrekket har {counts[element]}")
        stated = root.find(".//a:property[@name='antallDokumentfiler']/a:value", ns)
        if stated is None or int(stated.text or -1) != documents:
            self.add("antall", "arkivuttrekk.xml (antallDokumentfiler)",
                     f"oppgir {stated.text if stated is not None else 'ingenting'}, men DOKUMENT/ har {documents} filer")
        for flag, found, arkade, what in (("inneholderDokumenterSomSkalKasseres", kassasjon[0], "N5.44", "kassasjon"),
                                          ("omfatterDokumenterSomErKassert", kassasjon[1], "N5.45", "utfoertKassasjon")):
            value = root.find(f".//a:property[@name='{flag}']/a:value", ns)
            says = value is not None and (value.text or "").strip() == "true"
            if says != (found > 0):
                self.add("kassasjon", f"arkivuttrekk.xml ({flag})",
                         f"oppgir {'true' if says else 'false'}, men arkivstruktur.xml har {found} <{what}>", arkade)

    # 4-9 on arkivstruktur ---------------------------------------------------------------------
    def structure(self, pdfa: bool) -> tuple[dict[str, int], set[str], set[str], int, tuple[date, date] | None,
                                             tuple[int, int]]:
        ids: Counter[str] = Counter()
        arkivdel_ids: set[str] = set()
        references: list[str] = []
        class_ids: set[str] = set()
        class_references: list[str] = []
        referenced: Counter[str] = Counter()
        counts = Counter[str]()
        period: list[date | None] = [None, None]
        journals = 0
        wrong_times: list[str] = []
        unit_dates: list[tuple[str, str, str, date]] = []  # (arkade id, where, field, date in Norway)
        registered: list[date] = []  # the journal posts' opprettetDato, as dates in Norway (what N5.60 reads)
        kassasjon = [0, 0]
        for _event, element in etree.iterparse(str(self.package / "arkivstruktur.xml"), events=("end",)):
            tag = _local(element.tag)
            if len(element) == 0 and not (element.text or "").strip():
                self.add("tomme", "arkivstruktur.xml", f"tomt element <{tag}> (linje {element.sourceline})", "N5.63")
            self._datetime("arkivstruktur.xml", element, wrong_times)
            if tag == "systemID":
                ids[element.text or ""] += 1
            elif BY_SUFFIX.search(tag) and element.text and any(ch.isdigit() for ch in element.text):
                self.add("navn", f"<{tag}> linje {element.sourceline}", f"«{element.text}» inneholder siffer")
            elif tag == "referanseArkivdel":
                references.append(element.text or "")
            elif tag == "referanseSekundaerKlassifikasjon":
                class_references.append(element.text or "")
            elif tag == "arkivperiodeStartDato":
                period[0] = date.fromisoformat(element.text or "")
            elif tag == "arkivperiodeSluttDato":
                period[1] = date.fromisoformat(element.text or "")
            elif tag == "kassasjon":
                kassasjon[0] += 1
            elif tag == "utfoertKassasjon":
                kassasjon[1] += 1
            elif tag == "arkivstatus" and element.text != "Avsluttet":
                self.add("status", "arkiv", f"arkivstatus er «{element.text}», skal være «Avsluttet»")
            elif tag == "arkivdelstatus" and element.text != "Avsluttet periode":
                self.add("status", "arkivdel", f"arkivdelstatus er «{element.text}», skal være «Avsluttet periode»", "N5.06")
            elif tag in ("arkiv", "arkivdel"):
                if tag == "arkivdel":
                    arkivdel_ids.add(element.findtext("{*}systemID") or "")
                for name in ("opprettetDato", "avsluttetDato"):
                    value = element.findtext(f"{{*}}{name}")
                    if value:
                        unit_dates.append(("AST3" if tag == "arkiv" else "AST4", tag, name, _norwegian_date(value)))
            elif tag == "klasse":
                class_ids.add(element.findtext("{*}systemID") or "")
                children = {_local(child.tag) for child in element}
                if "klasse" in children and children & {"mappe", "registrering"}:
                    where = f"klasse {element.findtext('{*}klasseID')}"
                    if "mappe" in children:
                        self.add("klasse", where, "har både underklasser og mapper", "N5.12")
                    if "registrering" in children:
                        self.add("klasse", where, "har både underklasser og registreringer", "N5.19")
            elif tag == "dokumentobjekt":
                counts["dokumentobjekt"] += 1
                self._document(element, referenced, pdfa)
            elif tag == "registrering":
                counts["registrering"] += 1
                where = f"journalpost {element.findtext('{*}registreringsID') or element.findtext('{*}systemID')}"
                if element.find("{*}journalpostnummer") is not None:
                    journals += 1
                created = element.findtext("{*}opprettetDato")
                if created:
                    registered.append(_norwegian_date(created))
                if element.find("{*}korrespondansepart") is None:
                    self.add("status", where, "har ingen korrespondansepart")
                if element.findtext("{*}journalstatus") != "Arkivert":
                    self.add("status", where, f"journalstatus er «{element.findtext('{*}journalstatus')}», "
                                              "skal være «Arkivert»", "N5.22")
                for description in element.iterfind("{*}dokumentbeskrivelse"):
                    if description.findtext("{*}dokumentstatus") != "Dokumentet er ferdigstilt":
                        self.add("status", where, "dokumentstatus er ikke «Dokumentet er ferdigstilt»")
            elif tag == "mappe":
                counts["mappe"] += 1
                where = f"saksmappe {element.findtext('{*}mappeID')}"
                if element.findtext("{*}saksstatus") not in (None, "Avsluttet"):
                    self.add("status", where, f"saksstatus er «{element.findtext('{*}saksstatus')}», skal være «Avsluttet»",
                             "N5.15")
                if not element.findtext("{*}avsluttetDato"):
                    self.add("status", where, "mangler avsluttetDato")
                created = element.findtext("{*}opprettetDato")
                closed = element.findtext("{*}avsluttetDato")
                if created and period[0] and period[1] and not period[0] <= _norwegian_date(created) <= period[1]:
                    self.add("periode", where, f"opprettetDato {_norwegian_date(created)} (norsk tid) er utenfor "
                                               f"perioden {period[0]}–{period[1]}")
                if created and closed and _norwegian_date(closed) < _norwegian_date(created):
                    self.add("periode", where, f"avsluttetDato {closed} er før opprettetDato {created}")
                element.clear(keep_tail=True)  # the case is checked: let it go
        self._report_times("arkivstruktur.xml", wrong_times)
        if period[0] and period[1]:
            for arkade, unit, name, day in unit_dates:
                if not period[0] <= day <= period[1]:
                    self.add("periode", unit, f"{name} er {day} i norsk tid, utenfor perioden {period[0]}–{period[1]} "
                                              "(en periodeslutt i UTC faller på neste dag i Norge)", arkade)
        for system_id, n in ids.items():
            if n > 1:
                self.add("systemID", system_id, f"brukt {n} ganger", "N5.47")
        for reference in references:
            if reference not in arkivdel_ids:
                self.add("referanse", f"referanseArkivdel {reference}", "peker ikke på noen arkivdel", "N5.48")
        for reference in class_references:
            if reference not in class_ids:
                self.add("referanse", f"referanseSekundaerKlassifikasjon {reference}", "peker ikke på noen klasse", "N5.51")
        for name, n in referenced.items():
            if n > 1:
                self.add("dokumenter", name, f"referert {n} ganger", "N5.34")
        files = {p.relative_to(self.package).as_posix() for p in (self.package / "DOKUMENT").rglob("*") if p.is_file()} \
            if (self.package / "DOKUMENT").is_dir() else set()
        for name in sorted(files - set(referenced)):
            self.add("dokumenter", name, "ligger i DOKUMENT/, men ingen dokumentobjekt refererer til den", "N5.33")
        counts["journalpost"] = journals
        counts["dokumentfiler"] = len(files)
        first_last = (min(registered), max(registered)) if registered else None
        return dict(counts), set(ids), files, journals, first_last, (kassasjon[0], kassasjon[1])

    def _document(self, element: etree._Element, referenced: Counter[str], pdfa: bool) -> None:
        reference = element.findtext("{*}referanseDokumentfil") or ""
        referenced[reference] += 1
        path = self.package / reference
        if not reference or not path.is_file():
            self.add("dokumenter", reference or f"linje {element.sourceline}", "filen finnes ikke", "N5.32")
            return
        if path.stat().st_size == 0:
            self.add("dokumenter", reference, "filen er tom", "N5.64")
        if str(path.stat().st_size) != element.findtext("{*}filstoerrelse"):
            self.add("dokumenter", reference, f"filstoerrelse {element.findtext('{*}filstoerrelse')} ≠ {path.stat().st_size}")
        if sha256_file(path) != (element.findtext("{*}sjekksum") or "").lower():
            self.add("dokumenter", reference, "sjekksummen stemmer ikke", "N5.30")
        fmt = element.findtext("{*}format")
        if fmt not in ARCHIVAL_FORMATS:
            self.add("format", reference, f"format {fmt} er ikke et arkivformat")
        if pdfa and path.suffix.lower() == ".pdf" and pdfa_claim(path) is None:
            self.add("format", reference, "PDF-en oppgir ikke at den er PDF/A")

    def journals_and_log(self, ids: set[str], journals: int, registered: tuple[date, date] | None) -> dict[str, int]:
        counts: dict[str, int] = {}
        heads: dict[str, tuple[date | None, date | None]] = {}
        for name in ("loependeJournal.xml", "offentligJournal.xml"):
            stated, entries = None, 0
            head: list[date | None] = [None, None]
            dated: list[date] = []
            wrong_times: list[str] = []
            for _event, element in etree.iterparse(str(self.package / name), events=("end",)):
                tag = _local(element.tag)
                if len(element) == 0 and not (element.text or "").strip():
                    self.add("tomme", name, f"tomt element <{tag}> (linje {element.sourceline})", "N5.63")
                self._datetime(name, element, wrong_times)
                if tag == "antallJournalposter":
                    stated = int(element.text or 0)
                elif tag == "journalStartDato":
                    head[0] = date.fromisoformat(element.text or "")
                elif tag == "journalSluttDato":
                    head[1] = date.fromisoformat(element.text or "")
                elif tag == "journaldato" and element.text:
                    dated.append(date.fromisoformat(element.text[:10]))
                elif tag == "journalregistrering":
                    entries += 1
                    if name == "offentligJournal.xml" and element.find(".//{*}tittel[1]") is not None \
                            and element.find("{*}journalpost/{*}tittel") is not None:
                        self.add("offentlig", f"{name} linje {element.sourceline}", "har tittel (bare offentligTittel er lov)")
                    element.clear(keep_tail=True)
            self._report_times(name, wrong_times)
            if stated != entries or entries != journals:
                self.add("journal", name, f"antallJournalposter {stated}, {entries} journalregistreringer, "
                                          f"{journals} journalposter i arkivstruktur.xml: skal være like", "N5.59")
            counts["journalregistrering"] = entries
            heads[name] = (head[0], head[1])
            shown = f"journalStartDato {head[0]}, journalSluttDato {head[1]}"
            if dated and (head[0], head[1]) != (min(dated), max(dated)):
                self.add("journaldatoer", name, f"{shown}, men journalpostene går fra {min(dated)} til {max(dated)} "
                                                "(journaldato)", "N5.60")
            if registered and (head[0], head[1]) != registered:
                self.add("journaldatoer", name, f"{shown}, men journalpostene i arkivstruktur.xml er opprettet "
                                                f"{registered[0]}–{registered[1]} (opprettetDato i norsk tid)", "N5.60")
        if len(set(heads.values())) > 1:
            self.add("journaldatoer", "loependeJournal.xml / offentligJournal.xml",
                     "journalhodene har ulike start- og sluttdatoer", "N5.60")
        changes = 0
        wrong_times: list[str] = []
        for _event, element in etree.iterparse(str(self.package / "endringslogg.xml"), events=("end",)):
            self._datetime("endringslogg.xml", element, wrong_times)
            if _local(element.tag) == "endring":
                changes += 1
                reference = element.findtext("{*}referanseArkivenhet")
                if reference not in ids:
                    self.add("referanse", f"endringslogg.xml linje {element.sourceline}",
                             f"referanseArkivenhet {reference} finnes ikke i arkivstruktur.xml", "N5.62")
                element.clear(keep_tail=True)
        self._report_times("endringslogg.xml", wrong_times)
        if changes == 0:
            self.add("endringslogg", "endringslogg.xml", "må ha minst én endring")
        counts["endring"] = changes
        return counts


def check_package(package: Path, pdfa: bool = True) -> list[Problem]:
    """Every problem of the package in `package` (the avleveringspakke folder); [] if none."""
    checker = _Checker(package)
    if not package.is_dir():
        return [Problem("filer", str(package), "mappen finnes ikke")]
    if not checker.files():
        return checker.problems  # the rest cannot run on missing files
    checker.schemas()
    try:  # schema errors do not stop the other tests; a file that is not XML at all does
        counts, ids, files, journals, registered, kassasjon = checker.structure(pdfa)
        counts.update(checker.journals_and_log(ids, journals, registered))
        checker.addml(counts, len(files), kassasjon)
    except (etree.XMLSyntaxError, ValueError) as exc:
        checker.add("ulesbar", str(package), f"kontrollen kunne ikke fullføres: {exc}")
    return checker.problems


def _norwegian_date(value: str) -> date:
    """The date in Norway of an xs:dateTime (an xs:date is taken as it is)."""
    return local_date(value) if "T" in value else date.fromisoformat(value[:10])
