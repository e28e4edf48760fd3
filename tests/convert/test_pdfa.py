from pathlib import Path

import pikepdf
import pytest

from pipeline.convert import ConversionError, PdfaLevel, pdfa_claim, require_pdfa


def plain_pdf(path: Path) -> Path:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.save(path)
    return path


def with_claim(path: Path, part: str, conformance: str) -> Path:
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["pdfaid:part"] = part
            meta["pdfaid:conformance"] = conformance
        pdf.save(path)
    return path


def test_plain_pdf_has_no_claim_and_is_refused(tmp_path: Path) -> None:
    path = plain_pdf(tmp_path / "plain.pdf")
    assert pdfa_claim(path) is None
    with pytest.raises(ConversionError, match="ingen PDF/A-erklæring"):
        require_pdfa(path, PdfaLevel(1))


def test_not_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "x.pdf"
    path.write_bytes(b"not a pdf")
    assert pdfa_claim(path) is None


def test_wrong_part_is_refused(tmp_path: Path) -> None:
    path = with_claim(plain_pdf(tmp_path / "a2.pdf"), "2", "B")
    assert pdfa_claim(path) == PdfaLevel(2, "B")
    with pytest.raises(ConversionError, match="PDF/A-1b"):
        require_pdfa(path, PdfaLevel(1))


def test_pronom_ids() -> None:
    assert PdfaLevel(1).pronom == "fmt/354" and PdfaLevel(2).pronom == "fmt/477"
    assert PdfaLevel(1, "A").pronom == "fmt/95" and PdfaLevel.parse("1a") == PdfaLevel(1, "A")


def test_level_a_is_kept_when_configured_and_a_b_claim_is_refused(tmp_path: Path) -> None:
    path = with_claim(plain_pdf(tmp_path / "a.pdf"), "1", "A")
    assert require_pdfa(path, PdfaLevel(1, "A")) == PdfaLevel(1, "A")
    assert pdfa_claim(path) == PdfaLevel(1, "A")
    weaker = with_claim(plain_pdf(tmp_path / "b.pdf"), "1", "B")
    with pytest.raises(ConversionError, match="PDF/A-1a .*fant PDF/A-1b"):
        require_pdfa(weaker, PdfaLevel(1, "A"))


def test_level_a_claim_is_settled_to_b_by_pikepdf_when_not_plain_text(tmp_path: Path) -> None:
    path = with_claim(plain_pdf(tmp_path / "a.pdf"), "1", "A")
    assert require_pdfa(path, PdfaLevel(1)) == PdfaLevel(1, "B")
    assert pdfa_claim(path) == PdfaLevel(1, "B")
