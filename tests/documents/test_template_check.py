import shutil

from docx import Document

from pipeline.common.config import Config
from pipeline.domain.record import Maalform
from pipeline.documents.template_check import check_template, check_templates
from pipeline.documents.template_holes import Block, HoleKind, find_holes


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
    found = {name: [p.message for p in problems] for name, problems in check_templates(config).items() if problems}
    assert found == {}


def test_broken_tag_is_reported_with_its_text(workspace, config) -> None:
    _edit(workspace, "praksisavtale.docx", "{{ praktikant.navn }} ved", "{{ praktikant.navn } ved")
    [problem] = check_templates(config)["praksisavtale.docx"]
    assert "Feil i malkoden i brødteksten" in problem.message
    assert "Denne avtalen gjelder en praksisplass" in problem.message


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
    problems = check_templates(config)["praksisbevis.docx"]
    assert problems and all("aldri vise det" in p.message and "tillat_foedselsnummer" in p.message for p in problems)
    assert {p.message.split(" skal aldri")[0].rsplit(" ", 1)[-1] for p in problems} == {"praksisbevis", "attest"}


def test_missing_and_unreadable_templates(workspace, config) -> None:
    (workspace.templates / "praksisbevis.docx").unlink()
    (workspace.templates / "nn" / "praksisbevis.docx").unlink()
    shutil.copy(workspace.config_file, workspace.templates / "taushetsloefte.docx")
    shutil.copy(workspace.config_file, workspace.templates / "nn" / "taushetsloefte.docx")
    results = check_templates(config)
    assert "finnes ikke" in results["praksisbevis.docx"][0].message
    assert "nn/praksisbevis.docx" not in results  # the missing template is reported once
    assert "Word-dokument" in results["taushetsloefte.docx"][0].message
    assert "Word-dokument" in results["nn/taushetsloefte.docx"][0].message


def test_the_nynorsk_templates_are_checked_the_same_way(workspace, config) -> None:
    """The fødselsnummer, a broken tag and an unknown field in a nynorsk template are found as in bokmål."""
    _edit(workspace, "nn/praksisbevis.docx", "{{ praktikant.foedselsdato|dato }}", "{{ praktikant.foedselsnummer }}")
    _edit(workspace, "nn/praksisavtale.docx", "{{ praktikant.navn }} ved", "{{ praktikant.navn } ved")
    _edit(workspace, "nn/taushetsloefte.docx", "{{ praktikant.navn }} ·", "{{ praktikant.nanv }} ·")
    results = check_templates(config)
    assert results["praksisbevis.docx"] == [] and results["praksisavtale.docx"] == []
    assert all("aldri vise det" in p.message for p in results["nn/praksisbevis.docx"])
    [broken] = results["nn/praksisavtale.docx"]
    assert "Feil i malkoden" in broken.message and "Denne avtalen gjeld ein praksisplass" in broken.message
    assert any("«praktikant.nanv»" in p.message for p in results["nn/taushetsloefte.docx"])


def test_a_hole_in_a_nynorsk_template_is_found(workspace, config) -> None:
    insert_paragraph(workspace, "nn/oppfoelgingsplan.docx", "Tilrettelegging: {{ tilrettelegging }}")
    specs = [(n, s) for n, s in config.settings.dokumenter.items() if s.mal == "oppfoelgingsplan.docx"]
    found = [p for name, spec in specs for p in check_template(config, name, spec, Maalform.NYNORSK)]
    assert any(p.template == "nn/oppfoelgingsplan.docx" and "Ledetekst uten innhold: «Tilrettelegging:»" in p.message
               for p in found), [p.message for p in found]
    assert not [p for name, spec in specs for p in check_template(config, name, spec) if p.message.startswith("Hull")]


def test_a_template_in_one_written_standard_only_falls_back_with_a_warning(workspace, config) -> None:
    (workspace.templates / "praksisbevis.docx").unlink()
    (workspace.templates / "nn" / "oppfoelgingsplan.docx").unlink()
    results = check_templates(config)
    warnings = [p.message for p in results["nn/praksisbevis.docx"] if p.warning]  # praksisbevis and attest
    assert any("Praksisbevis har ingen mal på bokmål (praksisbevis.docx)" in m for m in warnings), warnings
    assert any(m.startswith("Attest har ingen mal på bokmål") for m in warnings), warnings
    plans = [p.message for p in results["oppfoelgingsplan.docx"] if p.warning]  # oppfoelgingsplan and _intern
    assert len(plans) == 2 and all("dokumenter på nynorsk lages av oppfoelgingsplan.docx" in m for m in plans)
    assert [p for found in results.values() for p in found if not p.warning] == []


def test_cli_exit_codes(workspace) -> None:
    from click.testing import CliRunner

    from pipeline.cli import main

    ok = CliRunner().invoke(main, ["--root", str(workspace.root), "templates", "check"])
    assert ok.exit_code == 0 and "0 feil" in ok.output and "nn/praksisavtale.docx: OK" in ok.output
    (workspace.templates / "nn" / "praksisbevis.docx").unlink()  # a fallback is a remark, not an error
    remark = CliRunner().invoke(main, ["--root", str(workspace.root), "templates", "check"])
    assert remark.exit_code == 0 and "Merk: Praksisbevis har ingen mal på nynorsk" in remark.output
    _edit(workspace, "praksisbevis.docx", "{{ praktikant.navn }} {{ ordning }}", "{{ praktikant.navn }} {{ ordning }} {{ ukjent }}")
    bad = CliRunner().invoke(main, ["--root", str(workspace.root), "templates", "check"])
    assert bad.exit_code == 1 and "«ukjent»" in bad.output


def test_a_tag_broken_so_that_it_still_renders_is_caught(workspace, config) -> None:
    """`{{ x }` joined with the text up to the next `%}` renders without error, losing text."""
    _edit(workspace, "praksisbevis.docx", "{{ dokument.tittel }}", "{{ dokument.tittel }")
    [problem] = check_templates(config)["praksisbevis.docx"]
    assert "«{{» lukkes ikke med «}}»" in problem.message and "dokument.tittel" in problem.message


def insert_paragraph(workspace, name: str, text: str) -> None:
    """Add a paragraph after the template's first one, as a Word user would type it."""
    path = workspace.templates / name
    document = Document(path)
    document.paragraphs[1].insert_paragraph_before(text)
    document.save(path)


def _holes(config, template: str) -> list[str]:
    """The holes `templates check` reports for one template (only that one is checked)."""
    specs = [(n, s) for n, s in config.settings.dokumenter.items() if s.mal == template]
    return [p.message for name, spec in specs for p in check_template(config, name, spec) if p.message.startswith("Hull")]


def test_a_bare_label_is_a_hole(workspace, config) -> None:
    """A label typed in Word without the `{%p if %}` around it stands alone when the field is empty."""
    insert_paragraph(workspace, "oppfoelgingsplan.docx", "Tilrettelegging: {{ tilrettelegging }}")
    messages = _holes(config, "oppfoelgingsplan.docx")
    [message] = [m for m in messages if "«Tilrettelegging:»" in m and "Arbeidstrening" in m]
    assert "Ledetekst uten innhold: «Tilrettelegging:»" in message, messages
    assert "Arbeidstrening (Startet, Avsluttet)" in message


def test_a_sentence_starting_with_an_empty_field_is_a_hole(workspace, config) -> None:
    insert_paragraph(workspace, "oppfoelgingsplan.docx", "{{ tilrettelegging }} er avtalt på oppstartsmøtet.")
    messages = _holes(config, "oppfoelgingsplan.docx")
    assert any("Setningen begynner med et tomt felt: «er avtalt på oppstartsmøtet.»" in m for m in messages), messages


def test_punctuation_around_an_empty_field_is_a_hole(workspace, config) -> None:
    insert_paragraph(workspace, "praksisbevis.docx", "Bekreftelse ({{ tilrettelegging }})")
    messages = _holes(config, "praksisbevis.docx")
    assert any("Tegnsetting rundt et tomt felt: «Bekreftelse ()»" in m for m in messages), messages


def test_a_signature_line_without_a_name_is_a_hole(config) -> None:
    """When no document requires the praksisveileder's name, a signature line for the veileder
    has no name."""
    specs = {
        name: spec.model_copy(update={
            "krever": [f for f in spec.krever if f != "praksisveileder.navn"],
            "signeres_av": [*spec.signeres_av, "praksisveileder"] if "praksisveileder" not in spec.signeres_av
            else spec.signeres_av,
        })
        for name, spec in config.settings.dokumenter.items()
    }
    changed = Config(workspace=config.workspace, settings=config.settings.model_copy(update={"dokumenter": specs}),
                     **{k: getattr(config, k) for k in Config.model_fields if k not in ("workspace", "settings")})
    messages = _holes(changed, "taushetsloefte.docx")
    assert any("Signaturlinje uten navn: «Praksisveileder»" in m and "Arbeidstrening (Bekreftet, Startet, Avsluttet)"
               in m for m in messages), messages


def test_rows_with_nothing_or_only_a_label_are_holes() -> None:
    full = [Block(("Kontakt", "Telefon"), row=True), Block(("Veileder", "Kari Nordmann"), row=True),
            Block(("Merknad", "Tekst"), row=True), Block(("", "Fast tekst"), row=True)]
    empty = [Block(("Kontakt", "Telefon"), row=True), Block(("Veileder", ""), row=True),
             Block(("", ""), row=True), Block(("", "Fast tekst"), row=True)]
    holes = find_holes(empty, full, {"Praktikant": "Kari Nordmann"})
    assert [(h.kind, h.text) for h in holes] == [(HoleKind.LABEL_ROW, "Veileder"), (HoleKind.EMPTY_ROW, " | ")]
    cell = [Block(("Veileder", "Kari Nordmann\nTelefon: 412 34 567"), row=True)]
    holes = find_holes([Block(("Veileder", "Kari Nordmann\nTelefon:"), row=True)], cell, {})
    assert [(h.kind, h.text) for h in holes] == [(HoleKind.BARE_LABEL, "Telefon:")]


def test_fixed_text_is_never_a_hole() -> None:
    """Text the complete render has too is the template's own wording, whatever its punctuation."""
    blocks = [Block(("Jeg lover å:",)), Block(("bevare taushet,",)), Block((" (fast) tekst ,",))]
    assert find_holes(blocks, blocks, {}) == []
    assert [h.kind for h in find_holes([Block(("Jeg lover å:",)), Block(("Neste avsnitt",))], blocks, {})] == \
        [HoleKind.BARE_LABEL]


def test_fnr_in_any_tag_is_refused(workspace, config) -> None:
    """Printed or only tested: both name the number, and neither is allowed."""
    insert_paragraph(workspace, "taushetsloefte.docx",
                     "{{ praktikant.foedselsnummer }} {% if praktikant['foedselsnummer'] %}x{% endif %}")
    messages = [p.message for p in check_templates(config)["taushetsloefte.docx"]]
    assert len(messages) == 2 and all("aldri vise det" in m for m in messages), messages
    assert "«{{ praktikant.foedselsnummer }}»" in messages[0]


def test_the_renderer_gives_the_number_only_where_allowed(config) -> None:
    """No document type allows the fødselsnummer, so no template's context holds it; a type
    that set `tillat_foedselsnummer` would get it."""
    from datetime import date

    from pipeline.documents.identity import DocumentIdentity
    from pipeline.documents.render import context_data
    from pipeline.domain.synthetic import sample_record

    record = sample_record("arbeidstrening")
    for name, spec in config.settings.dokumenter.items():
        assert not spec.tillat_foedselsnummer
        context = context_data(record, spec, DocumentIdentity(name, 1, "2026/1"), config, date(2026, 1, 5))
        assert "foedselsnummer" not in context["praktikant"] and context["praktikant"]["foedselsdato"]
        assert record.praktikant.foedselsnummer not in repr(context), name
    allowed = spec.model_copy(update={"tillat_foedselsnummer": True})
    context = context_data(record, allowed, DocumentIdentity(name, 1, "2026/1"), config, date(2026, 1, 5))
    assert context["praktikant"]["foedselsnummer"] == record.praktikant.foedselsnummer
