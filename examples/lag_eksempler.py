"""Writes the example input files in examples/ (run: python examples/lag_eksempler.py).

The committed files are what the demo and tests read; this script documents how they
were made and makes them again after a change. Synthetic identities only.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook

from pipeline.synthetic import synthetic_fnr

HERE = Path(__file__).resolve().parent


def _find_fnr(day: int, month: int, year: int, start: int = 100) -> str:
    for individ in range(start, 500):
        value = synthetic_fnr(date(year, month, day), individ)
        if value:
            return value
    raise AssertionError


ENHET_SYKEHJEM = {"navn": "Eksempel sykehjem", "organisasjonsnummer": "951819093",
                  "adresse": "Sykehjemsveien 2, 0002 Eksempelby",
                  "leder": {"navn": "Berit Haugen", "telefon": "92345678", "epost": "berit.haugen@example.com"}}
ENHET_SKOLE = {"navn": "Bøgata skole", "organisasjonsnummer": "975749118",
               "adresse": "Bøgata 10, 0003 Eksempelby",
               "leder": {"navn": "Per Strand", "telefon": "93456789", "epost": "per.strand@example.com"}}
NAV = {"virksomhet": "NAV Eksempelby", "kontaktperson": "Anne Moen", "telefon": "55553333",
       "epost": "anne.moen@example.com"}
INN = {"virksomhet": "Kvalifiseringssenteret (INN)", "kontaktperson": "Jon Lie", "telefon": "55554444",
       "epost": "jon.lie@example.com"}


def json_example() -> None:
    placements = [
        {
            "id": "PB-2026-001", "tiltak": "arbeidstrening", "status": "Startet",
            "praktikant": {"navn": "Kari Nordmann", "foedselsnummer": _find_fnr(15, 3, 1990),
                           "adresse": "Testveien 1, 0010 Eksempelby", "telefon": "41234567",
                           "epost": "kari.nordmann@example.com"},
            "praksisenhet": ENHET_SYKEHJEM,
            "praksisveileder": {"navn": "Lise Dahl", "stilling": "Helsefagarbeider", "telefon": "94567890",
                                "epost": "lise.dahl@example.com"},
            "praksisbestiller": NAV,
            "startdato": "2026-01-05", "sluttdato": "2026-06-30", "timer_per_uke": 30,
            "arbeidstid": "Mandag–fredag 08.00–14.00",
            "arbeidsoppgaver": ["Servering av måltider", "Aktiviteter med beboerne", "Enkelt renhold"],
            "yrkesmaal": "Helsefagarbeider", "maal": ["Møte presis hver dag", "Ta fagbrev som helsefagarbeider"],
            "tilrettelegging": "Kortere dager de første to ukene.",
            "krav": {"politiattest": True, "mrsa_tuberkulose": True},
            "politiattest_fremvist": "2025-12-15", "mrsa_tuberkulose_fremvist": "2025-12-15",
            "oppstartsmoete": "2026-01-05", "midtveisevaluering": "2026-03-30",
        },
        {
            "id": "PB-2026-002", "tiltak": "aktivitetsplass", "status": "Bekreftet",
            "praktikant": {"navn": "Ola Hansen", "foedselsnummer": _find_fnr(2, 11, 1985)},
            "praksisenhet": ENHET_SKOLE,
            "praksisveileder": {"navn": "Tone Berg", "stilling": "Vaktmester"},
            "praksisbestiller": NAV,
            "startdato": "2026-02-02", "sluttdato": "2026-05-29", "timer_per_uke": 15,
            "arbeidsoppgaver": ["Vaktmesteroppgaver", "Rydding i skolegården"],
            "maal": ["Komme i gang med faste rutiner"],
        },
        {
            "id": "PB-2026-003", "tiltak": "språkpraksis", "status": "Avsluttet",
            "praktikant": {"navn": "Amina Ali", "foedselsnummer": _find_fnr(9, 8, 1995)},
            "praksisenhet": ENHET_SKOLE,
            "praksisveileder": {"navn": "Tone Berg", "stilling": "Lærer"},
            "praksisbestiller": {"virksomhet": "Voksenopplæringen (TROVO)", "kontaktperson": "Siri Bakken"},
            "startdato": "2025-09-01", "sluttdato": "2025-12-19", "timer_per_uke": 20,
            "arbeidsoppgaver": ["Hjelp i SFO", "Leksehjelp"], "maal": ["Bruke norsk i arbeidshverdagen"],
            "oppstartsmoete": "2025-09-01", "midtveisevaluering": "2025-10-27", "avslutningsmoete": "2025-12-19",
            "fullfoert": True, "vurdering": "Amina har vært stabil og blitt trygg i norsk arbeidsspråk.",
        },
        {
            "id": "PB-2026-004", "tiltak": "arbeidspraksis", "status": "Avsluttet",
            "praktikant": {"navn": "Jonas Ødegård", "foedselsnummer": _find_fnr(28, 2, 1979)},
            "praksisenhet": ENHET_SYKEHJEM, "praksisveileder": {"navn": "Lise Dahl"},
            "praksisbestiller": INN,
            "startdato": "2025-08-18", "sluttdato": "2025-12-31", "faktisk_sluttdato": "2025-10-31",
            "timer_per_uke": 37.5, "arbeidsoppgaver": ["Kjøkkenarbeid"], "maal": ["Avklare arbeidsevne"],
            "oppstartsmoete": "2025-08-18", "fullfoert": False,
        },
        {
            "id": "PB-2026-005", "tiltak": "trainee", "status": "Statusmøte avtalt",
            "praktikant": {"navn": "Fatima Hussein", "foedselsnummer": _find_fnr(30, 6, 1988)},
            "praksisenhet": {"navn": "Teknisk drift, Vei og park", "organisasjonsnummer": "997465075",
                             "adresse": "Verkstedveien 5, 0004 Eksempelby", "leder": {"navn": "Geir Olsen"}},
            "praksisbestiller": NAV,
            "startdato": "2026-03-02", "sluttdato": "2027-02-26", "timer_per_uke": 37.5,
            "yrkesmaal": "Ingeniør vei og trafikk",
        },
        {
            "id": "PB-2026-006", "tiltak": "Intern arbeidstrening", "status": "Ny",
            "praktikant": {"navn": "Marit Sæther", "foedselsnummer": _find_fnr(4, 1, 1970)},
            "praksisenhet": {"navn": "Eksempel bibliotek", "organisasjonsnummer": "989555979"},
            "startdato": "2026-04-06", "sluttdato": "2026-06-26",
        },
    ]
    (HERE / "praksisplasser.json").write_text(
        json.dumps({"praksisplasser": placements}, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


CSV_HEADERS = ["Løpenummer", "Tiltak", "Status", "Navn", "Fødselsnummer", "Telefon praktikant",
               "Praksisenhet", "Org.nr", "Adresse praksisenhet", "Leder", "Praksisveileder",
               "Bestiller", "Kontaktperson", "Startdato", "Sluttdato", "Timer per uke",
               "Arbeidsoppgaver", "Yrkesmål", "Mål", "Krever politiattest", "Politiattest fremvist",
               "Oppstartsmøte", "Fullført"]


def csv_example() -> None:
    rows = [
        ["PB-2026-101", "Arbeidstrening", " bekreftet ", "Leila Moen", _find_fnr(12, 4, 1992), "412 34 567",
         "Solsiden barnehage", "929 170 342", "Solveien 3, 0005 Eksempelby", "Hanne Lie", "Emil Strand",
         "NAV Eksempelby", "Anne Moen", "06.04.2026", "30.09.2026", "37,5",
         "Lek og aktiviteter ute\nForberede måltider\nRydding", "Barne- og ungdomsarbeider",
         "Bli trygg i norsk arbeidsspråk\nFå referanse", "Ja", "", "", ""],
        ["PB-2026-102", "Språkpraksis", "Startet", "Tarek Åsheim", _find_fnr(21, 10, 1983), "",
         "Eksempel bibliotek", "989555979", "Torget 1, 0001 Eksempelby", "Nora Dahl", "Nora Dahl",
         "Voksenopplæringen (TROVO)", "Siri Bakken", "02.03.2026", "26.06.2026", "20",
         "Utlån og hyllestell", "", "Bruke norsk i arbeidshverdagen", "Nei", "", "02.03.2026", ""],
        ["", "Aktivitetsplass", "Ny", "Sara Ødegård", _find_fnr(7, 7, 1999), "",
         "Bøgata skole", "975749118", "", "", "", "NAV Eksempelby", "", "01.05.2026", "31.07.2026", "",
         "", "", "", "", "", "", ""],
        ["PB-2026-104", "Arbeidspraksis", "Avsluttet", "Olav Bakken", _find_fnr(18, 12, 1975), "",
         "Eksempel sykehjem", "951819093", "Sykehjemsveien 2, 0002 Eksempelby", "Berit Haugen", "Lise Dahl",
         "Kvalifiseringssenteret (INN)", "Jon Lie", "05.01.2026", "03.04.2026", "30",
         "Kjøkkenarbeid\nVaskeri", "", "Møte presis hver dag", "Ja", "15.12.2025", "05.01.2026", "Ja"],
    ]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADERS)
    writer.writerows(rows)
    (HERE / "praksisliste.csv").write_bytes(buffer.getvalue().encode("cp1252"))


def xlsx_example() -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Praksisplasser"
    sheet.append(["Id", "Tiltak", "Status", "Praktikantens navn", "Fødselsnummer", "Telefon praktikant",
                  "Praksisenhet", "Organisasjonsnummer", "Adresse praksisenhet", "Leder", "Veileder",
                  "Praksisbestiller", "Kontaktperson", "Startdato", "Sluttdato", "Timer per uke",
                  "Arbeidsoppgaver", "Mål", "Oppstartsmøte"])
    # Typed the way Excel keeps them: identifiers and phone numbers as numbers (a
    # fødselsnummer born on the 1st–9th loses its leading zero), dates as date cells.
    sheet.append(["PB-2026-201", "Arbeidspraksis", "Startet", "Ahmed Johansen", int(_find_fnr(3, 9, 1991)),
                  91234567, "Eksempel sykehjem", 951819093, "Sykehjemsveien 2, 0002 Eksempelby",
                  "Berit Haugen", "Lise Dahl", "NAV Eksempelby", "Anne Moen", datetime(2026, 2, 2),
                  datetime(2026, 7, 31), 30, "Kjøkkenarbeid\nServering", "Møte presis hver dag",
                  datetime(2026, 2, 2)])
    sheet.append(["PB-2026-202", "Trainee", "Bekreftet", "Ingrid Olsen", int(_find_fnr(25, 5, 1987)),
                  "+47 913 45 678", "Teknisk drift, Vei og park", 997465075, "Verkstedveien 5, 0004 Eksempelby",
                  "Geir Olsen", "Petter Berg", "NAV Eksempelby", "Anne Moen", datetime(2026, 8, 17),
                  datetime(2027, 8, 13), 37.5, "Prosjektering av gang- og sykkelveier\nTrafikktellinger",
                  "Kvalifisere for fast stilling som ingeniør", None])
    book.save(HERE / "praksisliste.xlsx")


def invalid_example() -> None:
    """One row per kind of error, so `praksis validate` shows each message."""
    good = _find_fnr(10, 10, 1990)
    bad_check = good[:9] + str((int(good[9]) + 1) % 10) + good[10]
    headers = ["Id", "Tiltak", "Status", "Navn", "Fødselsnummer", "E-post praktikant", "Telefon praktikant",
               "Praksisenhet", "Org.nr", "Adresse praksisenhet", "Leder", "Veileder", "Bestiller",
               "Kontaktperson", "Startdato", "Sluttdato", "Timer per uke", "Arbeidsoppgaver", "Yrkesmål",
               "Mål", "Oppstartsmøte", "Krever politiattest", "Politiattest fremvist", "Fullført", "Favorittfarge"]
    base = ["", "Arbeidspraksis", "Ny", "Test Testesen", good, "", "", "Bøgata skole", "975749118",
            "Bøgata 10", "Per Strand", "Tone Berg", "NAV Eksempelby", "Anne Moen", "01.03.2026",
            "30.06.2026", "20", "Rydding", "", "Møte presis", "01.03.2026", "Nei", "", "", "blå"]
    col = {h: i for i, h in enumerate(headers)}

    def row(id_: str, **changes: str) -> list[str]:
        values = list(base)
        values[0] = id_
        for key, value in changes.items():
            values[col[key.replace("_", " ")]] = value
        return values

    rows = [
        row("FEIL-01", Fødselsnummer=bad_check),                      # check digits
        row("FEIL-02", Fødselsnummer="3213991234"),                    # 10 digits / no date
        row("FEIL-03", Startdato="31.02.2026"),                        # not a date
        row("FEIL-04", Startdato="01.07.2026"),                        # end before start
        row("FEIL-05", Tiltak="Sommerjobb"),                           # unknown tiltak
        row("FEIL-06", Status="Pågår"),                                # unknown status
        row("FEIL-07", **{"Org.nr": "975749119"}),                     # orgnr check digit
        row("FEIL-08", **{"E-post praktikant": "test.testesen(at)example.com", "Telefon praktikant": "12 34"}),
        row("FEIL-09", Tiltak="Arbeidstrening"),                       # no yrkesmål
        row("FEIL-10", Status="Startet", Krever_politiattest="Ja"),    # politiattest date missing
        row("FEIL-11", Status="Avsluttet"),                            # fullført missing
        row("FEIL-12", Status="Bekreftet", Leder="", Veileder="", Kontaktperson=""),  # praksisavtale fields
        row("FEIL-12"),                                                # duplicate id
        row("FEIL-14", Navn=""),                                       # required name
        row("FEIL-15", Timer_per_uke="60", Fullført="kanskje"),        # hours, yes/no
        row("FEIL-16", Navn="Veldig " * 40 + "langt navn"),            # too long
    ]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(rows)
    (HERE / "ugyldig.csv").write_bytes(buffer.getvalue().encode("cp1252"))


if __name__ == "__main__":
    json_example()
    csv_example()
    xlsx_example()
    invalid_example()
    print("Skrev eksemplene i", HERE)
