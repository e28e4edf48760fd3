"""What `praksis list` and `praksis show` tell: the cases, their documents, what still lacks
a signed version, and everything about one case including its events."""

from __future__ import annotations

from typing import Any

from ..config import Config
from .store import ArchiveStore, CaseFiles


def _documents(case: CaseFiles) -> list[dict[str, Any]]:
    return [{"dokumenttype": name, "journalpost": j.meta["registreringsID"], "versjon": j.latest.number if j.latest else 0,
             "signert": any(v.meta.get("signert") for v in j.versions)} for name, j in case.journals.items()]


def lacking_signature(case: CaseFiles, config: Config) -> list[str]:
    """Documents that are to be signed and have no signed version yet."""
    specs = config.settings.dokumenter
    return [d["dokumenttype"] for d in _documents(case)
            if d["dokumenttype"] in specs and specs[d["dokumenttype"]].signeres_av and not d["signert"]]


def case_summary(case: CaseFiles, config: Config) -> dict[str, Any]:
    summary = case.meta["praksis"]
    return {
        "saksnummer": case.saksnummer, "status": summary["status"], "tiltak": summary["tiltak"],
        "enhet": summary["enhet"], "startdato": summary["startdato"],
        "sluttdato": summary.get("faktisk_sluttdato") or summary["sluttdato"], "saksstatus": case.meta["saksstatus"],
        "dokumenter": _documents(case), "mangler_signatur": lacking_signature(case, config),
    }


def list_cases(store: ArchiveStore, config: Config) -> list[dict[str, Any]]:
    return [case_summary(case, config) for case in store.iter_cases()]


def show_case(store: ArchiveStore, config: Config, case: CaseFiles) -> dict[str, Any]:
    journals = []
    for name, journal in case.journals.items():
        meta = journal.meta
        journals.append({
            "registreringsID": meta["registreringsID"], "dokumenttype": name, "tittel": meta["tittel"],
            "offentligTittel": meta["offentligTittel"], "journalposttype": meta["journalposttype"],
            "journalstatus": meta["journalstatus"], "journaldato": meta["journaldato"],
            "versjoner": [{
                "versjon": v.number, "arsak": v.meta["arsak"], "opprettet": v.meta["opprettetDato"],
                "filer": [{"variantformat": o["variantformat"], "format": o["format"], "formatDetaljer": o["formatDetaljer"],
                           "fil": str(case.folder / o["referanseDokumentfil"]), "sjekksum": o["sjekksum"],
                           "filstoerrelse": o["filstoerrelse"]} for o in v.meta["dokumentobjekt"]],
            } for v in journal.versions],
        })
    meta = case.meta
    return {
        **case_summary(case, config),
        "mappe": str(case.folder),
        "tittel": meta["tittel"], "offentligTittel": meta["offentligTittel"],
        "opprettet": meta["opprettetDato"], "administrativEnhet": meta["administrativEnhet"],
        "saksansvarlig": meta["saksansvarlig"], "klassifikasjon": meta["klassifikasjon"],
        "skjerming": meta["skjerming"], "journalposter": journals,
        "hendelser": store.events(case.folder),
    }
