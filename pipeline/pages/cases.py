"""What `praksis list` and `praksis show` tell: the cases, their documents, what still lacks
a signed version, and everything about one case including its events."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from itertools import groupby
from operator import itemgetter
from typing import Any, NamedTuple

from ..common.config import Config
from ..archive.registry import Registry
from ..archive.store import GRUNNLAG, ArchiveStore, CaseFiles


class DocumentState(NamedTuple):
    """One journal post as `list` and `mangler` see it (a tuple: 100,000 of them are made)."""

    dokumenttype: str
    journalpost: str  # registreringsID, 2026/1-1
    versjon: int  # the latest version (0: none yet)
    signert: bool  # some version is a signed copy
    siste_signert: bool  # the latest version is one
    siste_opprettet: str | None
    grunnlag: str | None  # the latest version's record snapshot, inside the case folder


class CaseState(NamedTuple):
    saksnummer: str
    status: str
    tiltak: str | None
    enhet: str | None
    startdato: str | None
    sluttdato: str | None  # the real end date where there is one
    saksstatus: str | None
    documents: list[DocumentState]


def _state(case: CaseFiles) -> CaseState:
    """A case's state read from its files."""
    summary = case.meta["praksis"]
    documents = [DocumentState(name, j.meta["registreringsID"], j.latest.number if j.latest else 0,
                               any(v.meta.get("signert") for v in j.versions),
                               bool(j.latest and j.latest.meta.get("signert")),
                               j.latest.meta["opprettetDato"] if j.latest else None,
                               f"{j.folder.name}/{j.latest.folder.name}/{GRUNNLAG}" if j.latest else None)
                 for name, j in case.journals.items()]
    return CaseState(case.saksnummer, summary["status"], summary["tiltak"], summary["enhet"], summary["startdato"],
                     summary.get("faktisk_sluttdato") or summary["sluttdato"], case.meta["saksstatus"], documents)


def case_states(store: ArchiveStore, config: Config) -> Iterator[CaseState]:
    """Every case in case number order, from the registry: its queries take the same time
    whatever the archive's size on disk, where reading every case's metadata files took a
    second per thousand cases. Without a registry the files are read."""
    if not config.workspace.registry.exists():
        yield from (_state(case) for case in store.iter_cases())
        return
    registry = Registry(config.workspace.registry)
    try:
        documents: dict[str, list[DocumentState]] = {}
        for row in registry.document_states():
            saksnummer, name, number = row["saksnummer"], row["dokumenttype"], row["versjon"]
            folder = store.journal_folder_name(row["journalpostnummer"], name)
            documents.setdefault(saksnummer, []).append(DocumentState(
                name, f"{saksnummer}-{row['journalpostnummer']}", number, bool(row["signerte"]),
                bool(row["siste_signert"]), row["siste_opprettet"], f"{folder}/v{number}/{GRUNNLAG}"))
        for row in registry.filed_cases():
            if row["faktisk_sluttdato"] is None:  # synced before the registry kept it: read the files
                case = store.load_case(row["saksnummer"])
                if case is not None:
                    yield _state(case)
                continue
            yield CaseState(row["saksnummer"], row["status"], row["tiltak"], row["enhet"], row["startdato"],
                            row["faktisk_sluttdato"] or row["sluttdato"], row["saksstatus"],
                            documents.pop(row["saksnummer"], []))
    finally:
        registry.close()


def _documents(state: CaseState) -> list[dict[str, Any]]:
    return [{"dokumenttype": d.dokumenttype, "journalpost": d.journalpost, "versjon": d.versjon, "signert": d.signert}
            for d in state.documents]


def lacking_signature(state: CaseState, config: Config) -> list[str]:
    """Documents that are to be signed and have no signed version yet."""
    specs = config.settings.dokumenter
    return [d.dokumenttype for d in state.documents
            if d.dokumenttype in specs and specs[d.dokumenttype].signeres_av and not d.signert]


def missing_items(store: ArchiveStore, config: Config) -> list[dict[str, str]]:
    """What a coordinator chases: every document to be signed whose current version has no
    signed copy, every placement whose required politiattest/MRSA declaration has no date
    shown, and every passed midway evaluation not followed by an update. The same rules as
    the overview page (pages/model.py), from the registry. (A sheet saying Startet without
    the attest date is rejected at validation, so such placements stay at Bekreftet here
    until the date is filled in: they are listed with their start date.)"""
    from ..archive.locking import workspace_lock
    from . import backfill
    from .model import lacking, today_in_oslo
    from ..archive.reindex import open_registry
    specs = config.settings.dokumenter
    if not config.workspace.registry.exists():  # rebuilt from the files first, as any command does
        with workspace_lock(config.workspace.root, "mangler"):
            open_registry(config.workspace).close()
    registry = Registry(config.workspace.registry)
    try:
        backfill(registry, store)
        cases = lacking(registry.db, config, today_in_oslo(), open_only=False, lacking_only=True)
    finally:
        registry.close()
    waiting = _waiting_for_review(config)
    _ = config.texts
    overdue = _(" FORFALT")
    items: list[dict[str, str]] = []
    for case in cases:
        for lack in case.lacks:
            if lack.kind == "signatur":
                spec = specs[lack.dokument]
                items.append({"saksnummer": case.saksnummer,
                              "hva": _("signert {dokument}", dokument=config.documents.title(lack.dokument).split(" ")[0].lower()),
                              "detalj": _("v{versjon}, signeres av {parter} (id {id}; til_signering/{fil})",
                                          versjon=lack.versjon, parter=", ".join(spec.signeres_av),
                                          id=f"{case.saksnummer}:{lack.dokument}:v{lack.versjon}", fil=lack.link)
                                        + (_("; en kopi venter på kontroll i til_kontroll/")
                                           if (case.saksnummer, lack.dokument) in waiting else "")
                                        + (overdue if lack.overdue else ""),
                              "type": "signatur", "dokument": lack.dokument})
            else:
                items.append({"saksnummer": case.saksnummer, "hva": lack.text.split(" (")[0],
                              "detalj": _("status {status}, start {start}: {mangler}", status=case.status,
                                          start=case.startdato.isoformat(), mangler=lack.text)
                                        + (overdue if lack.overdue else ""),
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


def _summary(state: CaseState, config: Config) -> dict[str, Any]:
    return {
        "saksnummer": state.saksnummer, "status": state.status, "tiltak": state.tiltak, "enhet": state.enhet,
        "startdato": state.startdato, "sluttdato": state.sluttdato, "saksstatus": state.saksstatus,
        "dokumenter": _documents(state), "mangler_signatur": lacking_signature(state, config),
    }


def case_summary(case: CaseFiles, config: Config) -> dict[str, Any]:
    return _summary(_state(case), config)


def list_cases(store: ArchiveStore, config: Config) -> list[dict[str, Any]]:
    return [_summary(state, config) for state in case_states(store, config)]


def list_json(store: ArchiveStore, config: Config) -> Iterator[str]:
    """Each case of `list_cases` as the JSON text `json.dumps(case, ensure_ascii=False)`
    writes, in the same order: from the registry made by SQLite (`Registry.case_list_json`),
    since a dictionary per case and per document was most of a 30,000-case `list --json`.
    A case the registry does not know the real end date of, and every case when there is
    no registry, is read from its files as `list_cases` does."""
    if not config.workspace.registry.exists():
        yield from (json.dumps(case, ensure_ascii=False) for case in list_cases(store, config))
        return
    specs = config.settings.dokumenter
    signable = [name for name, spec in specs.items() if spec.signeres_av]
    registry = Registry(config.workspace.registry)
    try:
        for saksnummer, rows in groupby(registry.case_list_json(signable), key=itemgetter(0)):
            _number, unknown_end, head, document, unsigned = next(rows)
            if unknown_end:  # synced before the registry kept the real end date: read the files
                case = store.load_case(saksnummer)
                if case is not None:
                    yield json.dumps(case_summary(case, config), ensure_ascii=False)
                continue
            documents, lacking = ([document], [unsigned]) if document is not None else ([], [])
            for row in rows:
                documents.append(row[3])
                lacking.append(row[4])
            yield (f'{head}, "dokumenter": [{", ".join(documents)}], '
                   f'"mangler_signatur": [{", ".join(x for x in lacking if x is not None)}]}}')
    finally:
        registry.close()


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
