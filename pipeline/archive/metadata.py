"""Noark 5 metadata for each level, in the standard's vocabulary (see ../shared/schemas/README.md).

Titles name the person; the public titles (offentligTittel) never do: the person's words
are masked as «*****», as a records system masks screened words in its public journal.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..common.config import Config, maalform_of
from ..common.document_set import DokumentSpec
from ..domain.record import Praksisplass, Status

OPPRETTET_AV = "praksis"  # «…Av» fields hold names without digits
MASK = "*****"
SAKSSTATUS_AAPEN = "Under behandling"
SAKSSTATUS_AVSLUTTET = "Avsluttet"
JOURNALPOSTTYPE_UTGAAENDE = "Utgående dokument"
JOURNALSTATUS_JOURNALFOERT = "Journalført"
DOKUMENTSTATUS_FERDIG = "Dokumentet er ferdigstilt"
PRONOM_DOCX = "fmt/412"


def masked(name: str) -> str:
    return " ".join(MASK for _ in name.split())


def case_titles(record: Praksisplass) -> tuple[str, str]:
    """(tittel, offentligTittel) of a saksmappe."""
    unit = record.praksisenhet.navn
    return (f"Praksisplass – {record.praktikant.navn} – {unit}",
            f"Praksisplass – {masked(record.praktikant.navn)} – {unit}")


def skjerming(config: Config) -> dict[str, Any]:
    arkiv = config.settings.arkiv
    return {
        "tilgangsrestriksjon": arkiv.tilgangsrestriksjon,
        "skjermingshjemmel": arkiv.skjermingshjemmel,
        "skjermingMetadata": ["Skjerming tittel mappe - utvalgte ord", "Skjerming tittel registrering - utvalgte ord"],
    }


def saksstatus(record: Praksisplass) -> str:
    return SAKSSTATUS_AVSLUTTET if record.status is Status.AVSLUTTET else SAKSSTATUS_AAPEN


def placement_summary(record: Praksisplass, person_hmac: str) -> dict[str, Any]:
    """What praksis itself needs to know about the case (no fødselsnummer: a keyed hash of it)."""
    return {
        "praksisplass_id": record.id, "person": person_hmac, "status": record.status.value,
        "tiltak": record.tiltak.value, "enhet": record.praksisenhet.navn,
        "startdato": record.startdato.isoformat(), "sluttdato": record.sluttdato.isoformat(),
        "faktisk_sluttdato": record.faktisk_sluttdato.isoformat() if record.faktisk_sluttdato else None,
    }


def saksmappe(record: Praksisplass, saksnummer: str, system_id: str, person_hmac: str, config: Config,
              created: datetime, updated: datetime) -> dict[str, Any]:
    arkiv = config.settings.arkiv
    year, sequence = (int(x) for x in saksnummer.split("/"))
    tittel, offentlig = case_titles(record)
    return {
        "systemID": system_id,
        "mappeID": saksnummer,
        "saksnummer": saksnummer,
        "saksaar": year,
        "sakssekvensnummer": sequence,
        "tittel": tittel,
        "offentligTittel": offentlig,
        "saksdato": created.date().isoformat(),
        "opprettetDato": created.isoformat(timespec="seconds"),
        "opprettetAv": OPPRETTET_AV,
        "oppdatertDato": updated.isoformat(timespec="seconds"),
        "administrativEnhet": arkiv.administrativ_enhet,
        "saksansvarlig": arkiv.saksansvarlig,
        "saksstatus": saksstatus(record),
        "klassifikasjon": {"klassifikasjonssystem": arkiv.ordningsprinsipp, "klasseID": arkiv.klassifikasjon,
                           "tittel": arkiv.klassifikasjon_tittel},
        "skjerming": skjerming(config),
        "referanseEksternNoekkel": {"fagsystem": "praksis", "noekkel": record.id},
        "praksis": placement_summary(record, person_hmac),
    }


def journalpost(record: Praksisplass, spec: DokumentSpec, dokumenttype: str, saksnummer: str, number: int,
                journal_year: int, journal_sequence: int, system_id: str, description_id: str, config: Config,
                created: datetime) -> dict[str, Any]:
    when = created.isoformat(timespec="seconds")
    title = spec.title(maalform_of(record, config.settings.virksomhet))  # as the document's own heading
    parts = [{"korrespondanseparttype": "Mottaker", "korrespondansepartNavn": record.praktikant.navn}]
    parts.append({"korrespondanseparttype": "Mottaker", "korrespondansepartNavn": record.praksisenhet.navn})
    if record.praksisbestiller.virksomhet:
        parts.append({"korrespondanseparttype": "Kopimottaker",
                      "korrespondansepartNavn": record.praksisbestiller.virksomhet})
    return {
        "systemID": system_id,
        "registreringsID": f"{saksnummer}-{number}",
        "journalaar": journal_year,
        "journalsekvensnummer": journal_sequence,
        "journalpostnummer": number,
        "tittel": f"{title} – {record.praktikant.navn}",
        "offentligTittel": f"{title} – {masked(record.praktikant.navn)}",
        "journalposttype": JOURNALPOSTTYPE_UTGAAENDE,
        "journalstatus": JOURNALSTATUS_JOURNALFOERT,
        "journaldato": created.date().isoformat(),
        "opprettetDato": when, "opprettetAv": OPPRETTET_AV,
        "arkivertDato": when, "arkivertAv": OPPRETTET_AV,
        "skjerming": skjerming(config),
        "korrespondansepart": parts,
        "dokumentbeskrivelse": {
            "systemID": description_id,
            "dokumenttype": title,
            "dokumentstatus": DOKUMENTSTATUS_FERDIG,
            "tittel": f"{title} – {record.praktikant.navn}",
            "offentligTittel": f"{title} – {masked(record.praktikant.navn)}",
            "tilknyttetRegistreringSom": "Hoveddokument",
            "dokumentnummer": 1,
            "tilknyttetDato": when, "tilknyttetAv": OPPRETTET_AV,
            "opprettetDato": when, "opprettetAv": OPPRETTET_AV,
        },
        "praksis": {"dokumenttype": dokumenttype},
    }


def dokumentobjekt(version: int, variant: str, pronom: str, details: str, filename: str, reference: str,
                   sha256: str, size: int, created: datetime) -> dict[str, Any]:
    return {
        "versjonsnummer": version,
        "variantformat": variant,
        "format": pronom,
        "formatDetaljer": details,
        "filnavn": filename,
        "referanseDokumentfil": reference,
        "sjekksum": sha256,
        "sjekksumAlgoritme": "SHA256",
        "filstoerrelse": size,
        "opprettetDato": created.isoformat(timespec="seconds"),
        "opprettetAv": OPPRETTET_AV,
    }
