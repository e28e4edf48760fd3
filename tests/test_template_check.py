import shutil

from docx import Document

from pipeline.template_check import check_templates


def _edit(workspace, name: str, old: str, new: str) -> None:
    """Change text in a template the way a Word edit would, keeping the rest."""
    path = workspace.templates / name
    document = Document(path)
    for paragraph in document.paragraphs:
        if old in paragraph.text:
            text = paragraph.text.replace(old, new)
            for run in paragraph.runs[1:]:
                run.text = ""
            paragraph.runs[0].text = text
            document.save(path)
            return
    raise AssertionError(f"{old!r} not in {name}")


def test_shipped_templates_are_clean(config) -> None:
    assert all(found == [] for found in check_templates(config).values())


def test_broken_tag_is_reported_with_its_text(workspace, config) -> None:
    _edit(workspace, "praksisavtale.docx", "{{ praktikant.navn }} ved", "{{ praktikant.navn } ved")
    [problem] = check_templates(config)["praksisavtale.docx"]
    assert "Feil i malkoden i brødteksten" in problem.message
    assert "Denne avtalen gjelder praksisplass" in problem.message


def test_unclosed_block_is_reported(workspace, config) -> None:
    _edit(workspace, "oppfoelgingsplan.docx", "{%p endif %}", "")
    found = check_templates(config)["oppfoelgingsplan.docx"]
    assert found and "endif" in found[0].message


def test_unknown_variable_with_suggestion(workspace, config) -> None:
    _edit(workspace, "taushetsloefte.docx", "{{ praktikant.navn }} ·", "{{ praktikant.nanv }} · {{ skostorrelse }} ·")
    messages = [p.message for p in check_templates(config)["taushetsloefte.docx"]]
    assert any("«praktikant.nanv»" in m and "Mente du «praktikant.navn»" in m for m in messages), messages
    assert any("«skostorrelse»" in m for m in messages)


def test_fnr_in_praksisbevis_is_refused(workspace, config) -> None:
    _edit(workspace, "praksisbevis.docx", "{{ praktikant.foedselsdato|dato }}", "{{ praktikant.foedselsnummer }}")
    [problem] = check_templates(config)["praksisbevis.docx"]
    assert "aldri vise fødselsnummeret" in problem.message


def test_missing_and_unreadable_templates(workspace, config) -> None:
    (workspace.templates / "praksisbevis.docx").unlink()
    shutil.copy(workspace.config_file, workspace.templates / "taushetsloefte.docx")
    results = check_templates(config)
    assert "finnes ikke" in results["praksisbevis.docx"][0].message
    assert "Word-dokument" in results["taushetsloefte.docx"][0].message


def test_cli_exit_codes(workspace) -> None:
    from click.testing import CliRunner

    from pipeline.cli import main

    ok = CliRunner().invoke(main, ["--root", str(workspace.root), "templates", "check"])
    assert ok.exit_code == 0 and "0 feil" in ok.output
    _edit(workspace, "praksisbevis.docx", "{{ praktikant.navn }} {{ ordning }}", "{{ praktikant.navn }} {{ ordning }} {{ ukjent }}")
    bad = CliRunner().invoke(main, ["--root", str(workspace.root), "templates", "check"])
    assert bad.exit_code == 1 and "«ukjent»" in bad.output


def test_a_tag_broken_so_that_it_still_renders_is_caught(workspace, config) -> None:
    """`{{ x }` joined with the text up to the next `%}` renders without error, losing text."""
    _edit(workspace, "praksisbevis.docx", "{{ dokument.tittel }}", "{{ dokument.tittel }")
    [problem] = check_templates(config)["praksisbevis.docx"]
    assert "«{{» lukkes ikke med «}}»" in problem.message and "dokument.tittel" in problem.message
