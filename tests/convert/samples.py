"""Small DOCX files built in code, each with or without one accessibility feature, to show
that the checks catch what a template can lose."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement
from docx.shared import Mm
from PIL import Image

from pipeline.documents.docx_accessibility import describe_document


def _png() -> io.BytesIO:
    out = io.BytesIO()
    Image.new("RGB", (60, 30), (20, 90, 160)).save(out, "PNG")
    out.seek(0)
    return out


def sample_docx(path: Path, *, heading: bool = True, header_row: bool = True, image_text: str | None = "Et blått felt",
                language: str = "nb-NO", title: str = "Prøvedokument – utkast") -> Path:
    """A document with a title, a section, a table, a list and an image in the body."""
    document = Document()
    if heading:
        document.add_heading("Prøvedokument", level=1)
    else:  # what people do in Word: a big bold Normal paragraph
        run = document.add_paragraph().add_run("Prøvedokument")
        run.bold = True
        run.font.size = Mm(7)
    document.add_heading("Partene", level=2)
    document.add_paragraph("Avtalen gjelder en praksisplass.")
    table = document.add_table(rows=3, cols=2)
    for row, (left, right) in enumerate((("Rolle", "Navn"), ("Praktikant", "Test Testesen"), ("Leder", "Berit"))):
        table.cell(row, 0).text, table.cell(row, 1).text = left, right
    if header_row:
        properties = table.rows[0]._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:tblHeader"))
    document.add_paragraph("Første punkt", style="List Bullet")
    document.add_paragraph("Andre punkt", style="List Bullet")
    document.add_picture(_png(), width=Mm(30))
    if image_text is not None:
        document.inline_shapes[0]._inline.docPr.set("descr", image_text)
    describe_document(document, title, language)
    document.save(path)
    return path

