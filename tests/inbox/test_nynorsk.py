"""A nynorsk workspace (`[virksomhet] maalform = "nynorsk"`): what HR read comes in nynorsk:
the receipt and the error list from a real inbox run, the notices for other files, and the
output of `validate`, `list` and `mangler`. (Rows at status Ny have no documents due, so the
converter pool is never started: these run without LibreOffice.)"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest

from pipeline.common.config import Config, load_config
from pipeline.convert import ConverterPool, PdfaLevel
from pipeline.inbox.processor import InboxProcessor
from pipeline.pages.model import today_in_oslo
from pipeline.archive.overview_state import SigningState
from pipeline.common.workspace import Workspace
from tests.archive.conftest import praksis
from tests.conftest import good_row
from tests.pages.build import add_case
from tests.domain.test_texts import BOKMAAL_ONLY, nynorsk


def bokmaal_words(text: str) -> list[str]:
    """Bokmål-only words outside the data (quoted values, names, paths: behandlet/ is a folder)."""
    return BOKMAAL_ONLY.findall(re.sub(r"«[^»]*»|\([^)]*Testesen\)|\"[^\"]*\"|\S*/\S*", "", text))


@pytest.fixture
def nn_config(workspace: Workspace) -> Config:
    nynorsk(workspace)
    return load_config(workspace)


def csv_sheet(path: Path) -> bytes:
    rows = [good_row(id="N-1"), good_row(id="N-2", sluttdato="01.01.2020")]
    headers = list(dict.fromkeys(k for row in rows for k in row))
    data = ("\r\n".join([";".join(headers)] + [";".join(row.get(h, "") for h in headers) for row in rows]) + "\r\n")
    path.write_bytes(data.encode("utf-8"))
    return path.read_bytes()


def test_a_receipt_and_an_error_list_in_nynorsk_from_a_real_inbox_run(nn_config: Config):
    inbox = nn_config.inbox
    inbox.mkdir(parents=True, exist_ok=True)
    csv_sheet(inbox / "liste.csv")
    result = InboxProcessor(nn_config, ConverterPool(1, 60, PdfaLevel(1))).process(inbox / "liste.csv")
    assert result.outcome == "delvis"
    receipt = (inbox / "behandlet" / "liste.csv.kvittering.txt").read_text(encoding="utf-8-sig")
    assert receipt.startswith("KVITTERING frå praksis\n======================\n")
    for line in ("Fil:        liste.csv", "Motteke:    ", "Behandla:   ",
                 "Resultat: 2 praksisplass(ar) lesne: 1 nye saker, 0 oppdaterte, 0 utan endring, 1 avviste.",
                 "0 dokument laga og arkiverte som PDF/A.", "Linje  Id   Praktikant     Utfall  Sak",
                 "1 linje(r) vart avviste og er IKKJE arkiverte.",
                 "Dei ligg i avvist/liste.csv, med feila i avvist/liste.csv.feil.txt.",
                 "Rett dei opp der og legg fila i innboksen att; dei andre radene er alt arkiverte."):
        assert line in receipt, line
    assert "ny sak" in receipt and "AVVIST" in receipt
    assert not bokmaal_words(receipt), bokmaal_words(receipt)
    errors = (inbox / "avvist" / "liste.csv.feil.txt").read_text(encoding="utf-8-sig")
    for line in ("FEIL: praksis kunne ikkje arkivere dette", "Fila inneheld berre radene som vart avviste.",
                 "(sjå kvitteringa behandlet/liste.csv.kvittering.txt).",
                 "1 linje(r) er avviste. For kvar: kvar i fila, kolonne, verdi og kva som må rettast opp.",
                 "Linje 3 (id N-2, Test Testesen):",
                 "  - kolonne «sluttdato» = «01.01.2020»: Sluttdatoen (01.01.2020) er før startdatoen (01.03.2026).",
                 "Rett opp feila i fila og legg henne i innboksen att."):
        assert line in errors, line
    assert not bokmaal_words(errors), bokmaal_words(errors)


def test_the_notices_for_other_files_are_in_nynorsk(nn_config: Config):
    inbox = nn_config.inbox
    inbox.mkdir(parents=True, exist_ok=True)
    (inbox / "ark.ods").write_bytes(b"PK not really")
    (inbox / "mappe").mkdir()
    processor = InboxProcessor(nn_config, ConverterPool(1, 60, PdfaLevel(1)))
    assert processor.process(inbox / "ark.ods").outcome == "ustøttet"
    assert processor.process(inbox / "mappe").outcome == "avvist"
    unsupported = (inbox / "avvist" / "ark.ods.feil.txt").read_text(encoding="utf-8-sig")
    assert "FEIL: filtypen er ikkje støtta" in unsupported
    assert "Filtypen «.ods» er ikkje støtta. Lagre arket som .xlsx (Excel-arbeidsbok) eller CSV." in unsupported
    folder = (inbox / "avvist" / "mappe.feil.txt").read_text(encoding="utf-8-sig")
    assert "«mappe» er ei mappe, ikkje ei vanleg fil." in folder and "Den er flytta hit urørt" in folder
    data = csv_sheet(inbox / "a.csv")
    processor.process(inbox / "a.csv")
    (inbox / "b.csv").write_bytes(data)
    assert processor.process(inbox / "b.csv").outcome == "duplikat"
    duplicate = (inbox / "duplikater" / "b.csv.duplikat.txt").read_text(encoding="utf-8-sig")
    assert "DUPLIKAT: fila er behandla før" in duplicate and "Den er IKKJE behandla på nytt" in duplicate
    for text in (unsupported, folder, duplicate):
        assert not bokmaal_words(text), bokmaal_words(text)


def test_validate_in_nynorsk(nn_config: Config, tmp_path):
    file = tmp_path / "liste.csv"
    csv_sheet(file)
    result = praksis(nn_config.workspace.root, "validate", str(file))
    assert result.exit_code == 1
    out = result.output
    assert "  Linje     Id                   Praktikant               Tiltak                 Status             Resultat" in out
    assert "UGYLDIG (1 feil)" in out and "  Feil som må rettast opp:" in out
    assert "    linje 3, kolonne «sluttdato» = «01.01.2020»: Sluttdatoen (01.01.2020) er før startdatoen (01.03.2026)." in out
    assert "  2 praksisplassar: 1 gyldige, 1 ugyldige." in out
    assert "Totalt: 1 fil(er), 2 praksisplassar, 1 gyldige, 1 ugyldige." in out
    missing = praksis(nn_config.workspace.root, "validate", str(tmp_path / "finst-ikkje.csv"))
    assert "AVVIST: Fila finst ikkje." in missing.output
    assert not bokmaal_words(out + missing.output)


def test_list_and_mangler_in_nynorsk(nn_config: Config, tmp_path):
    csv_sheet(tmp_path / "liste.csv")
    praksis(nn_config.workspace.root, "ingest", str(tmp_path / "liste.csv"))  # status Ny: no documents
    listed = praksis(nn_config.workspace.root, "list")
    assert listed.exit_code == 0
    assert listed.output.startswith("Sak         Status             Tiltak                 Eining ")
    assert listed.output.endswith("\n1 sak(er).\n")
    today = today_in_oslo()
    add_case(nn_config, 2, "Bekreftet", "Bøgata skule", today - timedelta(days=5), today + timedelta(days=90),
             "Anna Nynorsk", {"praksisavtale": SigningState(1, True, ())}, krav_politiattest=True)
    lacking = praksis(nn_config.workspace.root, "mangler")
    assert "skal signerast av praktikant, praksisenhet, praksisbestiller" in lacking.output
    assert "dato for politiattest (krevst før start" in lacking.output and "FORFALLE" in lacking.output
    assert "2 ting manglar." in lacking.output
    assert not bokmaal_words(listed.output + lacking.output)


def test_documents_are_named_by_their_nynorsk_titles(nn_config: Config):
    """The receipt's list of files to sign, the page and `mangler` call a document what its
    heading calls it: «Fråsegn om teieplikt …», not the bokmål «Taushetsløfte …»."""
    from pipeline.archive.registry import Registry
    from pipeline.pages.til_signering import waiting_by_case
    today = today_in_oslo()
    case = add_case(nn_config, 3, "Bekreftet", "Bøgata skule", today + timedelta(days=5), today + timedelta(days=90),
                    "Anna Nynorsk", {"taushetsloefte": SigningState(1, True, ())})
    registry = Registry(nn_config.workspace.registry)
    try:
        waiting = waiting_by_case(nn_config, registry.db, {case})
    finally:
        registry.close()
    assert waiting == {case: [("2026-3_taushetsloefte_v1.pdf",
                               "Fråsegn om teieplikt og gjennomgang av etiske retningsliner")]}
    lacking = praksis(nn_config.workspace.root, "mangler").output
    assert "signert fråsegn" in lacking and "aushetsløfte" not in lacking


def test_a_missing_field_names_the_document_by_its_nynorsk_title(nn_config: Config, tmp_path):
    """«Feltet trengst frå status … fordi «…» blir laga då» names the document as a nynorsk
    workspace's documents are headed, not by the bokmål title."""
    file = tmp_path / "trainee.csv"
    row = good_row(id="T-9", tiltak="Trainee", status="Bekreftet", timer_per_uke="37,5",
                   arbeidsoppgaver="Saksbehandling")
    file.write_bytes((";".join(row) + "\r\n" + ";".join(row.values()) + "\r\n").encode("utf-8"))
    out = praksis(nn_config.workspace.root, "validate", str(file)).output
    assert "«arbeidsavtale – mellombels tilsetjing som trainee»" in out
    assert "midlertidig ansettelse" not in out
