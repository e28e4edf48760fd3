"""Signed copies trusted only as far as they can be: forged or mistaken «signed» copies go to
signert/til_kontroll/ with a note, stay in `praksis mangler`, and a person settles them with
`praksis signert godkjenn` / `avvis` (logged in the case). Real PDFs, real archive, real watcher."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pikepdf
import pytest

from pipeline.common.config import load_config
from pipeline.common.workspace import Workspace
from tests.archive.conftest import praksis
from tests.inbox.conftest import FAST, inbox_settings, wait_for, watching
from tests.signed.scans import blank_pdf, scan
from tests.signed.test_intake import document, latest

pytestmark = pytest.mark.slow


def missing(root: Path, saksnummer: str, dokumenttype: str) -> bool:
    items = json.loads(praksis(root, "mangler", "--json").output)["mangler"]
    return any(i["saksnummer"] == saksnummer and i["dokument"] == dokumenttype for i in items)


def events(root: Path, saksnummer: str) -> list[dict]:
    return json.loads(praksis(root, "show", saksnummer, "--json").output)["hendelser"]


def text_pdf(target: Path, text: str) -> Path:
    with pikepdf.new() as pdf:
        page = pdf.add_blank_page()
        font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                    BaseFont=pikepdf.Name.Helvetica))
        page.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
        page.Contents = pdf.make_stream(f"BT /F1 10 Tf 72 40 Td ({text}) Tj ET".encode())
        pdf.save(target)
    return target


def forged(kind: str, root: Path, tmp_path: Path) -> tuple[str, str, Path, str]:
    """(case, document, the forged file, what the note must say)."""
    dokumenttype = "taushetsloefte" if kind in ("blank", "blank-skann") else "praksisavtale"
    saksnummer, pdf = document(root, dokumenttype)
    year, number = saksnummer.split("/")
    name = f"{year}-{number}_{dokumenttype}_v1.pdf"
    if kind == "blank":  # the case: a blank page named after the id
        return saksnummer, dokumenttype, blank_pdf(tmp_path / name), "ingen bilder"
    if kind == "blank-skann":  # a scanned blank page: an image, but no QR code
        return saksnummer, dokumenttype, scan(blank_pdf(tmp_path / "b.pdf"), tmp_path / name), "ingen side har QR-koden"
    if kind == "tekst":  # the case: a text PDF holding the id
        return saksnummer, dokumenttype, text_pdf(tmp_path / "avtale.pdf", f"{saksnummer}:praksisavtale:v1"), "ingen bilder"
    if kind == "usignert":  # the case: the generated, unsigned PDF itself
        return saksnummer, dokumenttype, Path(shutil.copyfile(pdf, tmp_path / "avtale.pdf")), "usignerte PDF-en"
    with pikepdf.open(pdf) as source:  # more pages with the QR code than the document has
        pages = len(source.pages)
    return (saksnummer, dokumenttype, scan(pdf, tmp_path / "avtale.pdf", pages=list(range(pages)) * 2),
            f"men dokumentet har bare {pages}")


@pytest.mark.parametrize("kind", ["blank", "blank-skann", "tekst", "usignert", "for-mange-sider"])
def test_a_forged_signed_copy_goes_to_review_and_stays_missing(workspace_copy, tmp_path, kind):
    saksnummer, dokumenttype, path, says = forged(kind, workspace_copy, tmp_path)
    before = latest(workspace_copy, saksnummer, dokumenttype)
    result = praksis(workspace_copy, "signert", str(path))
    assert result.exit_code == 1 and "TIL KONTROLL" in result.output and says in result.output, result.output
    after = latest(workspace_copy, saksnummer, dokumenttype)
    assert [v.number for v in after.versions] == [v.number for v in before.versions]  # nothing filed
    assert after.meta["journalstatus"] == before.meta["journalstatus"] != "Arkivert"
    assert missing(workspace_copy, saksnummer, dokumenttype)
    listed = json.loads(praksis(workspace_copy, "mangler", "--json").output)["mangler"]
    assert any(i["saksnummer"] == saksnummer and i["dokument"] == dokumenttype and "venter på kontroll" in i["detalj"]
               for i in listed)
    review = workspace_copy / "inbox" / "signert" / "til_kontroll"
    assert (review / path.name).read_bytes() == path.read_bytes()  # a copy; the given file is left where it was
    note = (review / f"{path.name}.kontroll.txt").read_text(encoding="utf-8-sig")
    assert says in note and "praksis signert godkjenn" in note and "praksis signert avvis" in note
    logged = [e for e in events(workspace_copy, saksnummer) if e["type"] == "signert til kontroll"]
    assert logged and says in logged[-1]["grunn"]
    again = praksis(workspace_copy, "signert", str(path))  # given again: the same copy waits, once
    assert again.exit_code == 1 and "TIL KONTROLL" in again.output
    assert sorted(p.name for p in review.iterdir()) == sorted([path.name, f"{path.name}.kontroll.txt"])
    assert len([e for e in events(workspace_copy, saksnummer) if e["type"] == "signert til kontroll"]) == len(logged)


def test_a_real_scan_is_still_filed_at_once(workspace_copy, tmp_path):
    saksnummer, pdf = document(workspace_copy)
    result = praksis(workspace_copy, "signert", str(scan(pdf, tmp_path / "skann.pdf")))
    assert result.exit_code == 0 and "ARKIVERT" in result.output, result.output
    assert not (workspace_copy / "inbox" / "signert" / "til_kontroll").exists()


def test_a_person_approves_a_copy_in_review(workspace_copy, tmp_path):
    saksnummer, dokumenttype, path, _says = forged("blank", workspace_copy, tmp_path)
    assert praksis(workspace_copy, "signert", str(path)).exit_code == 1
    result = praksis(workspace_copy, "signert", "godkjenn", path.name, "--grunn", "papirkopien er signert")
    assert result.exit_code == 0 and "ARKIVERT" in result.output, result.output
    journal = latest(workspace_copy, saksnummer, dokumenttype)
    assert journal.latest.meta["signert"] and journal.latest.meta["godkjent_ved_kontroll"]["grunn"] == "papirkopien er signert"
    assert journal.meta["journalstatus"] == "Arkivert"
    assert not missing(workspace_copy, saksnummer, dokumenttype)
    kinds = [e["type"] for e in events(workspace_copy, saksnummer)]
    assert "signert til kontroll" in kinds and "signert godkjent" in kinds
    signed = workspace_copy / "inbox" / "signert"
    assert not list((signed / "til_kontroll").iterdir())  # file and note settled
    assert (signed / "behandlet" / path.name).is_file() and (signed / "behandlet" / f"{path.name}.kvittering.txt").is_file()
    assert praksis(workspace_copy, "verify").exit_code == 0


def test_a_person_rejects_a_copy_in_review(workspace_copy, tmp_path):
    saksnummer, dokumenttype, path, _says = forged("usignert", workspace_copy, tmp_path)
    assert praksis(workspace_copy, "signert", str(path)).exit_code == 1
    result = praksis(workspace_copy, "signert", "avvis", path.name, "--grunn", "ikke signert")
    assert result.exit_code == 0 and "AVVIST" in result.output, result.output
    assert missing(workspace_copy, saksnummer, dokumenttype)
    rejected = [e for e in events(workspace_copy, saksnummer) if e["type"] == "signert avvist"]
    assert rejected and rejected[-1]["grunn"] == "ikke signert"
    signed = workspace_copy / "inbox" / "signert"
    assert "ikke signert" in (signed / "avvist" / f"{path.name}.feil.txt").read_text(encoding="utf-8-sig")
    assert not list((signed / "til_kontroll").iterdir())
    again = praksis(workspace_copy, "signert", "avvis", path.name, "--grunn", "x")
    assert again.exit_code == 2 and "til_kontroll" in again.output  # nothing left to settle


def test_the_watcher_sends_the_unsigned_pdf_to_review(workspace_copy, warm_pool, tmp_path):
    workspace = Workspace(workspace_copy)
    inbox_settings(workspace, **FAST)
    text = workspace.config_file.read_text(encoding="utf-8")
    workspace.config_file.write_text(text.replace("vent_sekunder = 60.0", "vent_sekunder = 0.5"), encoding="utf-8")
    config = load_config(workspace)
    saksnummer, dokumenttype, path, says = forged("usignert", workspace_copy, tmp_path)
    signed_folder = workspace.inbox / "signert"
    with watching(config, warm_pool) as watcher:
        path.rename(signed_folder / "avtale.pdf")
        wait_for(lambda: watcher.signed_results, timeout=60, what="the unsigned copy")
    assert watcher.signed_results[0].outcome == "til kontroll"
    assert not (signed_folder / "avtale.pdf").exists()
    assert says in (signed_folder / "til_kontroll" / "avtale.pdf.kontroll.txt").read_text(encoding="utf-8-sig")
    assert missing(workspace_copy, saksnummer, dokumenttype)


def test_a_killed_signert_leaves_no_copy_in_tmp(workspace_copy, tmp_path):
    """The merged and normalised copies are made in the workspace's .praksis-tmp/, not /tmp; after a
    kill -9 they wait there and the next command removes them."""
    import os
    import signal
    import subprocess
    import sys
    import tempfile

    _saksnummer, pdf = document(workspace_copy)
    part = scan(pdf, tmp_path / "skann.pdf")
    process = subprocess.Popen([str(Path(sys.executable).parent / "praksis"), "--root", str(workspace_copy), "signert",
                                str(part)], env={**os.environ, "PRAKSIS_KRASJ": "signert-etter-versjon"},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    assert process.wait(timeout=120) == -signal.SIGKILL
    system_tmp = Path(tempfile.gettempdir())
    assert [p.name for p in system_tmp.iterdir() if f"-{process.pid}-" in p.name] == []
    left = list((workspace_copy / ".praksis-tmp").glob(f"signert-{process.pid}-*"))
    assert left and any(p.suffix == ".pdf" for p in left[0].iterdir())  # the copies the kill left, in the workspace
    assert praksis(workspace_copy, "list").exit_code == 0
    assert not left[0].exists()
