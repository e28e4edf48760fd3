"""What the inbox pages show, computed from the registry alone (no case files are read):
the open cases with their documents and what each lacks, overdue marks, the coming
meetings, and the units' free places. One place for these rules; `praksis mangler` and
the pages both use `lacking`."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from ..common.config import Config
from ..domain.normalize import fold
from ..domain.record import Status
from ..archive.overview_state import ensure_tables
from ..domain.texts import N_

if TYPE_CHECKING:  # places reads Excel sheets (openpyxl): `praksis mangler` does not import it
    from ..reading.places import Offer

OSLO = ZoneInfo("Europe/Oslo")
ATTEST_DAYS = 14
"""A required politiattest/MRSA date still missing this close to the start is overdue."""
MEETING_DAYS = 30
TAKEN = (Status.BEKREFTET.value, Status.STARTET.value)


def today_in_oslo() -> date:
    return datetime.now(OSLO).date()


@dataclass(slots=True)
class Document:
    dokumenttype: str
    tittel: str
    versjon: int
    waiting: bool  # to be signed, and its current version has no signed copy
    signed: bool  # to be signed, and its current version has a signed copy
    superseded: tuple[tuple[int, int], ...]  # (signed version, version it signs), filed after a newer version


@dataclass(slots=True)
class Lack:
    kind: str  # signatur, attest, midtveis
    text: str
    overdue: bool
    link: str | None = None  # a file name in til_signering/
    dokument: str = ""  # the document set's key, for a missing signature
    versjon: int = 0


@dataclass(slots=True)
class Case:
    saksnummer: str
    navn: str
    status: str
    tiltak: str
    enhet: str
    startdato: date
    sluttdato: date
    documents: list[Document] = field(default_factory=list)
    lacks: list[Lack] = field(default_factory=list)


@dataclass(frozen=True)
class Meeting:
    when: date
    what: str  # a `texts.Message`: the page shows it in the workspace's målform
    case: Case


@dataclass(frozen=True)
class UnitPlaces:
    offer: Offer
    taken: int

    @property
    def free(self) -> int:
        return max(0, self.offer.antall - self.taken)


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text[:10]) if text else None


def til_signering_name(saksnummer: str, dokumenttype: str, versjon: int) -> str:
    """The file name in til_signering/, in the form the signed intake reads (`2026-17_praksisavtale_v1.pdf`)."""
    year, number = saksnummer.split("/")
    return f"{year}-{number}_{dokumenttype}_v{versjon}.pdf"


_MAY_LACK = """ AND (s.saksnummer IN (SELECT saksnummer FROM oversikt_dokument WHERE venter = 1
                                         AND dokumenttype IN (SELECT value FROM json_each(?1)))
                  OR (s.status != 'Avsluttet' AND ((o.krav_politiattest AND coalesce(o.politiattest_fremvist, '') = '')
                                                   OR (o.krav_mrsa AND coalesce(o.mrsa_fremvist, '') = '')
                                                   OR o.midtveisevaluering IS NOT NULL)))"""
"""Cases that may lack something (every case that does, and some that do not: the midway
rule's dates are compared below): what `mangler` needs, and a small share of 30,000 cases."""


def lacking(db: sqlite3.Connection, config: Config, today: date, open_only: bool = True,
            lacking_only: bool = False) -> list[Case]:
    """Every case (open ones only, by default) with its documents and what it lacks, in case
    order. `lacking_only` (for `mangler`): only the cases that lack something, each with only
    its documents that wait for a signed copy, chosen by SQLite before any Python object is made. Texts in the workspace's
    målform."""
    _ = config.texts
    ensure_tables(db)
    specs = config.settings.dokumenter
    bekreftet = Status.BEKREFTET.rang
    to_sign = {name for name, spec in specs.items() if spec.signeres_av}
    parameters = (json.dumps(sorted(to_sign)),) if lacking_only else ()
    documents: dict[str, list[tuple]] = defaultdict(list)  # type: ignore[type-arg]
    cursor = db.cursor()
    cursor.row_factory = None  # plain tuples: this runs over every case
    for row in cursor.execute("SELECT saksnummer, dokumenttype, gjeldende, venter, utdatert_signert FROM oversikt_dokument"
                              + (" WHERE venter = 1" if lacking_only else "")):
        documents[row[0]].append(row)
    query = """SELECT s.saksnummer, s.status, s.tiltak, s.enhet, s.startdato, s.sluttdato, s.oppdatert,
                      o.navn, o.krav_politiattest, o.politiattest_fremvist, o.krav_mrsa, o.mrsa_fremvist,
                      o.midtveisevaluering
               FROM sak s LEFT JOIN oversikt_sak o ON o.saksnummer = s.saksnummer
               WHERE s.status IS NOT NULL""" + (" AND s.status != 'Avsluttet'" if open_only else "") + \
            (_MAY_LACK if lacking_only else "") + " ORDER BY s.saksaar, s.sakssekvensnummer"
    before_start = {name for name, spec in specs.items() if spec.fra_status.rang <= bekreftet}
    cases: list[Case] = []
    for (saksnummer, status, tiltak, enhet, startdato, sluttdato, oppdatert, navn, krav_politiattest,
         politiattest_fremvist, krav_mrsa, mrsa_fremvist, midtveisevaluering) in cursor.execute(query, parameters):
        start, end = date.fromisoformat(startdato), date.fromisoformat(sluttdato)
        case = Case(saksnummer, navn or "", status, tiltak or "", enhet or "", start, end)
        started = today > start
        for _sak, dokumenttype, current, pending, replaced in documents.get(saksnummer, ()):
            waiting = dokumenttype in to_sign and bool(pending)
            # due before the start (from Bekreftet): unsigned after the start date is overdue
            overdue = waiting and started and dokumenttype in before_start
            name = til_signering_name(saksnummer, dokumenttype, current) if waiting else None
            title = config.documents.title(dokumenttype)
            superseded = tuple(tuple(pair) for pair in json.loads(replaced)) if replaced != "[]" else ()
            case.documents.append(Document(dokumenttype, title, current, waiting,
                                           dokumenttype in to_sign and not waiting, superseded))  # type: ignore[arg-type]
            if waiting:
                case.lacks.append(Lack("signatur", _("signert {dokument} (v{versjon})", dokument=title.lower(),
                                                     versjon=current), overdue, name, dokumenttype, current))
        if status != Status.AVSLUTTET.value:
            for need, shown, what in ((krav_politiattest, politiattest_fremvist, _("politiattest")),
                                      (krav_mrsa, mrsa_fremvist, _("MRSA/tuberkulose-erklæring"))):
                if need and not shown:
                    case.lacks.append(Lack("attest", _("dato for {attest} (kreves før start {start})", attest=what,
                                                       start=f"{start:%d.%m.%Y}"), (start - today).days < ATTEST_DAYS))
            midway = _day(midtveisevaluering)
            if midway is not None and midway < today and (_day(oppdatert) or midway) <= midway:
                case.lacks.append(Lack("midtveis", _("midtveisevaluering {dato} er passert, og saken er ikke "
                                                     "oppdatert siden", dato=f"{midway:%d.%m.%Y}"), True))
        cases.append(case)
    return cases


def meetings(db: sqlite3.Connection, cases: list[Case], today: date) -> list[Meeting]:
    """The start-up, midway and end meetings of the open cases in the next MEETING_DAYS days."""
    by_number = {c.saksnummer: c for c in cases}
    last = today + timedelta(days=MEETING_DAYS)
    found: list[Meeting] = []
    rows = db.execute("SELECT saksnummer, oppstartsmoete, midtveisevaluering, avslutningsmoete FROM oversikt_sak "
                      "WHERE oppstartsmoete BETWEEN ?1 AND ?2 OR midtveisevaluering BETWEEN ?1 AND ?2 "
                      "OR avslutningsmoete BETWEEN ?1 AND ?2", (today.isoformat(), last.isoformat()))
    for row in rows:
        case = by_number.get(row[0])
        if case is None:
            continue
        for value, what in ((row[1], N_("Oppstartsmøte")), (row[2], N_("Midtveisevaluering")),
                            (row[3], N_("Avslutningsmøte"))):
            day = _day(value)
            if day is not None and today <= day <= last:
                found.append(Meeting(day, what, case))
    return sorted(found, key=lambda m: (m.when, m.case.saksnummer))


def free_places(db: sqlite3.Connection, offers: list[Offer], today: date) -> list[UnitPlaces]:
    """Per unit with a current or coming offer: places offered, taken (placements at Bekreftet
    or Startet whose period overlaps the offer's) and free."""
    periods: dict[str, list[tuple[date, date]]] = defaultdict(list)
    for row in db.execute("SELECT enhet, startdato, sluttdato FROM sak WHERE status IN (?, ?)", TAKEN):
        if row[0] and row[1] and row[2]:
            periods[fold(row[0])].append((date.fromisoformat(row[1]), date.fromisoformat(row[2])))
    units = []
    for offer in offers:
        start = date.fromisoformat(offer.gyldig_fra) if offer.gyldig_fra else date.min
        end = date.fromisoformat(offer.gyldig_til) if offer.gyldig_til else date.max
        if end < today:
            continue  # an offer that has run out
        taken = sum(1 for s, e in periods.get(fold(offer.enhet), ()) if s <= end and e >= start)
        units.append(UnitPlaces(offer, taken))
    return units
