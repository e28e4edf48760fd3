"""The accessibility check of a produced PDF: fast cases on PDFs built with pikepdf, then real
LibreOffice conversions of small DOCX files that have, or have lost, each feature."""

from pathlib import Path

import pikepdf
import pytest

from pipeline.convert import ConversionError, ConverterPool, PdfaLevel, pdfa_claim
from pipeline.convert.accessibility import (AccessibilityError, Expected, expected_from_docx, problems,
                                            reading_order, require_accessible)
from pipeline.programs.preflight import preflight
from tests.convert.samples import sample_docx


def tagged_pdf(path: Path, *, lang: str = "nb-NO", title: str = "Prøve – utkast", headings: tuple[str, ...] = ("/H1",),
               table_cells: tuple[str, ...] = ("/TH", "/TD"), display_title: bool = True) -> Path:
    """A one-page PDF with just the catalogue entries and structure elements under test."""
    pdf = pikepdf.new()
    pdf.add_blank_page()
    page = pdf.pages[0].obj
    kids = [pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name(h), Pg=page, K=0))
            for h in headings]
    if table_cells:
        cells = [pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name(c), Pg=page, K=n + 1)
                 for n, c in enumerate(table_cells)]
        row = pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.TR, K=pikepdf.Array(cells))
        kids.append(pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.Table, K=row)))
    document = pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.Document, K=pikepdf.Array(kids))
    pdf.Root.StructTreeRoot = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot, K=document))
    pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
    if lang:
        pdf.Root.Lang = pikepdf.String(lang)
    pdf.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=display_title)
    if title:
        pdf.docinfo["/Title"] = title
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["dc:title"] = title
    pdf.save(path)
    return path


def test_a_complete_file_passes(tmp_path: Path) -> None:
    path = tagged_pdf(tmp_path / "ok.pdf")
    assert problems(path, Expected("Prøve – utkast", "nb-NO")) == []
    require_accessible(path, Expected("Prøve – utkast", "nb-NO"))


@pytest.mark.parametrize("changes, reason", [
    ({"lang": "en-US"}, "«en-US», ikke norsk"),
    ({"lang": ""}, "språket mangler"),
    ({"title": ""}, "tittelen mangler"),
    ({"display_title": False}, "DisplayDocTitle"),
    ({"headings": ("/P", "/H2")}, "ingen overskrift på nivå 1"),
    ({"table_cells": ("/TD", "/TD")}, "tabell 1 av 1 har ingen overskriftsceller"),
])
def test_each_loss_is_named(tmp_path: Path, changes: dict, reason: str) -> None:
    path = tagged_pdf(tmp_path / "x.pdf", **changes)
    with pytest.raises(AccessibilityError) as caught:
        require_accessible(path, Expected(), "praksisavtale.docx")
    assert reason in caught.value.message and caught.value.message.startswith("praksisavtale.docx: ")
    assert isinstance(caught.value, ConversionError)  # the pool and the CLI treat it as a failed conversion


def test_expected_language_and_title_are_compared(tmp_path: Path) -> None:
    path = tagged_pdf(tmp_path / "x.pdf", lang="nb-NO", title="Praksisavtale – utkast")
    found = problems(path, Expected("Praksisavtale – sak 2026/1", "nn-NO"))
    assert any("«nb-NO», dokumentet skulle ha «nn-NO»" in f for f in found)
    assert any("skulle vært «Praksisavtale – sak 2026/1»" in f for f in found)


def test_an_untagged_pdf_and_a_non_pdf(tmp_path: Path) -> None:
    plain = pikepdf.new()
    plain.add_blank_page()
    plain.save(tmp_path / "plain.pdf")
    found = problems(tmp_path / "plain.pdf")
    assert any("StructTreeRoot" in f for f in found) and any("MarkInfo" in f for f in found)
    (tmp_path / "x.pdf").write_bytes(b"not a pdf")
    assert problems(tmp_path / "x.pdf") == ["filen kunne ikke leses (PdfError)"]
    assert expected_from_docx(tmp_path / "x.pdf") == Expected()



@pytest.mark.parametrize("content, ok", [
    (b"q 10 0 0 10 0 0 cm /Im0 Do Q", False),  # drawn outside any marked content
    (b"/Artifact BMC q 10 0 0 10 0 0 cm /Im0 Do Q EMC", True),  # decoration
    (b"/P <</MCID 0>> BDC q 10 0 0 10 0 0 cm /Im0 Do Q EMC", False),  # inside a heading, not a Figure
])
def test_an_image_needs_a_described_figure_or_an_artifact(tmp_path: Path, content: bytes, ok: bool) -> None:
    path = tagged_pdf(tmp_path / "img.pdf")
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        image = pikepdf.Stream(pdf, b"\x00\x00\x00", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=1,
                               Height=1, ColorSpace=pikepdf.Name.DeviceRGB, BitsPerComponent=8)
        page = pdf.pages[0]
        page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image))
        page.Contents = pdf.make_stream(content)
        pdf.save(path)
    found = problems(path)
    assert (found == []) is ok, found
    if not ok:
        assert found == ["bilde uten alternativ tekst og ikke merket som dekor på side 1"]


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    """One pool for the module: LibreOffice start-up is the cost."""
    folder = tmp_path_factory.mktemp("a11y")
    sources = {
        "good": sample_docx(folder / "good.docx"),
        "no_heading": sample_docx(folder / "no_heading.docx", heading=False),
        "no_header_row": sample_docx(folder / "no_header_row.docx", header_row=False),
        "no_alt": sample_docx(folder / "no_alt.docx", image_text=None),
        "english": sample_docx(folder / "english.docx", language="en-US"),
        "nynorsk": sample_docx(folder / "nynorsk.docx", language="nn-NO", title="Prøvedokument – sak 2026/3"),
    }
    with ConverterPool(2, 60, PdfaLevel(1, "A")) as pool:
        outcomes = pool.convert_many([(s, s.with_suffix(".pdf")) for s in sources.values()])
    return {name: outcome for name, outcome in zip(sources, outcomes)}


@pytest.mark.slow
def test_the_good_one_is_pdfa_1a_tagged_and_valid(converted) -> None:
    good = converted["good"]
    assert good.error is None
    assert pdfa_claim(good.target) == PdfaLevel(1, "A")
    assert problems(good.target, expected_from_docx(good.source)) == []
    assert [r.valid for r in preflight([good.target])] == [True]
    with pikepdf.open(good.target) as pdf:
        assert str(pdf.Root.Lang) == "nb-NO" and str(pdf.docinfo.Title) == "Prøvedokument – utkast"
    order = reading_order(good.target)
    assert order[0] == ("H1", "Prøvedokument") and ("H2", "Partene") in order
    assert [t for tag, t in order if tag == "TH"] == ["Rolle", "Navn"]
    assert ("Figure", "Et blått felt") in order


@pytest.mark.slow
@pytest.mark.parametrize("name, reason", [
    ("no_heading", "ingen overskrift på nivå 1"),
    ("no_header_row", "ingen overskriftsceller (TH)"),
    ("no_alt", "bilde(r) uten alternativ tekst"),
    ("english", "«en-US», ikke norsk"),
])
def test_a_lost_feature_fails_the_conversion_and_leaves_no_file(converted, name: str, reason: str) -> None:
    outcome = converted[name]
    assert isinstance(outcome.error, AccessibilityError), outcome
    assert reason in outcome.error.message
    assert not outcome.target.exists()
    assert not list(outcome.target.parent.glob(".*.tmp.pdf"))


@pytest.mark.slow
def test_the_language_and_title_come_from_the_docx(converted) -> None:
    nynorsk = converted["nynorsk"]
    assert nynorsk.error is None
    with pikepdf.open(nynorsk.target) as pdf:
        assert str(pdf.Root.Lang) == "nn-NO" and str(pdf.docinfo.Title) == "Prøvedokument – sak 2026/3"
