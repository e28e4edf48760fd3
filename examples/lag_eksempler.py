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

from pipeline.domain.synthetic import synthetic_fnr

HERE = Path(__file__).resolve().parent


def _find_fnr(day: int, month: int, year: int, start: int = 100) -> str:
    for individ in range(start, 500):
        value = synthetic_fnr(date(year, month, day), individ)
        if value:
            return value
    raise AssertionError


ENHET_SYKEHJEM = {"navn": "Eksempel sykehjem", "organisasjonsnummer": "951819093",
                  "adresse": "Sykehjemsveien 2, 0002 Eksempelby", "sektor": "helse",
                  "leder": {"navn": "Berit Haugen", "stilling": "Avdelingsleder", "telefon": "92345678",
                            "epost": "berit.haugen@example.com"}}
ENHET_SKOLE = {"navn": "Bøgata skole", "organisasjonsnummer": "975749118",
               "adresse": "Bøgata 10, 0003 Eksempelby", "sektor": "skole",
               "leder": {"navn": "Per Strand", "stilling": "Rektor", "telefon": "93456789",
                         "epost": "per.strand@example.com"}}
HJEMMEL_HELSE = "helse- og omsorgstjenesteloven § 5-4"
HJEMMEL_BARNEHAGE = "barnehageloven § 30, jf. politiregisterloven § 39 første ledd"
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
            "krav": {"politiattest": True, "mrsa_tuberkulose": True, "politiattest_hjemmel": HJEMMEL_HELSE},
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
            "fullfoert": True, "vurdering": "Amina Ali har hatt stabilt oppmøte og har blitt trygg på å bruke norsk i arbeidet.",
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
            "hjemmeenhet": {"navn": "Eksempel hjemmetjeneste", "leder": "Nina Berg"},
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
               "Oppstartsmøte", "Fullført", "Sektor", "Hjemmel for politiattest"]


def csv_example() -> None:
    rows = [
        ["PB-2026-101", "Arbeidstrening", " bekreftet ", "Leila Moen", _find_fnr(12, 4, 1992), "412 34 567",
         "Solsiden barnehage", "929 170 342", "Solveien 3, 0005 Eksempelby", "Hanne Lie", "Emil Strand",
         "NAV Eksempelby", "Anne Moen", "06.04.2026", "30.09.2026", "37,5",
         "Lek og aktiviteter ute\nForberede måltider\nRydding", "Barne- og ungdomsarbeider",
         "Bli trygg i norsk arbeidsspråk\nFå referanse", "Ja", "", "", "", "Barnehage", HJEMMEL_BARNEHAGE],
        ["PB-2026-102", "Språkpraksis", "Startet", "Tarek Åsheim", _find_fnr(21, 10, 1983), "",
         "Eksempel bibliotek", "989555979", "Torget 1, 0001 Eksempelby", "Nora Dahl", "Nora Dahl",
         "Voksenopplæringen (TROVO)", "Siri Bakken", "02.03.2026", "26.06.2026", "20",
         "Utlån og hyllestell", "", "Bruke norsk i arbeidshverdagen", "Nei", "", "02.03.2026", "", "Annen", ""],
        ["", "Aktivitetsplass", "Ny", "Sara Ødegård", _find_fnr(7, 7, 1999), "",
         "Bøgata skole", "975749118", "", "", "", "NAV Eksempelby", "", "01.05.2026", "31.07.2026", "",
         "", "", "", "", "", "", "", "Skole", ""],
        ["PB-2026-104", "Arbeidspraksis", "Avsluttet", "Olav Bakken", _find_fnr(18, 12, 1975), "",
         "Eksempel sykehjem", "951819093", "Sykehjemsveien 2, 0002 Eksempelby", "Berit Haugen", "Lise Dahl",
         "Kvalifiseringssenteret (INN)", "Jon Lie", "05.01.2026", "03.04.2026", "30",
         "Kjøkkenarbeid\nVaskeri", "", "Møte presis hver dag", "Ja", "15.12.2025", "05.01.2026", "Ja",
         "Helse og omsorg", HJEMMEL_HELSE],
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
                  "Arbeidsoppgaver", "Mål", "Oppstartsmøte", "Leders stilling", "Stillingstittel",
                  "Stillingsprosent", "Lønn", "Prøvetid i måneder"])
    # Typed the way Excel keeps them: identifiers and phone numbers as numbers (a
    # fødselsnummer born on the 1st–9th loses its leading zero), dates as date cells.
    sheet.append(["PB-2026-201", "Arbeidspraksis", "Startet", "Ahmed Johansen", int(_find_fnr(3, 9, 1991)),
                  91234567, "Eksempel sykehjem", 951819093, "Sykehjemsveien 2, 0002 Eksempelby",
                  "Berit Haugen", "Lise Dahl", "NAV Eksempelby", "Anne Moen", datetime(2026, 2, 2),
                  datetime(2026, 7, 31), 30, "Kjøkkenarbeid\nServering", "Møte presis hver dag",
                  datetime(2026, 2, 2), "Avdelingsleder", None, None, None, None])
    sheet.append(["PB-2026-202", "Trainee", "Bekreftet", "Ingrid Olsen", int(_find_fnr(25, 5, 1987)),
                  "+47 913 45 678", "Teknisk drift, Vei og park", 997465075, "Verkstedveien 5, 0004 Eksempelby",
                  "Geir Olsen", "Petter Berg", "NAV Eksempelby", "Anne Moen", datetime(2026, 8, 17),
                  datetime(2027, 8, 13), 37.5, "Prosjektering av gang- og sykkelveier\nTrafikktellinger",
                  "Kvalifisere for fast stilling som ingeniør", None, "Driftssjef", "Trainee, vei og trafikk",
                  100, "kr 520 000 per år", 5])
    book.save(HERE / "praksisliste.xlsx")


def all_schemes_example() -> None:
    """alle_tiltak.json: every tiltak at every status (so every document of every scheme can be
    rendered and looked at), two placements that ended early, and one with every optional field
    empty. Used by `praksis render examples/alle_tiltak.json --alle` and the document tests."""
    barnehage = {"navn": "Solsiden barnehage", "organisasjonsnummer": "929170342",
                 "adresse": "Solveien 3, 0005 Eksempelby", "sektor": "barnehage",
                 "leder": {"navn": "Hanne Lie", "stilling": "Styrer", "telefon": "93334444",
                           "epost": "hanne.lie@example.com"}}
    bibliotek = {"navn": "Eksempel bibliotek", "organisasjonsnummer": "989555979",
                 "adresse": "Torget 1, 0001 Eksempelby", "sektor": "annen",
                 "leder": {"navn": "Nora Dahl", "stilling": "Biblioteksjef", "telefon": "95556666"}}
    vei = {"navn": "Teknisk drift, Vei og park", "organisasjonsnummer": "997465075",
           "adresse": "Verkstedveien 5, 0004 Eksempelby", "sektor": "annen",
           "leder": {"navn": "Geir Olsen", "stilling": "Driftssjef", "telefon": "+4791345678",
                     "epost": "geir.olsen@example.com"}}
    trovo = {"virksomhet": "Voksenopplæringen (TROVO)", "kontaktperson": "Siri Bakken", "telefon": "55556666",
             "epost": "siri.bakken@example.com"}
    schemes = {
        "arbeidstrening": {"praksisenhet": ENHET_SYKEHJEM, "praksisbestiller": NAV, "yrkesmaal": "Helsefagarbeider",
                           "arbeidsoppgaver": ["Servering av måltider", "Aktiviteter med beboerne"],
                           "maal": ["Møte presis hver dag", "Bli trygg i stellesituasjoner"],
                           "krav": {"politiattest": True, "mrsa_tuberkulose": True,
                                    "politiattest_hjemmel": HJEMMEL_HELSE}},
        "aktivitetsplass": {"praksisenhet": ENHET_SKOLE, "praksisbestiller": NAV,
                            "arbeidsoppgaver": ["Vaktmesteroppgaver", "Rydding i skolegården"],
                            "maal": ["Komme i gang med faste rutiner"]},
        "spraakpraksis": {"praksisenhet": bibliotek, "praksisbestiller": trovo,
                          "arbeidsoppgaver": ["Utlån og hyllestell", "Hjelp til besøkende"],
                          "maal": ["Bruke norsk i arbeidshverdagen"]},
        "arbeidspraksis": {"praksisenhet": barnehage, "praksisbestiller": INN,
                           "arbeidsoppgaver": ["Lek og aktiviteter ute", "Forberede måltider"],
                           "maal": ["Få arbeidserfaring fra barnehage", "Få en referanse"],
                           "krav": {"politiattest": True, "politiattest_hjemmel": HJEMMEL_BARNEHAGE}},
        "trainee": {"praksisenhet": vei, "praksisbestiller": NAV,
                    "arbeidsoppgaver": ["Prosjektering av gang- og sykkelveier", "Trafikktellinger"],
                    "maal": ["Kvalifisere for fast stilling som ingeniør"],
                    "ansettelse": {"stillingstittel": "Trainee, vei og trafikk", "stillingsprosent": 100,
                                   "loenn": "kr 520 000 per år", "proevetid_maaneder": 5}},
        "intern_arbeidstrening": {"praksisenhet": bibliotek,
                                  "hjemmeenhet": {"navn": "Eksempel hjemmetjeneste", "leder": "Nina Berg"},
                                  "arbeidsoppgaver": ["Skranketjeneste", "Arrangementer"],
                                  "maal": ["Prøve ut arbeid i 80 % stilling (30 timer per uke)", "Finne oppgaver som passer"]},
    }
    names = iter([("Kari", "Nordmann"), ("Ola", "Hansen"), ("Amina", "Ali"), ("Jonas", "Ødegård"),
                  ("Fatima", "Hussein"), ("Marit", "Sæther"), ("Leila", "Moen"), ("Tarek", "Åsheim"),
                  ("Sara", "Lund"), ("Olav", "Bakken"), ("Ahmed", "Johansen"), ("Ingrid", "Olsen"),
                  ("Nils", "Vik"), ("Hanna", "Berg"), ("Ali", "Rahimi"), ("Eva", "Strand"),
                  ("Jon", "Haugen"), ("Liv", "Aas"), ("Omar", "Said"), ("Siv", "Holm"),
                  ("Per", "Lie"), ("Anne", "Dale"), ("Emil", "Foss"), ("Maja", "Ruud"),
                  ("Tor", "Moe"), ("Rita", "Sand"), ("Kim", "Bø"), ("Vera", "Nes"),
                  ("Knut", "Lunde"), ("Mona", "Eide"), ("Lars", "Ask"), ("Ida", "Hovland")])
    statuses = ["Ny", "Statusmøte avtalt", "Bekreftet", "Startet", "Avsluttet"]
    placements = []
    number = 300
    for tiltak, facts in schemes.items():
        for status in statuses:
            number += 1
            first, last = next(names)
            started = statuses.index(status) >= statuses.index("Startet")
            record = {
                "id": f"PB-2026-{number}", "tiltak": tiltak, "status": status,
                "praktikant": {"navn": f"{first} {last}", "foedselsnummer": _find_fnr(1 + number % 28, 1 + number % 12,
                                                                                      1970 + number % 30),
                               "adresse": f"Testveien {number % 50 + 1}, 0010 Eksempelby",
                               "telefon": f"4{number:07d}", "epost": f"{first.lower()}.{number}@example.com"},
                "praksisveileder": {"navn": "Lise Dahl", "stilling": "Fagarbeider", "telefon": "94567890",
                                    "epost": "lise.dahl@example.com"},
                "startdato": "2026-01-05", "sluttdato": "2026-06-30" if tiltak != "trainee" else "2026-12-31",
                "timer_per_uke": 37.5 if tiltak == "trainee" else 30,
                "arbeidstid": "Mandag–fredag 08.00–15.30" if tiltak == "trainee" else "Mandag–fredag 08.00–14.00",
                "tilrettelegging": "Kortere dager de første to ukene." if tiltak != "trainee" else None,
                **facts,
            }
            if "politiattest" in record.get("krav", {}):
                record["politiattest_fremvist"] = "2025-12-15"
            if record.get("krav", {}).get("mrsa_tuberkulose"):
                record["mrsa_tuberkulose_fremvist"] = "2025-12-15"
            if started:
                record["oppstartsmoete"] = "2026-01-05"
            if status == "Avsluttet":
                record.update(midtveisevaluering="2026-03-30", avslutningsmoete="2026-06-26", fullfoert=True,
                              vurdering=f"{first} {last} har hatt stabilt oppmøte og har løst oppgavene selvstendig.")
                if tiltak == "trainee":
                    record.update(midtveisevaluering="2026-06-29", avslutningsmoete="2026-12-18")
            placements.append({k: v for k, v in record.items() if v is not None})
    for tiltak in ("arbeidspraksis", "intern_arbeidstrening"):  # ended early: no praksisbevis, real end date
        number += 1
        first, last = next(names)
        placements.append({
            "id": f"PB-2026-{number}", "tiltak": tiltak, "status": "Avsluttet",
            "praktikant": {"navn": f"{first} {last}", "foedselsnummer": _find_fnr(3, 3, 1980 + number % 10)},
            "praksisveileder": {"navn": "Lise Dahl"},
            "startdato": "2025-08-18", "sluttdato": "2025-12-31", "faktisk_sluttdato": "2025-10-31",
            "timer_per_uke": 20, "oppstartsmoete": "2025-08-18", "fullfoert": False,
            **{k: v for k, v in schemes[tiltak].items() if k != "krav"},
        })
    number += 1
    placements.append({  # every optional field empty
        "id": f"PB-2026-{number}", "tiltak": "arbeidspraksis", "status": "Ny",
        "praktikant": {"navn": "Rune Tveit", "foedselsnummer": _find_fnr(19, 9, 1999)},
        "praksisenhet": {"navn": "Eksempel rådhus"},
        "startdato": "2026-09-01", "sluttdato": "2026-12-18",
    })
    (HERE / "alle_tiltak.json").write_text(
        json.dumps({"praksisplasser": placements}, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


def nynorsk_example() -> None:
    """nynorsk.json: placements whose documents are in nynorsk (the column «Målform»), with the free
    text written in nynorsk as a nynorsk-writing unit would; one says «nn», one «Nynorsk», and one
    is in bokmål in the same file. See README («Nynorsk»)."""
    enhet = {"navn": "Eksempel omsorgssenter", "organisasjonsnummer": "951819093",
             "adresse": "Omsorgsvegen 2, 0002 Eksempelby", "sektor": "helse",
             "leder": {"navn": "Solveig Aasen", "stilling": "Einingsleiar", "telefon": "92345678",
                       "epost": "solveig.aasen@example.com"}}
    placements = [
        {
            "id": "NN-2026-001", "tiltak": "arbeidstrening", "status": "Startet", "Målform": "nynorsk",
            "praktikant": {"navn": "Ingrid Vik", "foedselsnummer": _find_fnr(12, 4, 1992),
                           "adresse": "Testvegen 3, 0010 Eksempelby", "telefon": "41234568",
                           "epost": "ingrid.vik@example.com"},
            "praksisenhet": enhet,
            "praksisveileder": {"navn": "Eirik Haugland", "stilling": "Helsefagarbeidar", "telefon": "94567891",
                                "epost": "eirik.haugland@example.com"},
            "praksisbestiller": NAV,
            "startdato": "2026-01-05", "sluttdato": "2026-06-30", "timer_per_uke": 30,
            "arbeidstid": "Måndag–fredag 08.00–14.00",
            "arbeidsoppgaver": ["Servering av måltid", "Aktivitetar med bebuarane", "Enkelt reinhald"],
            "yrkesmaal": "Helsefagarbeidar", "maal": ["Møte presis kvar dag", "Ta fagbrev som helsefagarbeidar"],
            "tilrettelegging": "Kortare dagar dei første to vekene.",
            "krav": {"politiattest": True, "politiattest_hjemmel": HJEMMEL_HELSE},
            "politiattest_fremvist": "2025-12-15", "oppstartsmoete": "2026-01-05",
        },
        {
            "id": "NN-2026-002", "tiltak": "arbeidspraksis", "status": "Bekreftet", "Målform": "nn",
            "praktikant": {"navn": "Olav Brekke", "foedselsnummer": _find_fnr(3, 9, 1985),
                           "telefon": "41234569", "epost": "olav.brekke@example.com"},
            "praksisenhet": ENHET_SKOLE,
            "praksisveileder": {"navn": "Marit Lunde", "stilling": "Reinhaldar"},
            "praksisbestiller": INN,
            "startdato": "2026-02-02", "sluttdato": "2026-05-29", "timer_per_uke": 20,
            "arbeidsoppgaver": ["Reinhald av klasseromma", "Hjelp i kantina"],
            "maal": ["Lære rutinane på ein arbeidsplass"],
        },
        {
            "id": "NN-2026-003", "tiltak": "spraakpraksis", "status": "Bekreftet", "Målform": "Bokmål",
            "praktikant": {"navn": "Amina Yusuf", "foedselsnummer": _find_fnr(20, 6, 1995),
                           "telefon": "41234570"},
            "praksisenhet": ENHET_SKOLE,
            "praksisveileder": {"navn": "Per Strand"},
            "praksisbestiller": {"virksomhet": "Voksenopplæringen (TROVO)", "kontaktperson": "Nina Berg",
                                 "telefon": "55556666", "epost": "nina.berg@example.com"},
            "startdato": "2026-02-02", "sluttdato": "2026-04-30", "timer_per_uke": 12,
            "arbeidsoppgaver": ["Hjelpe til i skolebiblioteket"],
        },
    ]
    (HERE / "nynorsk.json").write_text(
        json.dumps({"praksisplasser": placements}, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


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
    all_schemes_example()
    nynorsk_example()
    print("Skrev eksemplene i", HERE)
