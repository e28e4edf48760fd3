"""`templates check` warns where a template lost what a screen reader needs (DOCX read directly)."""

from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from pipeline.documents.template_accessibility import accessibility_warnings
from tests.convert.samples import sample_docx


def test_an_accessible_template_has_no_warnings(tmp_path: Path) -> None:
    assert accessibility_warnings(sample_docx(tmp_path / "ok.docx")) == []


def test_each_loss_is_named(tmp_path: Path) -> None:
    [heading, no_h1] = accessibility_warnings(sample_docx(tmp_path / "a.docx", heading=False))
    assert "«Prøvedokument» ser ut som en overskrift (stor og fet), men har stilen «Normal»" in heading
    assert "ingen overskrift med stilen «Overskrift 1»" in no_h1
    [table] = accessibility_warnings(sample_docx(tmp_path / "b.docx", header_row=False))
    assert "Tabell 1 i brødteksten («Rolle Navn») har ingen overskriftsrad" in table
    [image] = accessibility_warnings(sample_docx(tmp_path / "c.docx", image_text=None))
    assert "Et bilde i brødteksten" in image and "alternativ tekst" in image
    found = accessibility_warnings(sample_docx(tmp_path / "d.docx", language="en-US"))
    assert any("Standardspråket er «en-US», ikke norsk" in f for f in found)
    assert all(f.startswith("Tilgjengelighet: ") for f in found)


def test_title_style_and_an_english_passage(tmp_path: Path) -> None:
    path = sample_docx(tmp_path / "e.docx")
    document = Document(str(path))
    document.paragraphs[0].style = document.styles["Title"]
    run = document.add_paragraph().add_run("Terms and conditions")
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "en-GB")
    run._r.get_or_add_rPr().append(language)
    document.save(str(path))
    found = accessibility_warnings(path)
    assert any("«Prøvedokument» har stilen «Tittel»" in f for f in found)
    assert any("ved «Terms and conditions» er merket med språket «en-GB»" in f for f in found)


def test_a_bold_label_in_body_size_is_not_a_heading(tmp_path: Path) -> None:
    path = sample_docx(tmp_path / "f.docx")
    document = Document(str(path))
    document.add_paragraph().add_run("Merknad").bold = True
    document.save(str(path))
    assert accessibility_warnings(path) == []


def test_an_unreadable_file_is_left_to_the_template_check(tmp_path: Path) -> None:
    (tmp_path / "x.docx").write_bytes(b"not a zip")
    assert accessibility_warnings(tmp_path / "x.docx") == []
