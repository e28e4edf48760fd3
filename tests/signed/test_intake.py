"""Signed copies back into the right case: scans (rotated, noisy), parts merged, e-signed PDFs
kept bit-identical with their signatures validated, and every kind of bad PDF rejected."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pikepdf
import pytest

from pipeline.archive.store import ArchiveStore
from pipeline.common.config import load_config
from pipeline.convert import PdfaLevel, pdfa_claim
from pipeline.programs.preflight import preflight
from pipeline.signed.identify import identify
from pipeline.common.workspace import Workspace
from tests.archive.conftest import VALID_EXAMPLES, praksis
from tests.inbox.conftest import FAST, inbox_settings, wait_for, watching
from tests.signed.scans import blank_pdf, esign, scan, tampered, make_certificate

pytestmark = pytest.mark.slow


def document(root: Path, dokumenttype: str = "praksisavtale") -> tuple[str, Path]:
    """A case that has `dokumenttype`, and the archived PDF of its latest version."""
    for case in ArchiveStore(root / "archive").iter_cases():
        journal = case.journals.get(dokumenttype)
        if journal and journal.latest:
            return case.saksnummer, journal.latest.folder / f"{dokumenttype}.pdf"
    raise AssertionError("no such document")


def latest(root: Path, saksnummer: str, dokumenttype: str = "praksisavtale"):
    case = ArchiveStore(root / "archive").load_case(saksnummer)
    return case.journals[dokumenttype]


def test_a_rotated_noisy_scan_lands_in_the_right_case(workspace_copy, tmp_path):
    saksnummer, pdf = document(workspace_copy)
    part = scan(pdf, tmp_path / "skannet.pdf", dpi=200, rotate=2.0, noise=0.06)
    result = praksis(workspace_copy, "signert", str(part))
    assert result.exit_code == 0, result.output
    assert f"sak {saksnummer} som versjon 2" in result.output and "QR-koden" in result.output
    journal = latest(workspace_copy, saksnummer)
    version = journal.latest
    assert version.number == 2 and version.meta["signert"] and version.meta["signerer_versjon"] == 1
    assert journal.meta["journalstatus"] == "Arkivert"
    archival = version.folder / "praksisavtale-signert.pdf"
    assert preflight([archival])[0].valid  # PDF/A-1b, checked by PDFBox
    archived = version.meta["dokumentobjekt"][0]
    assert (archived["format"], archived["formatDetaljer"]) == ("fmt/354", "PDF/A-1b")  # a scan stays 1b
    assert pdfa_claim(archival) == PdfaLevel(1, "B")
    assert (version.folder / "original-1.pdf").read_bytes() == part.read_bytes()  # the original beside it
    cases = json.loads(praksis(workspace_copy, "list", "--json").output)["saker"]
    assert "praksisavtale" not in next(c for c in cases if c["saksnummer"] == saksnummer)["mangler_signatur"]
    assert praksis(workspace_copy, "verify").exit_code == 0
    events = [e["type"] for e in json.loads(praksis(workspace_copy, "show", saksnummer, "--json").output)["hendelser"]]
    assert "signert mottatt" in events and "status endret" in events
    # the next ingest of the same data makes no new version over the signed one
    again = praksis(workspace_copy, "ingest", "--tving", *map(str, VALID_EXAMPLES))
    assert again.exit_code == 0, again.output
    assert latest(workspace_copy, saksnummer).latest.number == 2


def test_parts_of_one_document_are_merged_in_order(workspace_copy, tmp_path):
    saksnummer, pdf = document(workspace_copy)
    with pikepdf.open(pdf) as source:
        pages = len(source.pages)
    assert pages >= 2
    first = scan(pdf, tmp_path / "avtale del 1.pdf", pages=[0], seed=2)
    rest = scan(pdf, tmp_path / "avtale del 2.pdf", pages=list(range(1, pages)), rotate=-1.0, seed=3)
    result = praksis(workspace_copy, "signert", str(rest), str(first))
    assert result.exit_code == 0, result.output
    version = latest(workspace_copy, saksnummer).latest
    with pikepdf.open(version.folder / "praksisavtale-signert.pdf") as merged:
        assert len(merged.pages) == pages
    assert version.meta["deler"] == ["avtale del 1.pdf", "avtale del 2.pdf"]
    ids = identify(version.folder / "praksisavtale-signert.pdf").page_ids
    assert all(i is not None and i.versjon == 1 for i in ids)


def test_an_e_signed_pdf_is_kept_bit_identical_and_its_signature_validated(workspace_copy, tmp_path):
    saksnummer, pdf = document(workspace_copy, "taushetsloefte")
    certificate, key = make_certificate("Kari Signer")
    signed = esign(pdf, tmp_path / "esignert.pdf", certificate, key)
    result = praksis(workspace_copy, "signert", str(signed), "--json")
    assert result.exit_code == 0, result.output
    outcome = json.loads(result.output)[0]
    assert outcome["variant"] == "elektronisk signert"
    assert outcome["signaturer"][0]["intakt"] and outcome["signaturer"][0]["resultat"] == "ikke klarert"
    version = latest(workspace_copy, saksnummer, "taushetsloefte").latest
    assert (version.folder / "taushetsloefte-signert.pdf").read_bytes() == signed.read_bytes()
    archived = version.meta["dokumentobjekt"][0]  # filed as is: its own claim, PDF/A-1a
    assert (archived["format"], archived["formatDetaljer"]) == ("fmt/95", "PDF/A-1a, elektronisk signert (uendret)")
    assert version.meta["signaturer"][0]["signert_av"].endswith("Kari Signer")
    # trusted when its root is configured
    (workspace_copy / "config" / "rot.der").write_bytes(certificate.dump())
    text = (workspace_copy / "config" / "praksis.toml").read_text(encoding="utf-8")
    (workspace_copy / "config" / "praksis.toml").write_text(
        text.replace("klarerte_sertifikater = []", 'klarerte_sertifikater = ["rot.der"]'), encoding="utf-8")
    again = json.loads(praksis(workspace_copy, "signert", str(signed), "--json").output)[0]
    assert again["signaturer"][0]["resultat"] == "gyldig"


def test_a_tampered_signature_is_reported_invalid(workspace_copy, tmp_path):
    saksnummer, pdf = document(workspace_copy, "taushetsloefte")
    certificate, key = make_certificate()
    bad = tampered(esign(pdf, tmp_path / "s.pdf", certificate, key), tmp_path / "endret.pdf")
    outcome = json.loads(praksis(workspace_copy, "signert", str(bad), "--json").output)[0]
    assert outcome["utfall"] == "arkivert"  # kept as evidence, with the verdict
    assert outcome["signaturer"][0]["resultat"] == "ugyldig" and not outcome["signaturer"][0]["intakt"]
    events = json.loads(praksis(workspace_copy, "show", saksnummer, "--json").output)["hendelser"]
    checked = [e for e in events if e["type"] == "signatur kontrollert"]
    assert checked and checked[-1]["signaturer"][0]["resultat"] == "ugyldig"


def test_identified_from_the_file_name_and_from_the_text(workspace_copy, tmp_path):
    saksnummer, _pdf = document(workspace_copy)
    year, number = saksnummer.split("/")
    named = blank_pdf(tmp_path / f"{year}-{number}_praksisavtale_v1.pdf")
    assert identify(named).method == "filnavn"
    with pikepdf.new() as pdf:
        page = pdf.add_blank_page()
        font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                    BaseFont=pikepdf.Name.Helvetica))
        page.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
        page.Contents = pdf.make_stream(f"BT /F1 10 Tf 72 40 Td (Side 1 av 1  {saksnummer}:praksisavtale:v1) Tj ET".encode())
        pdf.save(tmp_path / "uten-navn.pdf")
    assert identify(tmp_path / "uten-navn.pdf").method == "tekst"
    # identified (two parts of one document), but an id anyone can type is not a signed copy:
    # they wait for a person (test_trust.py)
    result = praksis(workspace_copy, "signert", str(named), str(tmp_path / "uten-navn.pdf"))
    assert result.exit_code == 1 and f"TIL KONTROLL {named.name}, uten-navn.pdf" in result.output, result.output


@pytest.mark.parametrize("kind", ["ikke-pdf", "tom", "skadet", "kryptert", "ingen-sider", "for-stor", "ukjent",
                                  "ingen-sak", "utkast"])
def test_bad_pdfs_are_rejected_with_a_reason(workspace_copy, tmp_path, kind):
    path = tmp_path / f"{kind}.pdf"
    if kind == "ikke-pdf":
        path.write_text("dette er tekst", encoding="utf-8")
    elif kind == "tom":
        path.write_bytes(b"")
    elif kind == "skadet":
        path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer <<>>\n%%EOF garbage")
    elif kind == "kryptert":
        with pikepdf.new() as pdf:
            pdf.add_blank_page()
            pdf.save(path, encryption=pikepdf.Encryption(owner="eier", user="hemmelig"))
    elif kind == "ingen-sider":
        with pikepdf.new() as pdf:
            pdf.save(path)
    elif kind == "for-stor":
        text = (workspace_copy / "config" / "praksis.toml").read_text(encoding="utf-8")
        (workspace_copy / "config" / "praksis.toml").write_text(text.replace("maks_mb = 200.0", "maks_mb = 0.001"),
                                                                encoding="utf-8")
        _s, pdf = document(workspace_copy)
        path.write_bytes(pdf.read_bytes())
    elif kind == "ukjent":
        blank_pdf(path)
    elif kind == "ingen-sak":
        path = blank_pdf(tmp_path / "1999-5_praksisavtale_v1.pdf")
    elif kind == "utkast":
        path = blank_pdf(tmp_path / "utkast.pdf")
        with pikepdf.open(path, allow_overwriting_input=True) as pdf:
            pdf.pages[0].Contents = pdf.make_stream(b"")
            pdf.save(path)
        path = path.rename(tmp_path / "utkast-T-1_praksisavtale_v1.pdf")
    result = praksis(workspace_copy, "signert", str(path))
    expected = {"ikke-pdf": "ikke en PDF", "tom": "tom", "skadet": "skadet", "kryptert": "passordbeskyttet",
                "ingen-sider": "ingen sider", "for-stor": "grensen", "ukjent": "Fant ikke hvilket dokument",
                "ingen-sak": "Fant ingen sak 1999/5", "utkast": "Fant ikke hvilket dokument"}[kind]
    assert result.exit_code == 1 and "AVVIST" in result.output and expected in result.output, result.output


def test_mangler_lists_what_to_chase(workspace_copy, tmp_path):
    before = json.loads(praksis(workspace_copy, "mangler", "--json").output)["mangler"]
    saksnummer, pdf = document(workspace_copy)
    assert any(i["saksnummer"] == saksnummer and i["dokument"] == "praksisavtale" for i in before)
    praksis(workspace_copy, "signert", str(scan(pdf, tmp_path / "s.pdf")))
    after = json.loads(praksis(workspace_copy, "mangler", "--json").output)["mangler"]
    assert not any(i["saksnummer"] == saksnummer and i["dokument"] == "praksisavtale" for i in after)
    assert len(after) == len(before) - 1


def test_the_watcher_waits_for_the_parts_and_files_a_later_part_as_a_new_version(workspace_copy, warm_pool, tmp_path):
    workspace = Workspace(workspace_copy)
    config = inbox_settings(workspace, **FAST)
    text = workspace.config_file.read_text(encoding="utf-8")
    workspace.config_file.write_text(text.replace("vent_sekunder = 60.0", "vent_sekunder = 1.5"), encoding="utf-8")
    config = load_config(workspace)
    saksnummer, pdf = document(workspace_copy)
    signed_folder = workspace.inbox / "signert"
    first = scan(pdf, tmp_path / "del-1.pdf", pages=[0])
    second = scan(pdf, tmp_path / "del-2.pdf", pages=[1], seed=4)
    with watching(config, warm_pool) as watcher:
        first.rename(signed_folder / "del-1.pdf")
        time.sleep(0.6)
        second.rename(signed_folder / "del-2.pdf")
        wait_for(lambda: watcher.signed_results, timeout=60, what="the merged parts")
        result = watcher.signed_results[0]
        assert result.outcome == "arkivert" and sorted(result.names) == ["del-1.pdf", "del-2.pdf"]
        late = scan(pdf, tmp_path / "del-3.pdf", pages=[0], seed=5)
        late.rename(signed_folder / "del-3.pdf")
        wait_for(lambda: len(watcher.signed_results) == 2, timeout=60, what="the late part")
        (signed_folder / "rot.pdf").write_bytes(b"ikke pdf")
        wait_for(lambda: len(watcher.signed_results) == 3, timeout=60, what="the bad file")
    journal = latest(workspace_copy, saksnummer)
    assert [v.number for v in journal.versions][-2:] == [2, 3]
    with pikepdf.open(journal.latest.folder / "praksisavtale-signert.pdf") as merged:
        assert len(merged.pages) == 3  # the two pages filed before, and the late one
    done = signed_folder / "behandlet"
    assert sorted(p.name for p in done.glob("*.pdf")) == ["del-1.pdf", "del-2.pdf", "del-3.pdf"]
    receipt = (done / "del-1.pdf.kvittering.txt").read_text(encoding="utf-8-sig")
    assert saksnummer in receipt and "versjon 2" in receipt
    assert "ikke en PDF" in (signed_folder / "avvist" / "rot.pdf.feil.txt").read_text(encoding="utf-8-sig")
    assert re.search(r"signert arkivert", "\n".join(r.log_line() for r in watcher.signed_results))


def test_a_crash_after_filing_is_completed_by_the_rerun_without_a_second_version(workspace_copy, tmp_path):
    import os
    import signal
    import subprocess
    import sys

    saksnummer, pdf = document(workspace_copy)
    part = scan(pdf, tmp_path / "skann.pdf")
    command = [str(Path(sys.executable).parent / "praksis"), "--root", str(workspace_copy), "signert", str(part)]
    crashed = subprocess.run(command, env={**os.environ, "PRAKSIS_KRASJ": "signert-etter-versjon"},
                             capture_output=True, timeout=120)
    assert crashed.returncode == -signal.SIGKILL
    journal = latest(workspace_copy, saksnummer)
    assert journal.latest.number == 2 and journal.meta["journalstatus"] != "Arkivert"  # cut off half-way
    again = subprocess.run(command, env={k: v for k, v in os.environ.items() if k != "PRAKSIS_KRASJ"},
                           capture_output=True, timeout=120)
    assert again.returncode == 0, again.stderr.decode()
    journal = latest(workspace_copy, saksnummer)
    assert [v.number for v in journal.versions] == [1, 2]  # no second signed version
    assert journal.meta["journalstatus"] == "Arkivert"
    events = json.loads(praksis(workspace_copy, "show", saksnummer, "--json").output)["hendelser"]
    assert [e["type"] for e in events].count("signert mottatt") == 1
    assert praksis(workspace_copy, "verify").exit_code == 0
