"""Every document for every tiltak, through real LibreOffice, read back from the PDF.

One record set covers every scheme: `examples/alle_tiltak.json` where it exists, else records
built here from pipeline/synthetic.py. For each tiltak: every document as archived at Avsluttet
(with a case number), the documents due at Bekreftet as drafts, and each document once more
with every optional field empty. All are converted in one batch with one converter pool, and
Preflight checks them in one JVM call. The assertions read the PDF text (pypdfium2) and its
text positions: legal content per scheme, no fødselsnummer, «Vår ref.»/«UTKAST», a whole
signature block on a page with body text, no holes, no fallback font.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pikepdf
import pypdfium2
import pytest

from pipeline.common.config import Config
from pipeline.common.document_set import DokumentSpec
from pipeline.convert import ConverterPool, PdfaLevel
from pipeline.programs.preflight import preflight
from pipeline.documents.identity import DocumentIdentity
from pipeline.domain.record import Praksisplass, Status, Tiltak
from pipeline.documents.render import Renderer, context_data
from pipeline.domain.synthetic import sample_record
from pipeline.documents.template_holes import empty_optional_record, line_holes
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.slow

SAKSNUMMER = "2026/17"
TODAY = date(2026, 1, 5)
_ELEVEN_DIGITS = re.compile(r"(?<!\d)\d{6}\s?\d{5}(?!\d)")


@dataclass
class Rendered:
    """One rendered document: what it was made from and where its PDF is."""

    record: Praksisplass
    name: str
    spec: DokumentSpec
    variant: str  # "full" or "tom" (every optional field empty)
    archived: bool
    docx: Path
    template: Path
    signers: list[dict[str, str]] = field(default_factory=list)

    @property
    def pdf(self) -> Path:
        return self.docx.with_suffix(".pdf")

    def __repr__(self) -> str:
        kind = "arkivert" if self.archived else "utkast"
        return f"<{self.name} {self.record.tiltak.value} {self.record.status.value} {self.variant} {kind}>"


def _records(config: Config) -> list[Praksisplass]:
    """A complete record per tiltak at Avsluttet (from the examples file where it exists)."""
    examples = EXAMPLES / "alle_tiltak.json"
    if examples.exists():
        from pipeline.validation.validator import Validator

        result = Validator(config).validate_file(examples)
        records = [r.record for r in result.records if r.record]
        done = [r for r in records if r.status is Status.AVSLUTTET and r.fullfoert]
        picked = {r.tiltak: r for r in reversed(done)}
        if set(picked) == set(Tiltak):
            return [picked[t] for t in Tiltak]
    records = []
    for tiltak in Tiltak:
        # (the sample unit is a health unit: the taushetsløfte names its sector law)
        records.append(sample_record(tiltak.value, "Avsluttet").model_copy(update={"id": f"ALLE-{tiltak.value}"}))
    return records


def _before_start(record: Praksisplass) -> Praksisplass:
    """The same placement at Bekreftet: nothing that happens after the start is known yet."""
    return Praksisplass.model_validate({
        **record.model_dump(mode="python"), "status": Status.BEKREFTET, "faktisk_sluttdato": None,
        "fullfoert": None, "vurdering": None, "oppstartsmoete": None, "midtveisevaluering": None,
        "avslutningsmoete": None,
    })


def _cases(config: Config) -> Iterator[tuple[Praksisplass, str, DokumentSpec, str, bool]]:
    for full in _records(config):
        for name, spec in config.documents.due(full.tiltak, full.status):
            if spec.betingelse and not getattr(full, spec.betingelse):
                continue
            yield full, name, spec, "full", True
            yield empty_optional_record(config, spec, full), name, spec, "tom", True
        early = _before_start(full)
        for name, spec in config.documents.due(early.tiltak, early.status):
            yield early, name, spec, "full", False
            yield empty_optional_record(config, spec, early), name, spec, "tom", False


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> list[Rendered]:
    from pipeline.common.config import load_config
    from pipeline.common.workspace import init_workspace

    root = tmp_path_factory.mktemp("dokumenter")
    config = load_config(init_workspace(root / "ws"))
    renderer = Renderer(config)
    rendered = []
    for number, (record, name, spec, variant, archived) in enumerate(_cases(config)):
        identity = DocumentIdentity(name, 1, SAKSNUMMER, journalpost=1) if archived else \
            DocumentIdentity(name, 1, None, record.id)
        item = Rendered(record, name, spec, variant, archived, root / f"{number:03d}-{name}.docx",
                        config.workspace.templates / spec.mal)
        item.signers = context_data(record, spec, identity, config, TODAY)["signaturer"]
        renderer.render_to(item.docx, record, name, identity, TODAY)
        rendered.append(item)
    settings = config.settings.konvertering
    with ConverterPool(settings.instanser, settings.tidsavbrudd_sekunder, PdfaLevel.parse(settings.pdfa)) as pool:
        outcomes = pool.convert_many([(r.docx, r.pdf) for r in rendered])
    failed = [(o.source.name, o.error.message) for o in outcomes if o.error]
    assert failed == []
    return rendered


# --- reading the PDFs ----------------------------------------------------------------------

@dataclass(frozen=True)
class Line:
    page: int
    text: str
    top: float
    bottom: float


def pdf_lines(path: Path) -> list[Line]:
    """Text lines with their page and vertical position (points from the page's bottom), top to bottom."""
    lines: list[Line] = []
    pdf = pypdfium2.PdfDocument(path)
    try:
        for index in range(len(pdf)):
            textpage = pdf[index].get_textpage()
            segments = []
            for rect in range(textpage.count_rects()):
                left, bottom, right, top = textpage.get_rect(rect)
                text = textpage.get_text_bounded(left, bottom, right, top).strip()
                if text:
                    segments.append((top, bottom, left, text))
            # segments of one visual line (table cells side by side, a page number field) share
            # their vertical middle: grouped top to bottom, then joined left to right
            segments.sort(key=lambda s: -s[0])
            groups: list[list[tuple[float, float, float, str]]] = []
            for segment in segments:
                middle = (segment[0] + segment[1]) / 2
                if groups and groups[-1][0][1] <= middle <= groups[-1][0][0]:
                    groups[-1].append(segment)
                else:
                    groups.append([segment])
            for group in groups:
                text = " ".join(s[3] for s in sorted(group, key=lambda s: s[2]))
                lines.append(Line(index, " ".join(text.split()), max(s[0] for s in group), min(s[1] for s in group)))
    finally:
        pdf.close()
    return lines


_TEXT_CACHE: dict[Path, str] = {}


def pdf_text(path: Path) -> str:
    """The whole text on one line, whitespace collapsed."""
    if path not in _TEXT_CACHE:
        pdf = pypdfium2.PdfDocument(path)
        try:
            _TEXT_CACHE[path] = " ".join(" ".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf))).split())
        finally:
            pdf.close()
    return _TEXT_CACHE[path]


def _has(text: str, pattern: str) -> bool:
    return re.search(pattern, text, re.IGNORECASE) is not None


def _missing(text: str, patterns: dict[str, str]) -> list[str]:
    return [what for what, pattern in patterns.items() if not _has(text, pattern)]


def _without_names(document: Rendered) -> str:
    """The text without the people's names (the sample trainee is called «Prøve Praktikant»)."""
    text = pdf_text(document.pdf)
    for signer in document.signers:
        text = text.replace(signer["navn"], " ") if signer["navn"] else text
    return text.replace(document.record.praktikant.navn, " ")


def _full_archived(documents: list[Rendered]) -> list[Rendered]:
    return [d for d in documents if d.variant == "full" and d.archived]


# --- the record set -----------------------------------------------------------------------

def test_every_tiltak_gets_its_documents(documents) -> None:
    names = {(d.record.tiltak, d.name) for d in _full_archived(documents)}
    assert {t for t, _ in names} == set(Tiltak)
    assert (Tiltak.TRAINEE, "arbeidsavtale") in names, "traineen skal ha arbeidsavtale"
    assert (Tiltak.TRAINEE, "praksisavtale") not in names, "traineen skal ikke ha praksisavtale"
    assert (Tiltak.INTERN_ARBEIDSTRENING, "intern_avtale") in names
    assert (Tiltak.INTERN_ARBEIDSTRENING, "praksisavtale") not in names
    for tiltak in (Tiltak.ARBEIDSTRENING, Tiltak.AKTIVITETSPLASS):
        assert (tiltak, "tilretteleggingsgaranti") in names, tiltak


def test_key_facts_in_every_document(documents) -> None:
    for document in documents:
        text = pdf_text(document.pdf)
        assert document.record.praktikant.navn in text, document
        assert document.record.praksisenhet.navn in text, document
        assert "Eksempel kommune" in text and "None" not in text, document


def test_every_page_has_the_qr_identity(documents) -> None:
    import zxingcpp

    for document in [d for d in documents if d.variant == "full"][:6]:
        identity = DocumentIdentity(document.name, 1, SAKSNUMMER, journalpost=1) if document.archived else \
            DocumentIdentity(document.name, 1, None, document.record.id)
        pdf = pypdfium2.PdfDocument(document.pdf)
        for index in range(len(pdf)):
            image = pdf[index].render(scale=200 / 72).to_pil()
            assert identity.code in {b.text for b in zxingcpp.read_barcodes(image)}, (document, index)
            assert f"av {len(pdf)}" in pdf_text(document.pdf)
        pdf.close()


# --- legal content per scheme --------------------------------------------------------------

TRAINEE_CONTRACT = {  # aml. § 14-6 (1), the minimum content of an employment contract
    "partene: traineen": "{navn}",
    "partene: arbeidsgiver": "{virksomhet}",
    "arbeidsstedet": "{enhet}",
    "stillingstittel": "{stillingstittel}",
    "tiltredelse": "{start}",
    "varighet/sluttdato": "{slutt}",
    "grunnlaget for midlertidig ansettelse (aml. § 14-9 (2) d)": r"14-9",
    "prøvetid": r"prøvetid",
    "arbeidstid": r"arbeidstid",
    "lønn": r"lønn",
    "ferie": r"\bferie\b",
    "feriepenger": r"feriepeng",
    "oppsigelse etter kapittel 15": r"kapittel 15",
    "pensjon": r"pensjon",
    "tariffavtale": r"tariffavtale",
}


def test_trainee_contract_has_the_minimum_content_of_aml_14_6(documents) -> None:
    contracts = [d for d in _full_archived(documents) if d.name == "arbeidsavtale"]
    assert contracts, "ingen arbeidsavtale i dokumentsettet"
    for document in contracts:
        record, text = document.record, pdf_text(document.pdf)
        ansettelse = getattr(record, "ansettelse", None)
        values = {
            "navn": re.escape(record.praktikant.navn), "enhet": re.escape(record.praksisenhet.navn),
            "virksomhet": "Eksempel kommune", "start": f"{record.startdato.day}\\. \\w+ {record.startdato.year}",
            "slutt": f"{record.sluttdato.day}\\. \\w+ {record.sluttdato.year}",
            "stillingstittel": re.escape(getattr(ansettelse, "stillingstittel", None) or "(stillingstittel mangler)"),
        }
        patterns = {what: pattern.format(**values) if "{" in pattern else pattern
                    for what, pattern in TRAINEE_CONTRACT.items()}
        assert _missing(text, patterns) == [], document
        assert not _has(_without_names(document), r"praktikant"), (document, "«praktikant» i en arbeidsavtale")


SECTOR_LAWS = {"helse": r"helsepersonelloven", "barnehage": r"barnehageloven", "skole": r"opplæringslova"}
"""The sector law a taushetsløfte names beside forvaltningsloven, by the unit's sector."""


def test_taushetsloefte_names_the_laws(documents) -> None:
    pledges = [d for d in _full_archived(documents) if d.name == "taushetsloefte"]
    assert pledges
    for document in pledges:
        text = pdf_text(document.pdf)
        laws = {
            "forvaltningsloven § 13": r"(forvaltningsloven|fvl\.) § 13",
            "straffeloven §§ 209–210": r"(straffeloven|strl\.) §§ 209 (og|–|-) 210",
            "avvergeplikt (straffeloven § 196)": r"§ 196",
            "opplysningsplikt til barnevernet": r"barnevern",
        }
        sector = document.record.praksisenhet.sektor
        if sector in SECTOR_LAWS:
            laws[f"sektorlov for {sector.value}"] = SECTOR_LAWS[sector]
        assert _missing(text, laws) == [], document
    assert any(d.record.praksisenhet.sektor == "helse" for d in pledges), "ingen helseenhet i postene"


AGREEMENTS = ("praksisavtale", "intern_avtale")


def test_placement_agreements_state_that_aml_applies(documents) -> None:
    """A praktikant is no employee, yet the rules on HMS, working time and discrimination apply
    (aml. § 1-6). (The intern agreement is for an employee: aml. applies in full there.)"""
    agreements = [d for d in _full_archived(documents) if d.name == "praksisavtale"]
    assert {d.record.tiltak for d in agreements} >= {Tiltak.ARBEIDSTRENING, Tiltak.AKTIVITETSPLASS}
    for document in agreements:
        assert _has(pdf_text(document.pdf), r"(arbeidsmiljøloven|aml\.) § 1-6"), document


def test_intern_agreement_keeps_the_employment(documents) -> None:
    [document] = [d for d in _full_archived(documents) if d.name == "intern_avtale"]
    text = pdf_text(document.pdf)
    assert _missing(text, {
        "ansettelsen endres ikke": r"endrer ikke ansettelsesforholdet",
        "lønnen beholdes": r"lønn",
        "knyttet til oppfølgingsplanen ved sykmelding": r"oppfølgingsplan",
        "midtveisevaluering": r"midtveis",
        "effekten dokumenteres i personalmappen": r"personalmappe",
    }) == [], document
    assert not _has(_without_names(document), r"praktikant"), document
    assert set(document.spec.signeres_av) == {"praktikant", "hjemmeenhet", "praksisenhet"}


def test_signing_parties_per_scheme(documents) -> None:
    specs = {d.name: d.spec for d in documents}
    assert "praksisbestiller" not in specs["arbeidsavtale"].signeres_av, "NAV er ikke part i arbeidsavtalen"
    assert set(specs["tilretteleggingsgaranti"].signeres_av) == {"praksisenhet", "praktikant", "praksisbestiller"}


def test_scheme_specific_wording(documents) -> None:
    agreements = {d.record.tiltak: pdf_text(d.pdf) for d in _full_archived(documents) if d.name in AGREEMENTS}
    [contract] = [d for d in _full_archived(documents) if d.name == "arbeidsavtale"]
    contract_text = pdf_text(contract.pdf)
    assert "lønnstilskudd" in contract_text and "§ 14-6" in contract_text, "trainee: lønnstilskudd, § 14-6"
    assert not _has(contract_text, r"betaler ikke lønn|utbetales ikke lønn|ingen lønn"), "trainee: får lønn"
    [training] = [d for d in _full_archived(documents) if d.name == "praksisavtale"
                  and d.record.tiltak is Tiltak.ARBEIDSTRENING]
    assert f"Yrkesmål: {training.record.yrkesmaal}" in agreements[Tiltak.ARBEIDSTRENING], "arbeidstrening: yrkesmål"
    for tiltak in (Tiltak.AKTIVITETSPLASS, Tiltak.SPRAAKPRAKSIS):
        assert "får ikke tilskudd" in agreements[tiltak], (tiltak, "ingen tilskudd, sagt én gang")
    assert _has(agreements[Tiltak.ARBEIDSTRENING], r"godkj\w* av NAV|NAVs godkjenning|NAV \w*\s?godkj"), \
        "arbeidstrening: NAVs godkjenning før start"
    assert _has(agreements[Tiltak.AKTIVITETSPLASS], r"sosialtjenesteloven"), "aktivitetsplass: hjemmel"
    assert not _has(agreements[Tiltak.AKTIVITETSPLASS], r"(?<!ikke )tilskudd (kan|vil) "), "aktivitetsplass: tilskudd"


# --- privacy, identity --------------------------------------------------------------------

def test_no_eleven_digit_number_in_any_document(documents) -> None:
    found = []
    for document in documents:
        text = pdf_text(document.pdf)
        fnr = document.record.praktikant.foedselsnummer
        if _ELEVEN_DIGITS.search(text) or fnr in re.sub(r"\s", "", text):
            found.append((document, _ELEVEN_DIGITS.findall(text)))
    assert found == []


def test_var_ref_with_the_journal_post_or_utkast(documents) -> None:
    wrong = []
    for document in documents:
        text = pdf_text(document.pdf)
        if document.archived:
            ok = _has(text, rf"Vår ref\.?:? {re.escape(SAKSNUMMER)}-\d+") and "UTKAST" not in text
        else:
            ok = "UTKAST" in text and SAKSNUMMER not in text
        if not ok or not _has(text, r"\bDato\b"):
            wrong.append(document)
    assert wrong == []


# --- the signature block ------------------------------------------------------------------

_SIGNATURE_HEADER = re.compile(r"^Part\s+St(e|a)d og dato\s+Underskrift$")
"""The header row of the signature table (bokmål «Sted», nynorsk «Stad»)."""


def signature_problem(document: Rendered) -> str | None:
    """Why the signature block is not whole on a page with body text (None if it is).

    The block is found from its role labels and signer names: the last line holding each.
    All of them must be on one page, nothing of them after it, and that page must hold body
    text above the block (lines that are not the letterhead repeated on every page)."""
    lines = pdf_lines(document.pdf)
    pages = max(line.page for line in lines) + 1
    # each party's printed name, and its role label, or where the document names the role
    # otherwise (the praksisbevis: «For Eksempel kommune»), the signer's title and place
    marks = []
    for signer in document.signers:
        marks.append(signer["navn"].split(",")[0])  # a long «name, place» wraps in its cell
        detail = signer.get("detalj", "")
        if any(signer["rolle"] in line.text for line in lines) or not detail:
            marks.append(signer["rolle"])
        else:
            marks.append(detail.split(",")[0])
    found = []
    for mark in (m for m in marks if m):
        hits = [line for line in lines if mark in line.text]
        if not hits:
            return f"«{mark}» finnes ikke i dokumentet"
        found.append((mark, hits[-1]))
    block_pages = {line.page for _, line in found}
    if len(block_pages) != 1:
        return "signaturblokken er delt over sidene " + ", ".join(
            f"«{mark}» s. {line.page + 1}" for mark, line in found)
    page = block_pages.pop()
    # the block's highest line on its page (a role label stands above its signer's name)
    top = max([line.top for _, line in found] + [line.top for line in lines if line.page == page
                                                  and line.text.strip() in marks])
    # the block's own heading («Underskrifter»), its sentence and the table's header row are not
    # the text it signs: body text must stand above the heading
    heading = [line for line in lines if line.page == page and line.text.strip() == "Underskrifter"
               and line.top > top]
    limit = min(line.top for line in heading) if heading else top
    repeated = {re.sub(r"\d+", "#", line.text) for line in lines if line.page != page}
    body = [line for line in lines if line.page == page and line.top > limit + 1
            and not _SIGNATURE_HEADER.match(line.text.strip())  # the block's own table header
            and (pages == 1 or re.sub(r"\d+", "#", line.text) not in repeated)]
    if pages > 1 and not body:  # the end of the text it signs stands above it, on its page
        return f"signaturblokken står nesten alene på side {page + 1} (brødtekst over den: {[b.text for b in body]})"
    after = [line.text for line in lines if line.page > page and any(m in line.text for m in marks)]
    if after:
        return f"deler av signaturblokken på neste side: {after}"
    return None


def test_signature_block_is_whole_and_not_alone(documents) -> None:
    problems = [(d, p) for d in documents if d.variant == "full" for p in [signature_problem(d)] if p]
    assert problems == []


# --- holes, fonts, PDF/A ------------------------------------------------------------------

def test_empty_optional_fields_leave_no_holes(documents) -> None:
    full = {(d.record.tiltak, d.record.status, d.name, d.archived): d for d in documents if d.variant == "full"}
    holes = []
    for document in (d for d in documents if d.variant == "tom"):
        partner = full[(document.record.tiltak, document.record.status, document.name, document.archived)]
        empty_lines = [line.text for line in pdf_lines(document.pdf)]
        full_lines = [line.text for line in pdf_lines(partner.pdf)]
        holes += [(document, hole.message()) for hole in line_holes(empty_lines, full_lines)]
        holes += [(document, f"ledig signaturlinje for {s['rolle']}") for s in document.signers if not s["navn"]]
    assert holes == []


def template_fonts(path: Path) -> set[str]:
    """Every font family a DOCX names (styles, theme, document, numbering), normalised."""
    names: set[str] = set()
    with zipfile.ZipFile(path) as docx:
        for part in docx.namelist():
            if part.endswith(".xml") and part.startswith("word/"):
                xml = docx.read(part).decode("utf-8", "replace")
                for fonts in re.findall(r"<w:rFonts\b[^>]*>", xml):
                    names |= set(re.findall(r'w:(?:ascii|hAnsi|cs|eastAsia)="([^"]+)"', fonts))
                names |= set(re.findall(r'<a:latin typeface="([^"]+)"', xml))
    return {_font_key(n) for n in names if n}


def _font_key(name: str) -> str:
    """«ABCDEF+LiberationSans-Bold» and «Liberation Sans» → «liberationsans»."""
    name = name.split("+", 1)[-1].split("-", 1)[0].split(",", 1)[0]
    name = re.sub(r"(MT|PS)$", "", name.replace(" ", ""))
    return name.lower()


def pdf_fonts(path: Path) -> set[str]:
    fonts: set[str] = set()
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            resources: Any = page.obj.get("/Resources", {})
            for font in (resources.get("/Font") or {}).values():
                fonts.add(str(font.get("/BaseFont", "")).lstrip("/"))
    return fonts


def test_no_fallback_font(documents) -> None:
    wrong = {}
    for document in documents:
        allowed = template_fonts(document.template)
        used = {f for f in pdf_fonts(document.pdf) if _font_key(f) not in allowed}
        if used:
            wrong[repr(document)] = sorted(used)
    assert wrong == {}


def test_preflight_accepts_every_pdf(documents) -> None:
    outcomes = preflight([d.pdf for d in documents])
    assert [(d, r.errors[:3]) for d, r in zip(documents, outcomes) if not r.valid] == []
    assert len(outcomes) == len(documents)


def test_preflight_rejects_a_broken_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\nnot really\n")
    [outcome] = preflight([broken])
    assert not outcome.valid and outcome.errors


# --- the checks themselves fail on broken documents ------------------------------------------

def _break_templates(workspace: Any) -> None:
    """Three edits a Word user could make: print the fødselsnummer (allowed in config, so only
    the PDF check stands in the way), push the signature table onto a page of its own, and type
    a label without its `{%p if %}` in a font that is not installed."""
    from docx import Document
    from docx.enum.text import WD_BREAK

    path = workspace.templates / "praksisbevis.docx"
    document = Document(path)
    document.paragraphs[1].insert_paragraph_before("Fødselsnummer: {{ praktikant.foedselsnummer }}")
    document.save(path)
    text = workspace.config_file.read_text(encoding="utf-8")
    workspace.config_file.write_text(
        text.replace("[dokumenter.praksisbevis]\n", "[dokumenter.praksisbevis]\ntillat_foedselsnummer = true\n"),
        encoding="utf-8")

    path = workspace.templates / "taushetsloefte.docx"
    document = Document(path)
    page_break = document.add_paragraph()
    page_break.add_run().add_break(WD_BREAK.PAGE)
    document.tables[-1]._tbl.addprevious(page_break._p)
    document.save(path)

    path = workspace.templates / "oppfoelgingsplan.docx"
    document = Document(path)
    label = document.paragraphs[1].insert_paragraph_before("Tilrettelegging: {{ tilrettelegging }}")
    label.runs[0].font.name = "Ikke Installert Sans"
    document.save(path)


def test_the_checks_catch_broken_documents(tmp_path: Path) -> None:
    from pipeline.common.config import load_config
    from pipeline.common.workspace import init_workspace

    workspace = init_workspace(tmp_path / "ws")
    _break_templates(workspace)
    config = load_config(workspace)
    renderer = Renderer(config)
    full = sample_record("arbeidstrening", "Avsluttet")
    plan = config.settings.dokumenter["oppfoelgingsplan"]
    cases = [(full, "praksisbevis"), (full, "taushetsloefte"), (full, "oppfoelgingsplan"),
             (empty_optional_record(config, plan, full), "oppfoelgingsplan")]
    rendered = []
    for number, (record, name) in enumerate(cases):
        spec = config.settings.dokumenter[name]
        identity = DocumentIdentity(name, 1, SAKSNUMMER, journalpost=1)
        item = Rendered(record, name, spec, "tom" if number == 3 else "full", True,
                        tmp_path / f"{number}-{name}.docx", workspace.templates / spec.mal)
        item.signers = context_data(record, spec, identity, config, TODAY)["signaturer"]
        renderer.render_to(item.docx, record, name, identity, TODAY)
        rendered.append(item)
    with ConverterPool(1, config.settings.konvertering.tidsavbrudd_sekunder, PdfaLevel(1)) as pool:
        assert not [o for o in pool.convert_many([(r.docx, r.pdf) for r in rendered]) if o.error]
    bevis, pledge, plan_full, plan_empty = rendered

    assert _ELEVEN_DIGITS.search(pdf_text(bevis.pdf)), "fødselsnummeret ble ikke funnet"
    assert signature_problem(bevis) is None and signature_problem(plan_full) is None
    problem = signature_problem(pledge)
    assert problem and "alene" in problem, problem
    holes = line_holes([line.text for line in pdf_lines(plan_empty.pdf)], [line.text for line in pdf_lines(plan_full.pdf)])
    assert [h.text for h in holes] == ["Tilrettelegging:"], holes
    assert pdf_fonts(plan_full.pdf) - pdf_fonts(pledge.pdf), "ingen reservefont for den ukjente fonten"
    assert {_font_key(f) for f in pdf_fonts(plan_full.pdf)} - template_fonts(plan_full.template)
