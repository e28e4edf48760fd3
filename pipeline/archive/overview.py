"""What `praksis list` and `praksis show` tell: the cases, their documents, what still lacks
a signed version, and everything about one case including its events."""

from __future__ import annotations

import re
from typing import Any

from ..config import Config
from .store import GRUNNLAG, ArchiveStore, CaseFiles, read_json


def _documents(case: CaseFiles) -> list[dict[str, Any]]:
    return [{"dokumenttype": name, "journalpost": j.meta["registreringsID"], "versjon": j.latest.number if j.latest else 0,
             "signert": any(v.meta.get("signert") for v in j.versions)} for name, j in case.journals.items()]


def lacking_signature(case: CaseFiles, config: Config) -> list[str]:
    """Documents that are to be signed and have no signed version yet."""
    specs = config.settings.dokumenter
    return [d["dokumenttype"] for d in _documents(case)
            if d["dokumenttype"] in specs and specs[d["dokumenttype"]].signeres_av and not d["signert"]]


def missing_items(store: ArchiveStore, config: Config) -> list[dict[str, str]]:
    """What a coordinator chases: every document to be signed whose latest version has no
    signed copy, and every placement whose required politiattest/MRSA declaration has no
    date shown. (A sheet saying Startet without that date is rejected at validation, so such
    placements stay at Bekreftet here until the date is filled in: they are listed with
    their start date.)"""
    items: list[dict[str, str]] = []
    specs = config.settings.dokumenter
    waiting = _waiting_for_review(config)
    for case in store.iter_cases():
        summary = case.meta["praksis"]
        for name, journal in case.journals.items():
            spec = specs.get(name)
            latest = journal.latest
            if spec is None or not spec.signeres_av or latest is None or latest.meta.get("signert"):
                continue
            items.append({"saksnummer": case.saksnummer, "hva": f"signert {spec.tittel.split(' ')[0].lower()}",
                          "detalj": f"{journal.meta['registreringsID']} v{latest.number}, signeres av "
                                    f"{', '.join(spec.signeres_av)} (id {case.saksnummer}:{name}:v{latest.number})"
                                    + ("; en kopi venter på kontroll i til_kontroll/"
                                       if (case.saksnummer, name) in waiting else ""),
                          "type": "signatur", "dokument": name})
        if summary["status"] in ("Avsluttet",) or not case.journals:
            continue
        newest = max((j.latest for j in case.journals.values() if j.latest),
                     key=lambda v: v.meta["opprettetDato"], default=None)
        if newest is None:
            continue
        record = read_json(newest.folder / GRUNNLAG)
        for need, shown, what in (("politiattest", "politiattest_fremvist", "politiattest"),
                                  ("mrsa_tuberkulose", "mrsa_tuberkulose_fremvist", "MRSA/tuberkulose-erklæring")):
            if (record.get("krav") or {}).get(need) and not record.get(shown):
                items.append({"saksnummer": case.saksnummer, "hva": f"dato for {what}",
                              "detalj": f"status {summary['status']}, start {summary['startdato']}: kreves før start",
                              "type": "attest", "dokument": ""})
    return items


_REVIEW_ID = re.compile(r"dokument-id (\d{4}/\d+):([a-z_]+):v\d+\)")


def _waiting_for_review(config: Config) -> set[tuple[str, str]]:
    """(case, document) of the copies waiting in signert/til_kontroll/, read from their notes."""
    signing = config.settings.signering
    folder = config.inbox / signing.mappe / signing.til_kontroll
    found: set[tuple[str, str]] = set()
    if folder.is_dir():
        for note in folder.glob("*.kontroll.txt"):
            try:
                match = _REVIEW_ID.search(note.read_text(encoding="utf-8-sig"))
            except (OSError, UnicodeDecodeError):
                continue
            if match:
                found.add((match[1], match[2]))
    return found


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
