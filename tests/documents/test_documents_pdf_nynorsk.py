"""The nynorsk set through real LibreOffice: every document of every tiltak (as archived at
Avsluttet, and with every optional field empty), read back from the PDF: /Lang nn-NO, the title in
nynorsk, no bokmål-only word, the legal points, the QR identity on every page, a whole signature
block, no holes, no fallback font, and PDF/A that Preflight accepts. The bokmål set has the same
checks in test_documents_pdf.py."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pikepdf
import pypdfium2
import pytest

from pipeline.common.config import Config
from pipeline.convert import ConverterPool, PdfaLevel
from pipeline.programs.preflight import preflight
from pipeline.documents.identity import DocumentIdentity
from pipeline.documents.maalform import template_path
from pipeline.domain.record import Maalform, Praksisplass, Status, Tiltak
from pipeline.documents.render import Renderer, context_data
from pipeline.documents.template_holes import empty_optional_record, line_holes
from tests.conftest import EXAMPLES
from tests.documents.test_documents_pdf import (Rendered, _font_key, pdf_fonts, pdf_lines, pdf_text, signature_problem,
                                      template_fonts)
from tests.documents.test_maalform import bokmaal_words, without_data

pytestmark = pytest.mark.slow

SAKSNUMMER = "2026/18"
TODAY = date(2026, 1, 5)


def _records(config: Config) -> list[Praksisplass]:
    from pipeline.validation.validator import Validator

    result = Validator(config).validate_file(EXAMPLES / "alle_tiltak.json")
    done = {r.record.tiltak: r.record for r in result.records
            if r.record and r.record.status is Status.AVSLUTTET and r.record.fullfoert}
    assert set(done) == set(Tiltak)
    return [done[t].model_copy(update={"maalform": Maalform.NYNORSK}) for t in Tiltak]


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> list[Rendered]:
    from pipeline.common.config import load_config
    from pipeline.common.workspace import init_workspace

    root = tmp_path_factory.mktemp("nynorsk")
    config = load_config(init_workspace(root / "ws"))
    renderer = Renderer(config)
    rendered = []
    for full in _records(config):
        for name, spec in config.documents.due(full.tiltak, full.status):
            if spec.betingelse and not getattr(full, spec.betingelse):
                continue
            for record, variant in ((full, "full"), (empty_optional_record(config, spec, full), "tom")):
                assert record.maalform is Maalform.NYNORSK
                identity = DocumentIdentity(name, 1, SAKSNUMMER, journalpost=2)
                path, fallback = template_path(config.workspace.templates, spec.mal, Maalform.NYNORSK)
                assert not fallback and path.parent.name == "nn"
                item = Rendered(record, name, spec, variant, True, root / f"{len(rendered):03d}-{name}.docx", path)
                item.signers = context_data(record, spec, identity, config, TODAY)["signaturer"]
                renderer.render_to(item.docx, record, name, identity, TODAY)
                rendered.append(item)
    settings = config.settings.konvertering
    with ConverterPool(settings.instanser, settings.tidsavbrudd_sekunder, PdfaLevel.parse(settings.pdfa)) as pool:
        outcomes = pool.convert_many([(r.docx, r.pdf) for r in rendered])
    assert [(o.source.name, o.error.message) for o in outcomes if o.error] == []
    return rendered


def _full(documents: list[Rendered]) -> list[Rendered]:
    return [d for d in documents if d.variant == "full"]


def test_every_scheme_and_document(documents) -> None:
    names = {(d.record.tiltak, d.name) for d in documents}
    assert {t for t, _ in names} == set(Tiltak)
    assert {n for _, n in names} == {"praksisavtale", "arbeidsavtale", "intern_avtale", "tilretteleggingsgaranti",
                                     "taushetsloefte", "oppfoelgingsplan", "oppfoelgingsplan_intern", "praksisbevis",
                                     "attest"}


def test_language_and_title_are_nynorsk(documents) -> None:
    for document in documents:
        with pikepdf.open(document.pdf) as pdf:
            assert str(pdf.Root.Lang) == "nn-NO", document
            assert str(pdf.docinfo.Title) == f"{document.spec.title(Maalform.NYNORSK)} – sak {SAKSNUMMER}", document
    pledge = next(d for d in documents if d.name == "taushetsloefte")
    with pikepdf.open(pledge.pdf) as pdf:
        assert str(pdf.docinfo.Title).startswith("Fråsegn om teieplikt og gjennomgang av etiske retningsliner")


def test_no_bokmaal_only_word_in_any_pdf(documents) -> None:
    found = {repr(d): words for d in documents for words in [bokmaal_words(without_data(pdf_text(d.pdf), d.record))]
             if words}
    assert found == {}


LEGAL = {
    "praksisavtale": {"ingen løn": r"betaler ikkje løn", "aml. § 1-6": r"arbeidsmiljølova § 1-6",
                      "yrkesskade": r"yrkesskadeforsikringa", "skadeserstatning": r"skadeserstatningslova § 2-1",
                      "berre perioden": r"gjeld berre for denne perioden", "inga plikt": r"inga plikt til å tilsetje",
                      "teieplikt": r"teieplikt"},
    "arbeidsavtale": {"§ 14-6": r"§ 14-6", "§ 14-9": r"§ 14-9 andre ledd bokstav d", "prøvetid": r"Prøvetida",
                      "løn": r"Løna er", "ferie": r"ferielova", "oppseiing": r"kapittel 15", "pensjon": r"pensjon",
                      "tariff": r"Hovudtariffavtalen", "lønstilskot": r"lønstilskot"},
    "intern_avtale": {"tilsetjinga held fram": r"endrar ikkje tilsetjingsforholdet", "personalmappe": r"personalmappa",
                      "sjukmelde": r"oppfølgingsplanen for den sjukmelde"},
    "taushetsloefte": {"fvl. § 13": r"forvaltningslova § 13", "strl. §§ 209 og 210": r"straffelova §§ 209 og 210",
                       "avverging": r"straffelova § 196", "barnevern": r"barnevernstenesta"},
    "tilretteleggingsgaranti": {"NAV": r"Dette gjer NAV", "eininga": r"Dette gjer praksiseininga"},
    "oppfoelgingsplan": {"møte": r"Midtvegsevaluering", "fråvær": r"Fråvær"},
}

SECTOR_LAWS = {"helse": r"helsepersonellova § 21", "barnehage": r"barnehagelova § 46", "skole": r"opplæringslova"}
"""The sector law the pledge names beside forvaltningslova, by the unit's sector."""


def test_the_legal_points(documents) -> None:
    import re

    missing = {}
    for document in _full(documents):
        text = pdf_text(document.pdf)
        patterns = dict(LEGAL.get(document.name, {}))
        sector = document.record.praksisenhet.sektor
        if document.name == "taushetsloefte" and sector is not None and sector.value in SECTOR_LAWS:
            patterns["sektorlov"] = SECTOR_LAWS[sector.value]
        lost = [what for what, pattern in patterns.items() if not re.search(pattern, text)]
        if lost:
            missing[repr(document)] = lost
    assert missing == {}
    assert any(d.record.praksisenhet.sektor == "helse" for d in documents if d.name == "taushetsloefte")
    contract = next(d for d in documents if d.name == "arbeidsavtale")
    assert "praktikant" not in without_data(pdf_text(contract.pdf), contract.record).lower()


def test_every_page_has_the_qr_identity(documents) -> None:
    import zxingcpp

    for document in _full(documents)[:5]:
        code = DocumentIdentity(document.name, 1, SAKSNUMMER, journalpost=2).code
        pdf = pypdfium2.PdfDocument(document.pdf)
        try:
            for index in range(len(pdf)):
                image = pdf[index].render(scale=200 / 72).to_pil()
                assert code in {b.text for b in zxingcpp.read_barcodes(image)}, (document, index)
        finally:
            pdf.close()


def test_signature_block_is_whole_and_not_alone(documents) -> None:
    assert [(d, p) for d in _full(documents) for p in [signature_problem(d)] if p] == []


def test_empty_optional_fields_leave_no_holes(documents) -> None:
    full = {(d.record.tiltak, d.name): d for d in _full(documents)}
    holes = []
    for document in (d for d in documents if d.variant == "tom"):
        partner = full[(document.record.tiltak, document.name)]
        empty_lines = [line.text for line in pdf_lines(document.pdf)]
        full_lines = [line.text for line in pdf_lines(partner.pdf)]
        holes += [(document, hole.message()) for hole in line_holes(empty_lines, full_lines)]
    assert holes == []


def test_no_fallback_font(documents) -> None:
    wrong = {repr(d): sorted(used) for d in documents
             for used in [{f for f in pdf_fonts(d.pdf) if _font_key(f) not in template_fonts(d.template)}] if used}
    assert wrong == {}


def test_preflight_accepts_every_pdf(documents) -> None:
    outcomes = preflight([d.pdf for d in documents])
    assert [(Path(o.path).name, o.errors) for o in outcomes if not o.valid] == []
