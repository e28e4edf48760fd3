import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.documents.preview import folder_name
from tests.conftest import EXAMPLES, fnr_for


def test_folder_names_are_safe_and_never_a_fnr() -> None:
    assert folder_name("PB-2026-001") == "PB-2026-001"
    assert folder_name("PB 2026/001") == "PB-2026-001"
    fnr = fnr_for(10, 10, 1990)
    assert fnr not in folder_name(fnr) and folder_name(fnr).startswith("P-")
    assert folder_name("../..") .startswith("P-")


def test_docx_only_preview_marks_drafts(tmp_path) -> None:
    root = tmp_path / "ws"
    CliRunner().invoke(main, ["init", str(root)])
    result = CliRunner().invoke(main, ["--root", str(root), "render", str(EXAMPLES / "praksisliste.csv"),
                                       "--out", str(tmp_path / "ut"), "--uten-pdf"])
    assert result.exit_code == 0, result.output
    made = sorted(p.relative_to(tmp_path / "ut").as_posix() for p in (tmp_path / "ut").rglob("*.docx"))
    assert "PB-2026-101/praksisavtale.docx" in made and not list((tmp_path / "ut").rglob("*.pdf"))
    assert "UTKAST" in result.output


@pytest.mark.slow
def test_render_command_makes_pdfa_and_reports_rejected_rows(tmp_path) -> None:
    root = tmp_path / "ws"
    CliRunner().invoke(main, ["init", str(root)])
    out = tmp_path / "ut"
    result = CliRunner().invoke(main, ["--root", str(root), "render", str(EXAMPLES / "praksisliste.xlsx"),
                                       str(EXAMPLES / "ugyldig.csv"), "--out", str(out)])
    assert result.exit_code == 1
    assert (out / "PB-2026-201" / "praksisavtale.pdf").is_file()
    assert (out / "PB-2026-202" / "taushetsloefte.pdf").is_file()
    assert "Kontrollsifrene stemmer ikke" in result.output
    assert "5 dokument(er) laget" in result.output  # Startet: 3 documents, Bekreftet: 2
