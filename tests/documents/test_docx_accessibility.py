"""What a rendered DOCX says about itself: title per document, language, alt text on images (no LibreOffice)."""

import io
import zipfile
from datetime import date

from docx import Document
from lxml import etree

from pipeline.common.config import load_config
from pipeline.convert.accessibility import expected_from_docx
from pipeline.documents.identity import DocumentIdentity
from pipeline.documents.render import Renderer
from pipeline.domain.synthetic import sample_record

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def render(config, name: str, saksnummer: str | None) -> bytes:
    record = sample_record()
    return Renderer(config).render(record, name, DocumentIdentity(name, 1, saksnummer, record.id), today=date(2026, 1, 5))


def test_title_per_document_without_a_name(config, tmp_path) -> None:
    record = sample_record()
    for name, spec in config.settings.dokumenter.items():
        final = Document(io.BytesIO(render(config, name, "2026/17"))).core_properties
        draft = Document(io.BytesIO(render(config, name, None))).core_properties
        assert final.title == f"{spec.tittel} – sak 2026/17"
        assert draft.title == f"{spec.tittel} – utkast"
        assert record.praktikant.navn not in final.title and record.praktikant.navn.split()[0] not in draft.title
    path = tmp_path / "a.docx"
    path.write_bytes(render(config, "praksisavtale", "2026/17"))
    assert expected_from_docx(path).title == "Praksisavtale – sak 2026/17"


def test_language_follows_the_maalform(workspace, tmp_path) -> None:
    config = load_config(workspace)
    path = tmp_path / "nb.docx"
    path.write_bytes(render(config, "praksisbevis", None))
    assert expected_from_docx(path).language == "nb-NO"
    with zipfile.ZipFile(path) as docx:
        styles = etree.fromstring(docx.read("word/styles.xml"))
    assert {e.get(f"{W}val") for e in styles.iter(f"{W}lang") if e.get(f"{W}val")} == {"nb-NO"}

    text = workspace.config_file.read_text(encoding="utf-8")
    workspace.config_file.write_text(text.replace('maalform = "bokmål"', 'maalform = "nynorsk"'), encoding="utf-8")
    path.write_bytes(render(load_config(workspace), "praksisbevis", None))
    assert expected_from_docx(path).language == "nn-NO"
    assert Document(str(path)).core_properties.language == "nn-NO"


def test_logo_and_qr_have_alternative_text(config) -> None:
    data = render(config, "praksisavtale", "2026/17")
    with zipfile.ZipFile(io.BytesIO(data)) as docx:
        parts = [etree.fromstring(docx.read(n)) for n in docx.namelist() if n.startswith("word/") and n.endswith(".xml")]
    described = [d.get("descr") for part in parts
                 for d in part.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]
    assert "Logo: Eksempel kommune" in described
    assert "QR-kode med dokumentets identitet" in described
    assert all(described), described
