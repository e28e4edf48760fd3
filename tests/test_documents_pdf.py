"""Every template for every tiltak in the examples, through real LibreOffice: the key facts
are in the PDF text, forbidden ones are not, the QR code reads back, Preflight accepts all."""

from pathlib import Path

import pypdfium2
import pytest
import zxingcpp
from pypdf import PdfReader

from pipeline.convert.preflight import preflight
from pipeline.identity import DocumentIdentity
from pipeline.preview import render_previews
from pipeline.record import Tiltak
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def previews(tmp_path_factory):
    from pipeline.config import load_config
    from pipeline.workspace import init_workspace

    root = tmp_path_factory.mktemp("docs")
    config = load_config(init_workspace(root / "ws"))
    result = render_previews(config, [EXAMPLES / "praksisplasser.json"], root / "ut", every_document=True)
    records = {r.record.id: r.record for f in result.files for r in f.records if r.record}
    return result, records


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def test_every_document_for_every_tiltak(previews, tmp_path: Path) -> None:
    from pipeline.config import load_config
    from pipeline.workspace import init_workspace

    result, records = previews
    assert {r.tiltak for r in records.values()} == set(Tiltak)
    assert [d.error for d in result.documents if d.error] == []
    specs = load_config(init_workspace(tmp_path / "ws")).settings.dokumenter.values()
    assert len(result.documents) == sum(len([1 for spec in specs if r.tiltak in spec.tiltak]) for r in records.values())


def test_key_facts_and_forbidden_ones(previews) -> None:
    result, records = previews
    for document in result.documents:
        record = records[document.record_id]
        text = " ".join(pdf_text(document.pdf).split())
        assert record.praktikant.navn in text, document
        assert record.praksisenhet.navn in text, document
        assert "Eksempel kommune" in text and "UTKAST" in text
        assert "None" not in text
        assert record.praktikant.foedselsnummer not in text.replace(" ", ""), document
        if document.dokumenttype in ("praksisavtale", "arbeidsavtale", "intern_avtale"):
            start = f"{record.startdato.day}. "
            assert start in text and str(record.sluttdato.year) in text
        if document.dokumenttype == "arbeidsavtale":
            assert "betaler ikke lønn" not in text and "lønnstilskudd" in text and "§ 14-6" in text
        if document.dokumenttype == "praksisavtale":
            if record.tiltak is Tiltak.ARBEIDSTRENING:
                assert f"Yrkesmål: {record.yrkesmaal}" in text
            if record.tiltak in (Tiltak.AKTIVITETSPLASS, Tiltak.SPRAAKPRAKSIS):
                assert "får ikke tilskudd" in text


def test_every_page_has_the_qr_identity(previews) -> None:
    result, _ = previews
    for document in result.documents[:8]:
        expected = DocumentIdentity(document.dokumenttype, 1, None, document.record_id).code
        pdf = pypdfium2.PdfDocument(document.pdf)
        for index in range(len(pdf)):
            image = pdf[index].render(scale=200 / 72).to_pil()
            codes = {b.text for b in zxingcpp.read_barcodes(image)}
            assert expected in codes, (document, index)
            assert f"av {len(pdf)}" in pdf_text(document.pdf)


def test_preflight_accepts_every_pdf(previews) -> None:
    result, _ = previews
    pdfs = [d.pdf for d in result.documents]
    outcomes = preflight(pdfs)
    assert [(r.path.name, r.errors) for r in outcomes if not r.valid] == []
    assert len(outcomes) == len(result.documents)


def test_preflight_rejects_a_broken_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\nnot really\n")
    [outcome] = preflight([broken])
    assert not outcome.valid and outcome.errors
