"""What `praksis list` and `praksis show` tell: the cases, their documents, what still lacks
a signed version, and everything about one case including its events."""

from __future__ import annotations

import re
from typing import Any

from ..config import Config
from .store import ArchiveStore, CaseFiles, JournalFiles


def _documents(case: CaseFiles) -> list[dict[str, Any]]:
    return [{"dokumenttype": name, "journalpost": j.meta["registreringsID"], "versjon": j.latest.number if j.latest else 0,
             "signert": _signed(j)} for name, j in case.journals.items()]


def _signed(journal: JournalFiles) -> bool:
    """A signed copy of the current version is filed (one of a replaced version does not count)."""
    from ..pages.state import signing_state
    state = signing_state(journal)
    return state is not None and not state.waiting


def lacking_signature(case: CaseFiles, config: Config) -> list[str]:
    """Documents that are to be signed and have no signed version yet."""
    specs = config.settings.dokumenter
    return [d["dokumenttype"] for d in _documents(case)
            if d["dokumenttype"] in specs and specs[d["dokumenttype"]].signeres_av and not d["signert"]]


def missing_items(store: ArchiveStore, config: Config) -> list[dict[str, str]]:
    """What a coordinator chases: every document to be signed whose current version has no
    signed copy, every placement whose required politiattest/MRSA declaration has no date
    shown, and every passed midway evaluation not followed by an update. The same rules as
    the overview page (pages/model.py), from the registry. (A sheet saying Startet without
    the attest date is rejected at validation, so such placements stay at Bekreftet here
    until the date is filled in: they are listed with their start date.)"""
    from ..pages import backfill
    from ..pages.model import lacking, today_in_oslo
    from ..registry import Registry
    specs = config.settings.dokumenter
    registry = Registry(config.workspace.registry)
    try:
        backfill(registry, store)
        cases = lacking(registry.db, config, today_in_oslo(), open_only=False)
    finally:
        registry.close()
    waiting = _waiting_for_review(config)
    items: list[dict[str, str]] = []
    for case in cases:
        for lack in case.lacks:
            if lack.kind == "signatur":
                spec = specs[lack.dokument]
                items.append({"saksnummer": case.saksnummer, "hva": f"signert {spec.tittel.split(' ')[0].lower()}",
                              "detalj": f"v{lack.versjon}, signeres av {', '.join(spec.signeres_av)} (id "
                                        f"{case.saksnummer}:{lack.dokument}:v{lack.versjon}; til_signering/{lack.link})"
                                        + ("; en kopi venter på kontroll i til_kontroll/"
                                           if (case.saksnummer, lack.dokument) in waiting else "")
                                        + (" FORFALT" if lack.overdue else ""),
                              "type": "signatur", "dokument": lack.dokument})
            else:
                items.append({"saksnummer": case.saksnummer, "hva": lack.text.split(" (")[0],
                              "detalj": f"status {case.status}, start {case.startdato.isoformat()}: {lack.text}"
                                        + (" FORFALT" if lack.overdue else ""),
                              "type": lack.kind, "dokument": ""})
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
