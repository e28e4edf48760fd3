"""Rendering to DOCX (no LibreOffice): escaping, empty fields, dates, scheme clauses."""

import io
import zipfile
from datetime import date

import pytest
from docx import Document

from pipeline.documents.identity import DocumentIdentity
from pipeline.documents.planning import applicable_documents, due_documents
from pipeline.domain.record import Praksisplass, Status, Tiltak
from pipeline.documents.render import Renderer, dato, timer
from pipeline.domain.synthetic import sample_record


def docx_text(data: bytes) -> str:
    """All text of a DOCX: body, tables, headers and footers; the hard space that binds «§» to its
    number read as a space."""
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.extend(p.text for p in cell.paragraphs)
    for section in document.sections:
        for part in (section.header, section.footer):
            parts.extend(p.text for p in part.paragraphs)
            for table in part.tables:
                for row in table.rows:
                    for cell in row.cells:
                        parts.extend(p.text for p in cell.paragraphs)
    return "\n".join(parts).replace("\u00a0", " ")


def all_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist() if n.endswith(".xml"))


def record(**changes) -> Praksisplass:
    data = sample_record().model_dump()
    for key, value in changes.items():
        target = data
        *parents, leaf = key.split(".")
        for parent in parents:
            target = target[parent]
        target[leaf] = value
    return Praksisplass.model_validate(data)


def render(config, rec: Praksisplass, name: str, saksnummer: str | None = "2026/7") -> bytes:
    return Renderer(config).render(rec, name, DocumentIdentity(name, 1, saksnummer, rec.id), today=date(2026, 1, 5))


def test_filters() -> None:
    assert dato(date(2026, 1, 5)) == "5. januar 2026"
    assert dato(None) == ""
    assert timer(37.5) == "37,5 timer per uke" and timer(20.0) == "20 timer per uke"


def test_special_characters_survive(config) -> None:
    rec = record(**{"praksisenhet.navn": "Bø & Sønner <AS>", "praktikant.navn": '"Ærlig" Østre Åsen'})
    for name in ("praksisavtale", "praksisbevis"):
        text = docx_text(render(config, rec, name))
        assert "Bø & Sønner <AS>" in text
        assert '"Ærlig" Østre Åsen' in text


def test_empty_optional_fields_leave_no_none_and_no_label(config) -> None:
    rec = record(**{"praktikant.telefon": None, "praktikant.epost": None, "praksisveileder.stilling": None,
                    "arbeidstid": None, "tilrettelegging": None, "vurdering": None, "midtveisevaluering": None})
    for name in ("praksisavtale", "taushetsloefte", "oppfoelgingsplan", "praksisbevis"):
        text = docx_text(render(config, rec, name))
        assert "None" not in text
        lines = [line.strip() for line in text.splitlines()]
        for label in ("Arbeidstid:", "Stilling:", "Vurdering:", "Midtveisevaluering:", "Tilrettelegging:"):
            assert label not in lines, (name, label)
        assert not any(line.endswith(":") and line[:-1] in ("Telefon", "E-post", "Stilling") for line in lines)


def test_dates_are_norwegian(config) -> None:
    text = docx_text(render(config, sample_record(), "praksisavtale"))
    assert "5. januar 2026 – 30. mars 2026" in text


def test_no_document_prints_the_fnr_only_the_birth_date(config) -> None:
    for tiltak in Tiltak:
        rec = sample_record(tiltak.value)
        for name in config.settings.dokumenter:
            data = render(config, rec, name)
            assert rec.praktikant.foedselsnummer not in all_xml(data), (tiltak, name)
            assert rec.praktikant.foedselsnummer[:6] not in all_xml(data), (tiltak, name)
    assert "15. januar 1990" in docx_text(render(config, sample_record(), "praksisbevis"))
    assert "15. januar 1990" in docx_text(render(config, sample_record(), "praksisavtale"))


AGREEMENT = {Tiltak.TRAINEE: "arbeidsavtale", Tiltak.INTERN_ARBEIDSTRENING: "intern_avtale"}


@pytest.mark.parametrize("tiltak", list(Tiltak))
def test_scheme_clauses(config, tiltak: Tiltak) -> None:
    name = AGREEMENT.get(tiltak, "praksisavtale")
    assert due_documents(sample_record(tiltak.value, "Bekreftet"), config.documents)[0] == name
    text = docx_text(render(config, record(tiltak=tiltak, **{"praktikant.navn": "Ingrid Olsen"}), name))
    unpaid = "betaler ikke lønn"
    if tiltak is Tiltak.TRAINEE:
        assert unpaid not in text and "praktikant" not in text.lower()
        for element in ("§ 14-6", "§ 14-9 andre ledd bokstav d", "Lønnen er kr 470 000 per år",
                        # probation: at most half of the 12 weeks, with its end and the notice in it
                        "Prøvetiden er den første måneden, til og med 4. februar 2026", "§ 15-3 sjuende ledd",
                        "§ 10-9", "§ 10-6", "§ 15-4", "§§ 17-3 og 17-4", "ferieloven § 11 nr. 3",
                        "siste vanlige lønningsdag før fratreden", "kompetanseutvikling",
                        "Lønnen utbetales den 12.", "Feriepengene er", "kapittel 15", "Kommunal Landspensjonskasse",
                        "Hovedtariffavtalen", "egen avtale mellom kommunen og NAV", "utviklingsplan", "10–20 %"):
            assert element in text, element
    elif tiltak is Tiltak.INTERN_ARBEIDSTRENING:
        assert unpaid not in text and "praksis " not in text and "endrer ikke ansettelsesforholdet" in text
        assert "personalmappe" in text and "oppfølgingsplanen for den sykmeldte" in text
    else:
        assert unpaid in text and "yrkesskadeforsikring" in text and "§ 1-6" in text and "grunnbemanningen" in text
        assert "skadeserstatningsloven" in text and "varsle de andre partene" in text
    if tiltak in (Tiltak.AKTIVITETSPLASS, Tiltak.SPRAAKPRAKSIS, Tiltak.ARBEIDSPRAKSIS):
        assert text.count("tilskudd") == 1 and "får ikke tilskudd" in text
    if tiltak is Tiltak.AKTIVITETSPLASS:
        assert "sosialtjenesteloven § 20." in text  # born 1990: over 30, so § 20, not § 20 a
    if tiltak is Tiltak.ARBEIDSTRENING:
        assert "Yrkesmål: Fagarbeider" in text and "mentortilskudd" in text and "godkjent" in text
    if tiltak is Tiltak.SPRAAKPRAKSIS:
        assert "voksenopplæringen" in text


def test_signature_rows_follow_the_config(config) -> None:
    rec = sample_record()
    for name, spec in config.settings.dokumenter.items():
        document = Document(io.BytesIO(render(config, rec, name)))
        if spec.mal == "praksisbevis.docx":  # the issuer signs on a line under the text, not in a table
            lines = [p for p in document.paragraphs if p.text.startswith("_____")]
            assert len(lines) == len(spec.signeres_av), (name, len(lines))
            continue
        signature_table = document.tables[-1]
        header = 1 if signature_table.rows[0].cells[0].text == "Part" else 0
        names = [row.cells[0].text for row in signature_table.rows[header:]]
        assert len(names) == len(spec.signeres_av), (name, names)


def test_draft_is_marked_and_case_is_printed(config) -> None:
    draft = docx_text(render(config, sample_record(), "praksisavtale", saksnummer=None))
    assert "UTKAST" in draft and "utkast-PROEVE-1:praksisavtale:v1" in draft
    final = docx_text(render(config, sample_record(), "praksisavtale"))
    assert "UTKAST" not in final and "2026/7:praksisavtale:v1" in final and "Sak 2026/7" in final


def test_letterhead_comes_from_config(workspace) -> None:
    from pipeline.common.config import load_config

    text = workspace.config_file.read_text(encoding="utf-8").replace("Eksempel kommune", "Fjellbygd kommune")
    workspace.config_file.write_text(text, encoding="utf-8")
    rendered = docx_text(render(load_config(workspace), sample_record(), "praksisbevis"))
    assert "Fjellbygd kommune" in rendered and "Eksempel kommune" not in rendered


def test_which_documents_when(config) -> None:
    docs = config.documents
    assert due_documents(sample_record(status="Ny"), docs) == []
    assert set(due_documents(sample_record(status="Bekreftet"), docs)) == {
        "praksisavtale", "taushetsloefte", "tilretteleggingsgaranti"}
    assert "oppfoelgingsplan" in due_documents(sample_record(status="Startet"), docs)
    ended = sample_record(status="Avsluttet")
    assert "praksisbevis" in due_documents(ended, docs)
    aborted = record(status=Status.AVSLUTTET, fullfoert=False)
    assert "praksisbevis" not in due_documents(aborted, docs)
    assert len(applicable_documents(sample_record(status="Ny"), docs)) == 5


def test_a_new_document_is_a_template_and_a_config_entry(workspace) -> None:
    """No code: a template written here plus a [dokumenter.*] block."""
    from docx.oxml import OxmlElement

    from pipeline.common.config import load_config
    from pipeline.documents.docx_accessibility import set_language
    from pipeline.documents.template_check import check_templates

    document = Document()
    document.add_heading("{{ dokument.tittel }}", level=1)  # accessible: a heading style, a header row, Norwegian
    document.add_paragraph("{{ praksisbestiller.virksomhet }} garanterer tilrettelegging for {{ praktikant.navn }} "
                           "fra {{ startdato|dato }}.")
    document.add_paragraph("{%p if tilrettelegging %}")
    document.add_paragraph("Avtalt: {{ tilrettelegging }}")
    document.add_paragraph("{%p endif %}")
    table = document.add_table(rows=4, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Part", "Signatur"
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    table.rows[1].cells[0].text = "{%tr for s in signaturer %}"
    table.rows[2].cells[0].text = "{{ s.rolle }}: {{ s.navn }}"
    table.rows[3].cells[0].text = "{%tr endfor %}"
    set_language(document, "nb-NO")
    document.save(workspace.templates / "oppmoeteskjema.docx")
    with workspace.config_file.open("a", encoding="utf-8") as handle:
        handle.write('\n[dokumenter.oppmoeteskjema]\ntittel = "Oppmøteskjema"\n'
                     'mal = "oppmoeteskjema.docx"\nfra_status = "Statusmøte avtalt"\n'
                     'tiltak = ["spraakpraksis"]\n'
                     'krever = ["tilrettelegging", "praksisbestiller.virksomhet", "praksisbestiller.kontaktperson"]\n'
                     'signeres_av = ["praksisbestiller"]\n')
    config = load_config(workspace)
    rec = sample_record("spraakpraksis", "Statusmøte avtalt")
    assert due_documents(rec, config.documents) == ["oppmoeteskjema"]
    assert due_documents(sample_record("trainee", "Statusmøte avtalt"), config.documents) == []
    text = docx_text(render(config, rec, "oppmoeteskjema"))
    assert "NAV Eksempelby garanterer tilrettelegging for Prøve Praktikant fra 5. januar 2026." in text
    assert "For praksisbestilleren: Kontakt Kontaktsen" in text
    found = check_templates(config)["oppmoeteskjema.docx"]
    assert [p for p in found if not p.warning] == []
    # in bokmål only: nynorsk documents are made from it, and the check says so
    assert [p.message for p in found if p.warning] == [
        "Oppmøteskjema har ingen mal på nynorsk (nn/oppmoeteskjema.docx): dokumenter på nynorsk lages av "
        "oppmoeteskjema.docx. Legg en mal på nynorsk i templates/docx/nn/ for å få dem på nynorsk."]


def test_var_ref_date_and_screening_line(config) -> None:
    rec = sample_record()
    for name in config.settings.dokumenter:
        data = Renderer(config).render(rec, name, DocumentIdentity(name, 1, "2026/7", None, 3), today=date(2026, 1, 5))
        text = docx_text(data)
        assert "Vår ref.: 2026/7-3" in text and "Dato: 5. januar 2026" in text, name
        assert "Unntatt offentlighet, jf. offl. § 13 jf. fvl. § 13 første ledd nr. 1" in text, name
    assert "Vår ref.: UTKAST" in docx_text(render(config, rec, "praksisavtale", saksnummer=None))


def test_phone_and_org_numbers_are_grouped(config) -> None:
    text = docx_text(render(config, sample_record(), "praksisavtale"))
    assert "92 34 56 78" in text and "951 819 093" in text and "412 34 567" in text and "939 099 603" in text
    assert "92345678" not in text and "951819093" not in text


@pytest.mark.parametrize("sektor, law", [("helse", "helsepersonelloven § 21"), ("barnehage", "barnehageloven § 46"),
                                         ("nav", "NAV-loven § 7"), (None, None)])
def test_taushetsloefte_names_the_laws(config, sektor, law) -> None:
    text = docx_text(render(config, record(**{"praksisenhet.sektor": sektor}), "taushetsloefte"))
    for always in ("forvaltningsloven § 13", "straffeloven §§ 209 og 210", "straffeloven § 196", "barnevernstjenesten",
                   "Jeg lover å"):
        assert always in text, always
    assert " du " not in f" {text} "
    if law:
        assert law in text
    else:
        assert "helsepersonelloven" not in text and "forvaltningsloven § 13." in text


def test_meetings_have_someone_responsible_and_a_deadline(config) -> None:
    open_case = record(status=Status.STARTET, midtveisevaluering=None, avslutningsmoete=None, fullfoert=None)
    text = docx_text(render(config, open_case, "oppfoelgingsplan"))
    assert "Senest" in text and "Avtales senere" not in text and "Kontakt Kontaktsen" in text
    closed = record(midtveisevaluering=None)
    text = docx_text(render(config, closed, "oppfoelgingsplan"))
    assert "Ble ikke holdt" in text and "Avtales senere" not in text and "Senest" not in text


def test_politiattest_names_its_legal_basis(config) -> None:
    text = docx_text(render(config, sample_record(), "praksisavtale"))
    assert "politiattest etter helse- og omsorgstjenesteloven § 5-4" in text
