"""Every document for every tiltak, through real LibreOffice, read back as a screen reader
would: PDF/A-1a, Norwegian, a human title shown by the viewer, a structure whose reading order
starts with the title as H1 and no heading level skipped, header cells in every table;
Preflight accepts every file."""

from pathlib import Path

import pikepdf
import pytest

from pipeline.convert import PdfaLevel, pdfa_claim
from pipeline.convert.accessibility import Expected, problems, reading_order, structure
from pipeline.programs.preflight import preflight
from pipeline.documents.planning import applicable_documents
from pipeline.documents.preview import render_previews
from pipeline.domain.record import Tiltak
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def previews(tmp_path_factory):
    """Every document of every example record (every tiltak), one converter pool."""
    from pipeline.common.config import load_config
    from pipeline.common.workspace import init_workspace

    root = tmp_path_factory.mktemp("a11y-docs")
    config = load_config(init_workspace(root / "ws"))
    result = render_previews(config, [EXAMPLES / "praksisplasser.json"], root / "ut", every_document=True)
    records = {r.record.id: r.record for f in result.files for r in f.records if r.record}
    return config, result, records


def test_every_document_for_every_tiltak_converts(previews) -> None:
    config, result, records = previews
    assert {r.tiltak for r in records.values()} == set(Tiltak)
    assert [(d.record_id, d.dokumenttype, d.error) for d in result.documents if d.error] == []
    expected = sum(len(applicable_documents(r, config.documents)) for r in records.values())
    assert len(result.documents) == expected >= 4 * len(Tiltak)


def test_each_pdf_is_1a_norwegian_titled_and_structured(previews) -> None:
    config, result, records = previews
    for document in [d for d in result.documents if d.pdf]:  # failures: see the first test
        spec = config.settings.dokumenter[document.dokumenttype]
        title = f"{spec.tittel} – utkast"
        assert pdfa_claim(document.pdf) == PdfaLevel(1, "A"), document
        assert problems(document.pdf, Expected(title, "nb-NO")) == [], document
        with pikepdf.open(document.pdf) as pdf:
            assert str(pdf.Root.Lang) == "nb-NO"
            assert str(pdf.docinfo["/Title"]) == title == str(pdf.open_metadata()["dc:title"])
            assert records[document.record_id].praktikant.navn not in title
            assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle)
            tags = [e.tag for e in structure(pdf).walk()]
        levels = [int(t[1]) for t in tags if t in ("H1", "H2", "H3", "H4", "H5", "H6")]
        assert levels.count(1) == 1 and levels[0] == 1, (document, levels)
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), (document, levels)  # no level skipped


def test_reading_order_starts_with_the_title(previews) -> None:
    config, result, records = previews
    for document in [d for d in result.documents if d.pdf]:  # failures: see the first test
        order = reading_order(document.pdf)
        assert order[0] == ("H1", config.settings.dokumenter[document.dokumenttype].tittel), (document, order[:3])
        text = " ".join(t for _, t in order)
        assert records[document.record_id].praktikant.navn in text  # the content is in the tree, not an artifact
        assert "UTKAST" not in order[0][1]


def test_preflight_accepts_every_pdf(previews) -> None:
    _, result, _ = previews
    outcomes = preflight([d.pdf for d in result.documents if d.pdf])
    assert [(r.path.name, r.errors) for r in outcomes if not r.valid] == []
    assert len(outcomes) == len([d for d in result.documents if d.pdf]) > 0
