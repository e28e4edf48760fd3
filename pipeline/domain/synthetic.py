"""Synthetic identities and placements for examples, tests and benchmarks.

Fødselsnumre here are synthetic test numbers (80 added to the month, as in the test
registers), so none can belong to a real person.
"""

from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from pathlib import Path

from .identifiers import fnr_check_digits
from .record import Praksisplass
from .vilkaar import probation_months_allowed

FORNAVN = ["Kari", "Ola", "Amina", "Jonas", "Sofie", "Ahmed", "Ingrid", "Mohammed", "Nora", "Lars",
           "Fatima", "Emil", "Hanne", "Yonas", "Sara", "Tarek", "Marit", "Olav", "Leila", "Petter"]
ETTERNAVN = ["Nordmann", "Hansen", "Johansen", "Olsen", "Berg", "Haugen", "Ali", "Dahl", "Lie",
             "Bakken", "Hussein", "Moen", "Strand", "Ødegård", "Sæther", "Åsheim"]
ENHETER = [
    ("Eksempel sykehjem", "951819093", "Sykehjemsveien 2, 0002 Eksempelby"),
    ("Bøgata skole", "975749118", "Bøgata 10, 0003 Eksempelby"),
    ("Eksempel bibliotek", "989555979", "Torget 1, 0001 Eksempelby"),
    ("Teknisk drift, Vei og park", "997465075", "Verkstedveien 5, 0004 Eksempelby"),
    ("Solsiden barnehage", "929170342", "Solveien 3, 0005 Eksempelby"),
]
BESTILLERE = ["NAV Eksempelby", "Kvalifiseringssenteret (INN)", "Voksenopplæringen (TROVO)"]
OPPGAVER = ["Kjøkkenarbeid og servering", "Rydding og klargjøring av lokaler", "Vareopptelling og lager",
            "Aktiviteter med beboere", "Utlån og hyllestell", "Hjelp i SFO", "Enkelt vedlikehold"]
MAAL = ["Møte presis hver dag", "Bli trygg i norsk arbeidsspråk", "Arbeide selvstendig med faste oppgaver",
        "Avklare arbeidsevne", "Få referanse for jobbsøking"]
TILTAK = ["Arbeidstrening", "Aktivitetsplass", "Språkpraksis", "Arbeidspraksis", "Trainee", "Intern arbeidstrening"]
SPANS = {"20": "08.00–12.00", "30": "08.00–14.00", "37,5": "08.00–15.30"}
"""The daily span (Monday–Friday) each weekly figure gives, so the two never disagree."""
STATUSER = ["Ny", "Statusmøte avtalt", "Bekreftet", "Startet", "Avsluttet"]


def synthetic_fnr(birth: date, individ: int) -> str | None:
    """A synthetic fødselsnummer (month + 80) for `birth`, or None if no check digits exist."""
    first_nine = f"{birth.day:02d}{birth.month + 80:02d}{birth.year % 100:02d}{individ:03d}"
    digits = fnr_check_digits(first_nine)
    return first_nine + digits if digits else None


def random_fnr(rng: random.Random) -> str:
    while True:
        birth = date(1960, 1, 1) + timedelta(days=rng.randrange(0, 365 * 45))
        individ = rng.randrange(0, 500) if birth.year < 2000 else rng.randrange(500, 1000)
        fnr = synthetic_fnr(birth, individ)
        if fnr:
            return fnr


def placement_row(rng: random.Random, number: int) -> dict[str, str]:
    """One placement as HR staff would type it in a sheet (canonical field names, text values)."""
    first, last = rng.choice(FORNAVN), rng.choice(ETTERNAVN)
    unit, orgnr, address = rng.choice(ENHETER)
    tiltak = rng.choice(TILTAK)
    status = rng.choice(STATUSER)
    start = date(2026, 1, 5) + timedelta(days=rng.randrange(0, 300))
    end = start + timedelta(weeks=rng.choice([8, 12, 26, 52]))
    started = STATUSER.index(status) >= STATUSER.index("Startet")
    done = status == "Avsluttet"
    politi = rng.random() < 0.3
    row = {
        "id": f"PB-{number:06d}",
        "tiltak": tiltak,
        "status": status,
        "praktikant.navn": f"{first} {last}",
        "praktikant.foedselsnummer": random_fnr(rng),
        "praktikant.adresse": f"Testveien {rng.randrange(1, 200)}, 0010 Eksempelby",
        "praktikant.telefon": f"4{rng.randrange(0, 10**7):07d}",
        "praktikant.epost": f"{first.lower()}.{number}@example.com".replace("ø", "o").replace("å", "a"),
        "praksisenhet.navn": unit,
        "praksisenhet.organisasjonsnummer": orgnr,
        "praksisenhet.adresse": address,
        "praksisenhet.leder.navn": f"{rng.choice(FORNAVN)} {rng.choice(ETTERNAVN)}",
        "praksisenhet.leder.telefon": f"9{rng.randrange(0, 10**7):07d}",
        "praksisveileder.navn": f"{rng.choice(FORNAVN)} {rng.choice(ETTERNAVN)}",
        "praksisveileder.stilling": "Fagarbeider",
        "praksisbestiller.virksomhet": rng.choice(BESTILLERE),
        "praksisbestiller.kontaktperson": f"{rng.choice(FORNAVN)} {rng.choice(ETTERNAVN)}",
        "praksisbestiller.epost": "veileder@example.com",
        "startdato": start.strftime("%d.%m.%Y"),
        "sluttdato": end.strftime("%d.%m.%Y"),
        "timer_per_uke": rng.choice(["20", "30", "37,5"]),
        "arbeidstid": "08.00–15.30",
        "arbeidsoppgaver": "\n".join(rng.sample(OPPGAVER, 3)),
        "yrkesmaal": "Fagarbeider i kommunal drift" if tiltak == "Arbeidstrening" else "",
        "maal": "\n".join(rng.sample(MAAL, 2)),
        "krav.politiattest": "Ja" if politi else "Nei",
        "krav.politiattest_hjemmel": "helse- og omsorgstjenesteloven § 5-4" if politi else "",
        "politiattest_fremvist": (start - timedelta(days=7)).strftime("%d.%m.%Y") if politi else "",
        "oppstartsmoete": start.strftime("%d.%m.%Y") if started else "",
        "fullfoert": ("Ja" if rng.random() < 0.8 else "Nei") if done else "",
    }
    trainee, internal = tiltak == "Trainee", tiltak == "Intern arbeidstrening"
    row.update({  # no draws from rng here: the rows other fields get stay as they were
        "ansettelse.stillingstittel": "Trainee" if trainee else "",
        "ansettelse.stillingsprosent": "100" if trainee else "",
        "ansettelse.loenn": "kr 470 000 per år" if trainee else "",
        "ansettelse.proevetid_maaneder": str(probation_months_allowed(start, end)) if trainee else "",
        "arbeidstid": SPANS[row["timer_per_uke"]],  # the daily span the weekly hours give
        "hjemmeenhet.navn": "Eksempel hjemmetjeneste" if internal else "",
        "hjemmeenhet.leder": "Nina Berg" if internal else "",
    })
    return row


def sample_record(tiltak: str = "arbeidstrening", status: str = "Avsluttet") -> Praksisplass:
    """A placement with every field filled in (for trial renders of templates)."""
    start = date(2026, 1, 5)
    return Praksisplass.model_validate({
        "id": "PROEVE-1", "tiltak": tiltak, "status": status,
        "praktikant": {"navn": "Prøve Praktikant", "foedselsnummer": synthetic_fnr(date(1990, 1, 15), 123) or "",
                       "adresse": "Testveien 1, 0010 Eksempelby", "telefon": "41234567", "epost": "prove@example.com"},
        "praksisenhet": {"navn": "Prøveenheten", "organisasjonsnummer": "951819093", "adresse": "Veien 2",
                         "sektor": "helse",
                         "leder": {"navn": "Leder Ledersen", "stilling": "Enhetsleder", "telefon": "92345678",
                                   "epost": "leder@example.com"}},
        "hjemmeenhet": {"navn": "Hjemmeenheten", "leder": "Nåværende Ledersen"},
        "ansettelse": {"stillingstittel": "Trainee i helsefag", "stillingsprosent": 100.0,
                       "loenn": "kr 470 000 per år", "proevetid_maaneder": 6.0},
        "praksisveileder": {"navn": "Veileder Veiledersen", "stilling": "Fagarbeider", "telefon": "94567890",
                            "epost": "veileder@example.com"},
        "praksisbestiller": {"virksomhet": "NAV Eksempelby", "kontaktperson": "Kontakt Kontaktsen",
                             "telefon": "55553333", "epost": "nav@example.com"},
        "startdato": start, "sluttdato": start + timedelta(weeks=12), "faktisk_sluttdato": start + timedelta(weeks=10),
        "timer_per_uke": 30.0, "arbeidstid": "08.00–14.00", "arbeidsoppgaver": ["Oppgave én", "Oppgave to"],
        "yrkesmaal": "Fagarbeider", "maal": ["Mål én"], "tilrettelegging": "Kortere dager i starten.",
        "krav": {"politiattest": True, "mrsa_tuberkulose": True,
                 "politiattest_hjemmel": "helse- og omsorgstjenesteloven § 5-4"}, "politiattest_fremvist": start,
        "mrsa_tuberkulose_fremvist": start, "oppstartsmoete": start, "midtveisevaluering": start + timedelta(weeks=5),
        "avslutningsmoete": start + timedelta(weeks=10), "fullfoert": True, "vurdering": "God innsats.",
        "merknad": "Intern merknad.",
    })


def write_placements_csv(path: Path, rows: int, seed: int, encoding: str = "cp1252") -> None:
    """A sheet of `rows` generated placements as Excel writes it in Norway (`;`), streamed to disk."""
    rng = random.Random(seed)
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = None
        for number in range(rows):
            row = placement_row(rng, number)
            if writer is None:
                writer = csv.DictWriter(handle, fieldnames=list(row), delimiter=";", lineterminator="\r\n")
                writer.writeheader()
            writer.writerow(row)
