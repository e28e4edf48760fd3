"""Writes the Word templates: bokmål in templates/docx/, nynorsk in templates/docx/nn/
(run: python templates/lag_maler.py; it writes both sets).

The committed .docx files are the source HR staff edit in Word or LibreOffice; nothing
runs this script at run time. It documents how the first versions were made and can make
them again for a fresh start (it overwrites the files).

Both written standards come from the same builders, so the layout, the fields, the legal
points and the footer/QR identity are the same; each text is given as `s(bokmål, nynorsk)`.
The nynorsk is written as a nynorsk document says it, not word for word (the laws by their
nynorsk short names: forvaltningslova, arbeidsmiljølova …; «teieplikt» for taushetsplikt).

Template conventions (see docs/maler.md):
- `{{ felt }}` prints a field; `{{ startdato|dato }}` gives «5. januar 2026».
- A paragraph holding only `{%p if … %}` / `{%p endif %}` / `{%p for … %}` is removed, so
  optional lines and lists leave no empty line and no stray label.
- `{%tr for s in signaturer %}` repeats a table row per signing party (from config).
- The footer holds the document identity, «Side X av Y» and the QR code (`{{ qr }}`).
- Every style names Carlito (metric-compatible with Calibri, installed by `make setup`) and
  nb-NO (nn-NO in the nynorsk set), with no theme fonts, so the PDF uses the same font as Word
  and nothing falls back.
- The document title is «Heading 1», sections «Heading 2», subsections «Heading 3» (PDF/UA).
- Tables have a header row marked as repeating (`w:tblHeader`) and rows that cannot split;
  the text before a signature table is kept with it (keep-with-next), so a signature block is
  never split from the text it signs nor left alone on a page.
- No template prints a fødselsnummer (the renderer never passes it): the birth date instead.
- «§» and «§§» are bound to their number with a hard space (U+00A0), here and in the texts the
  renderer adds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TypeVar

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

OUT = Path(__file__).resolve().parent / "docx"
T = TypeVar("T")
FONT = "Carlito"
BLUE = RGBColor(0x15, 0x49, 0x78)
GREY = RGBColor(0x55, 0x55, 0x55)


@dataclass(frozen=True)
class Spraak:
    """The written standard a template set is built in: `s("bokmål", "nynorsk")` picks a text."""

    nynorsk: bool

    def __call__(self, bokmaal: T, nynorsk: T) -> T:
        return nynorsk if self.nynorsk else bokmaal

    @property
    def lang(self) -> str:
        return "nn-NO" if self.nynorsk else "nb-NO"

    @property
    def out(self) -> Path:
        return OUT / "nn" if self.nynorsk else OUT


BOKMAAL, NYNORSK = Spraak(False), Spraak(True)


# --- building blocks -----------------------------------------------------------------


def _fonts_and_language(rpr, lang: str) -> None:  # type: ignore[no-untyped-def]
    """Name the font in every script slot, drop theme fonts, and set the language (nb-NO or nn-NO)."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        if attr.endswith("Theme") or attr.endswith("theme"):
            del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    element = rpr.find(qn("w:lang"))
    if element is None:
        element = OxmlElement("w:lang")
        rpr.append(element)
    for attr in ("w:val", "w:eastAsia"):
        element.set(qn(attr), lang)
    element.set(qn("w:bidi"), "ar-SA")


def _style_everything(doc: Document, lang: str) -> None:
    """docDefaults and every style: Carlito, the language, no theme font (see the module docstring)."""
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault"))
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    _fonts_and_language(rpr, lang)
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:type")) not in ("paragraph", "character", "table"):
            continue
        rpr = style.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            style.append(rpr)
        _fonts_and_language(rpr, lang)
    for rpr in styles.iter(qn("w:rPr")):  # conditional table formatting too
        if rpr.find(qn("w:rFonts")) is not None:
            _fonts_and_language(rpr, lang)
    # Bullets: the default numbering draws them with Symbol/Wingdings glyphs, which become an
    # OpenSymbol fallback in the PDF; a plain «•» in Carlito instead.
    for level in doc.part.numbering_part.element.iter(qn("w:lvl")):
        fmt = level.find(qn("w:numFmt"))
        if fmt is None or fmt.get(qn("w:val")) != "bullet":
            continue
        level.find(qn("w:lvlText")).set(qn("w:val"), "•")
        rpr = level.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            level.append(rpr)
        _fonts_and_language(rpr, lang)
    # The theme's own font names (Calibri/Cambria) are unused now, but name Carlito there too.
    theme_part = next((rel.target_part for rel in doc.part.rels.values() if rel.reltype.endswith("/theme")), None)
    if theme_part is not None:
        blob = theme_part.blob.decode("utf-8")
        for old in ('typeface="Calibri"', 'typeface="Cambria"'):
            blob = blob.replace(old, f'typeface="{FONT}"')
        theme_part._blob = blob.encode("utf-8")


def _style(doc: Document, name: str, size: float, bold: bool | None = None, color: RGBColor | None = None) -> None:
    style = doc.styles[name]
    style.font.name = FONT
    style.font.size = Pt(size)
    if bold is not None:
        style.font.bold = bold
    if color is not None:
        style.font.color.rgb = color


def new_document(s: Spraak) -> Document:
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(22)
    section.top_margin, section.bottom_margin = Mm(18), Mm(18)
    section.header_distance, section.footer_distance = Mm(8), Mm(8)
    _style(doc, "Normal", 11)
    doc.styles["Normal"].paragraph_format.space_after = Pt(4)
    for name, size in (("Heading 1", 18), ("Heading 2", 13), ("Heading 3", 11.5)):
        _style(doc, name, size, bold=True, color=BLUE)
        fmt = doc.styles[name].paragraph_format
        fmt.space_before, fmt.space_after, fmt.keep_with_next = Pt(10), Pt(4), True
        doc.styles[name].font.italic = False
    doc.styles["Heading 1"].paragraph_format.space_before = Pt(0)
    _style(doc, "List Bullet", 11)
    _style(doc, "Table Grid", 10.5)
    _style_everything(doc, s.lang)
    return doc


def para(container, text: str = "", style: str | None = None, bold: bool = False, size: float | None = None,
         color: RGBColor | None = None, align=None, keep: bool = False, after_table: bool = False) -> Paragraph:
    paragraph = container.add_paragraph(style=style)
    if text:
        run = paragraph.add_run(text)
        run.bold = bold or None
        if size:
            run.font.size = Pt(size)
        if color is not None:
            run.font.color.rgb = color
    if align is not None:
        paragraph.alignment = align
    if keep:
        paragraph.paragraph_format.keep_with_next = True
    if after_table:
        paragraph.paragraph_format.space_before = Pt(8)
    return paragraph


def tag(container, text: str) -> Paragraph:
    """A paragraph holding only a `{%p … %}` tag (removed when rendered)."""
    return para(container, text)


def labelled(container, label: str, expression: str, value: str | None = None) -> None:
    """«Label: value», the label bold; the whole line only where the value is given."""
    tag(container, f"{{%p if {expression} %}}")
    paragraph = container.add_paragraph()
    paragraph.add_run(f"{label}: ").bold = True
    paragraph.add_run(value or f"{{{{ {expression} }}}}")
    tag(container, "{%p endif %}")


def bullets(container, expression: str) -> None:
    tag(container, f"{{%p for punkt in {expression} %}}")
    para(container, "{{ punkt }}", style="List Bullet")
    tag(container, "{%p endfor %}")


def heading(doc: Document, text: str, level: int = 2) -> None:
    para(doc, text, style=f"Heading {level}")


def _field(paragraph: Paragraph, code: str, size: float) -> None:
    """A Word field (PAGE, NUMPAGES) that the word processor fills in per page."""
    for kind, text in (("begin", None), (None, code), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        run.font.size = Pt(size)
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == code:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {code} "
            run._r.append(instr)
        else:
            run.text = text


def widths(table: Table, millimetres: list[float]) -> None:
    """Column widths in the table grid (what LibreOffice reads) and in every cell (Word)."""
    table.autofit = False
    for column, width in zip(table.columns, millimetres):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, millimetres):
            cell.width = Mm(width)


def keep_rows_whole(table: Table) -> None:
    """A row (a signature block, a party) is never split across pages."""
    for row in table.rows:
        properties = row._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))


def header_row(table: Table, texts: tuple[str, ...]) -> None:
    """The first row as a real header row, repeated on every page the table runs over."""
    row = table.rows[0]
    for cell, text in zip(row.cells, texts):
        cell.paragraphs[0].add_run(text).bold = True
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def keep_table_together(table: Table) -> None:
    """Every paragraph of every row keeps with the next: Word and LibreOffice then move the whole
    table (a signature block) to the next page rather than split it."""
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True


def _no_borders(table: Table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _drop_first_paragraph(part) -> None:  # type: ignore[no-untyped-def]
    """Headers and footers start with an empty paragraph; the table should come first."""
    first = part.paragraphs[0]
    first._element.getparent().remove(first._element)


def _closing_paragraph(part) -> None:  # type: ignore[no-untyped-def]
    """Word wants a paragraph after a table at the end of a header or footer; keep it tiny."""
    paragraph = part.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.add_run("").font.size = Pt(2)


def letterhead_and_footer(doc: Document, s: Spraak) -> None:
    section = doc.sections[0]
    header = section.header
    _drop_first_paragraph(header)
    table = header.add_table(rows=1, cols=2, width=Mm(166))
    _no_borders(table)
    widths(table, [30, 136])
    logo_cell, text_cell = table.rows[0].cells
    logo_cell.paragraphs[0].add_run("{{ logo }}")
    first = text_cell.paragraphs[0]
    first.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = first.add_run("{{ virksomhet.navn }}")
    run.bold, run.font.size, run.font.color.rgb = True, Pt(13), BLUE
    para(text_cell, "{{ virksomhet.adresse }}", size=8.5, color=GREY, align=WD_ALIGN_PARAGRAPH.RIGHT)
    para(text_cell, "Org.nr. {{ virksomhet.organisasjonsnummer }}{% if virksomhet.telefon %} · Tlf. "
         "{{ virksomhet.telefon }}{% endif %}{% if virksomhet.epost %} · {{ virksomhet.epost }}{% endif %}",
         size=8.5, color=GREY, align=WD_ALIGN_PARAGRAPH.RIGHT)
    tag(header, "{%p if dokument.utkast %}")
    para(header, s("UTKAST – ikke arkivert. Saksnummer tildeles når dokumentet arkiveres.",
                   "UTKAST – ikkje arkivert. Saksnummer blir tildelt når dokumentet blir arkivert."), bold=True,
         size=9, color=RGBColor(0xB0, 0x00, 0x20), align=WD_ALIGN_PARAGRAPH.CENTER)
    tag(header, "{%p endif %}")
    _closing_paragraph(header)

    footer = section.footer
    _drop_first_paragraph(footer)
    table = footer.add_table(rows=1, cols=2, width=Mm(166))
    _no_borders(table)
    widths(table, [136, 30])
    text_cell, qr_cell = table.rows[0].cells
    first = text_cell.paragraphs[0]
    run = first.add_run("{{ dokument.tittel }}")
    run.bold, run.font.size = True, Pt(8.5)
    para(text_cell, "{{ dokument.identitet }}", size=8.5, color=GREY)
    para(text_cell, "Dokument-id: {{ dokument.id }}", size=8, color=GREY)
    pages = text_cell.add_paragraph()
    pages.add_run("Side ").font.size = Pt(8.5)
    _field(pages, "PAGE", 8.5)
    pages.add_run(" av ").font.size = Pt(8.5)
    _field(pages, "NUMPAGES", 8.5)
    qr_cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    qr_cell.paragraphs[0].add_run("{{ qr }}")
    _closing_paragraph(footer)


def opening(doc: Document, subtitle: str | None) -> None:  # the same words in both written standards
    """The title (Heading 1) and a subtitle first, so a screen reader starts with the title;
    then «Vår ref.» and «Dato» on one line and the screening line."""
    para(doc, "{{ dokument.tittel }}", style="Heading 1")
    if subtitle:
        para(doc, subtitle, bold=True, color=GREY)
    ref = para(doc, "", size=9.5)
    ref.add_run("Vår ref.: ").bold = True
    ref.add_run("{{ dokument.var_ref }}")
    ref.add_run("\u2003\u2003")
    ref.add_run("Dato: ").bold = True
    ref.add_run("{{ dokument.dato|dato }}")
    for run in ref.runs:
        run.font.size = Pt(9.5)
    ref.paragraph_format.space_after = Pt(0)
    tag(doc, "{%p if dokument.skjerming %}")
    para(doc, "{{ dokument.skjerming }}", size=9.5, color=GREY).paragraph_format.space_after = Pt(10)
    tag(doc, "{%p endif %}")


def party_table(doc: Document, s: Spraak, rows: list[tuple[str, str, list[tuple[str, str]]]]) -> None:
    """A two-column table: the party, and its details as optional lines. A row shows only where
    its condition holds (e.g. a praksisveileder is named), so no empty row is left."""
    table = doc.add_table(rows=1, cols=2, style="Table Grid")
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header_row(table, ("Part", s("Opplysninger", "Opplysningar")))
    for heading_text, condition, lines in rows:
        table.add_row().cells[0].paragraphs[0].text = f"{{%tr if {condition} %}}"
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(heading_text).bold = True
        first = True
        for label, expression in lines:
            target = cells[1]
            if first:
                target.paragraphs[0].text = f"{{%p if {expression} %}}"
                first = False
            else:
                tag(target, f"{{%p if {expression} %}}")
            paragraph = target.add_paragraph()
            if label:
                paragraph.add_run(f"{label}: ").bold = True
            paragraph.add_run(f"{{{{ {expression} }}}}")
            tag(target, "{%p endif %}")
        table.add_row().cells[0].paragraphs[0].text = "{%tr endif %}"
    widths(table, [42, 124])
    keep_rows_whole(table)


def signature_table(doc: Document, s: Spraak, intro: str) -> None:
    """The last paragraph of the body (kept with the table), and one row per signing party from
    the config's signeres_av: role, printed name (or a line to print it on), job title and
    place, a field for place and date and a line to sign on. The table is kept whole."""
    heading(doc, "Underskrifter")
    para(doc, intro, keep=True)
    table = doc.add_table(rows=4, cols=3, style="Table Grid")
    header_row(table, ("Part", s("Sted og dato", "Stad og dato"), "Underskrift"))
    table.rows[1].cells[0].paragraphs[0].text = "{%tr for s in signaturer %}"
    cells = table.rows[2].cells
    cells[0].paragraphs[0].add_run("{{ s.rolle }}").bold = True
    tag(cells[0], "{%p if s.navn %}")
    para(cells[0], "{{ s.navn }}")
    tag(cells[0], "{%p else %}")
    para(cells[0], s("Navn: ______________________", "Namn: ______________________"))
    tag(cells[0], "{%p endif %}")
    tag(cells[0], "{%p if s.detalj %}")
    para(cells[0], "{{ s.detalj }}", size=9.5, color=GREY)
    tag(cells[0], "{%p endif %}")
    para(cells[2], "")
    para(cells[2], "")
    table.rows[3].cells[0].paragraphs[0].text = "{%tr endfor %}"
    widths(table, [66, 40, 60])
    keep_rows_whole(table)
    keep_table_together(table)


def attest_signature(doc: Document, s: Spraak) -> None:
    """The praksisbevis: the issuer's signature line, name and job title; the date is the one at
    the top (no «Part» column, no second date). Paragraphs, not a layout table: a screen reader
    announces a table as data, and the accessibility check wants header cells in every table.
    Every paragraph keeps with the next, so the block stays whole and on the page of the text."""
    tag(doc, "{%p for s in signaturer %}")
    para(doc, "", keep=True)
    para(doc, "______________________________________", keep=True)
    tag(doc, "{%p if s.navn %}")
    para(doc, "{{ s.navn }}", bold=True, keep=True)
    tag(doc, "{%p else %}")
    para(doc, s("Navn: ______________________", "Namn: ______________________"), keep=True)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if s.detalj %}")
    para(doc, "{{ s.detalj }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")


# --- shared content --------------------------------------------------------------------


def praktikant_lines(s: Spraak) -> list[tuple[str, str]]:
    return [("", "praktikant.navn"), ("Fødselsdato", "praktikant.foedselsdato|dato"),
            ("Adresse", "praktikant.adresse"), ("Telefon", "praktikant.telefon"), ("E-post", "praktikant.epost")]


def enhet_lines(s: Spraak) -> list[tuple[str, str]]:
    return [("", "praksisenhet.navn"), ("Org.nr.", "praksisenhet.organisasjonsnummer"),
            ("Adresse", "praksisenhet.adresse"), (s("Leder", "Leiar"), "praksisenhet.leder.navn"),
            (s("Leders stilling", "Stillinga til leiaren"), "praksisenhet.leder.stilling"),
            ("Telefon", "praksisenhet.leder.telefon"), ("E-post", "praksisenhet.leder.epost")]


def veileder_lines(s: Spraak) -> list[tuple[str, str]]:
    return [("", "praksisveileder.navn"), ("Stilling", "praksisveileder.stilling"),
            ("Telefon", "praksisveileder.telefon"), ("E-post", "praksisveileder.epost")]


def bestiller_lines(s: Spraak) -> list[tuple[str, str]]:
    return [("", "praksisbestiller.virksomhet"), ("Kontaktperson", "praksisbestiller.kontaktperson"),
            ("Telefon", "praksisbestiller.telefon"), ("E-post", "praksisbestiller.epost")]


def hjemme_lines(s: Spraak) -> list[tuple[str, str]]:
    return [("", "hjemmeenhet.navn"), (s("Leder", "Leiar"), "hjemmeenhet.leder")]


def arbeidsgiver_lines(s: Spraak) -> list[tuple[str, str]]:
    return [("", "virksomhet.navn"), ("Org.nr.", "virksomhet.organisasjonsnummer"), ("Adresse", "virksomhet.adresse")]


def period_lines(doc: Document, s: Spraak) -> None:
    labelled(doc, "Periode", "periode")
    labelled(doc, s("Timer per uke", "Timar per veke"), "timer_per_uke", "{{ timer_per_uke|tall }}")
    labelled(doc, "Arbeidstid", "arbeidstid")


def tasks_and_goals(doc: Document, s: Spraak, goals_label: str) -> None:
    tag(doc, "{%p if arbeidsoppgaver %}")
    para(doc, s("Arbeidsoppgaver:", "Arbeidsoppgåver:"), bold=True, keep=True)
    bullets(doc, "arbeidsoppgaver")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if yrkesmaal %}")
    labelled(doc, "Yrkesmål", "yrkesmaal")
    tag(doc, "{%p if tiltak == 'arbeidstrening' %}")
    para(doc, s("Arbeidstreningen skal føre fram mot yrkesmålet. Veien dit står i aktivitetsplanen fra NAV og "
                "følges opp i oppfølgingsplanen.",
                "Arbeidstreninga skal føre fram mot yrkesmålet. Vegen dit står i aktivitetsplanen frå NAV og blir "
                "følgd opp i oppfølgingsplanen."))
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if maal %}")
    para(doc, f"{goals_label}:", bold=True, keep=True)
    bullets(doc, "maal")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if tilrettelegging %}")
    para(doc, "Tilrettelegging:", bold=True, keep=True)
    para(doc, "{{ tilrettelegging }}")
    tag(doc, "{%p endif %}")


def absence(s: Spraak) -> str:
    """How absence is reported (the employer's routine from config), and who passes it on."""
    return s("{{ arbeidsgiver.fravaersmelding }}.{% if tiltak == 'spraakpraksis' %} Praksisenheten melder fravær "
             "videre til voksenopplæringen.{% elif praksisbestiller.virksomhet %} Praksisenheten melder fravær som "
             "ikke er avtalt, videre til {{ praksisbestiller.virksomhet }}.{% endif %}",
             "{{ arbeidsgiver.fravaersmelding }}.{% if tiltak == 'spraakpraksis' %} Praksiseininga melder fråværet "
             "vidare til vaksenopplæringa.{% elif praksisbestiller.virksomhet %} Praksiseininga melder fråvær som "
             "ikkje er avtalt, vidare til {{ praksisbestiller.virksomhet }}.{% endif %}")


def requirements_shown(s: Spraak, subject: str, when: str) -> str:
    """Politiattest and the like: shown before the start; only the date is kept, never the document."""
    return s(f"{subject} krever {{{{ kravtekst }}}}. Dokumentasjonen skal vises fram {when}. Kommunen "
             "registrerer bare datoen den ble vist fram, og selve dokumentasjonen blir ikke arkivert.",
             f"{subject} krev {{{{ kravtekst }}}}. Dokumentasjonen skal visast fram {when}. Kommunen "
             "registrerer berre datoen då dokumentasjonen vart vist fram. Sjølve dokumentasjonen blir ikkje arkivert.")


# --- the documents ---------------------------------------------------------------------


def praksisavtale(s: Spraak) -> Document:
    doc = new_document(s)
    letterhead_and_footer(doc, s)
    opening(doc, "{{ tiltak_navn }} · {{ startdato|dato }} – {{ sluttdato|dato }}")
    para(doc, s("Denne avtalen gjelder en praksisplass for {{ praktikant.navn }} ved {{ praksisenhet.navn }}. "
                "Praksisen er ikke et ansettelsesforhold. Avtalen skal være underskrevet av alle parter før "
                "praksisen starter.",
                "Denne avtalen gjeld ein praksisplass for {{ praktikant.navn }} ved {{ praksisenhet.navn }}. "
                "Praksisen er ikkje eit tilsetjingsforhold. Alle partane skal ha skrive under avtalen før "
                "praksisen tek til."))
    tag(doc, "{%p if tiltak == 'arbeidstrening' %}")
    para(doc, s("Arbeidstreningen er et arbeidsmarkedstiltak fra NAV. NAVs egen avtale om arbeidstrening gjelder i "
                "tillegg til denne avtalen, og arbeidstreningen kan først starte når NAV har godkjent den.",
                "Arbeidstreninga er eit arbeidsmarknadstiltak frå NAV. NAV har ein eigen avtale om arbeidstrening som "
                "gjeld i tillegg til denne avtalen, og arbeidstreninga kan ikkje ta til før NAV har godkjent ho."))
    tag(doc, "{%p elif tiltak == 'aktivitetsplass' %}")
    para(doc, s("Aktivitetsplassen skal sikre at praktikanten er i aktivitet og avklare arbeidsevnen. NAV kan stille "
                "aktiviteten som vilkår for økonomisk stønad etter {{ aktivitet_hjemmel }}.",
                "Aktivitetsplassen skal sikre at praktikanten er i aktivitet, og avklare arbeidsevna. NAV kan stille "
                "aktiviteten som vilkår for økonomisk stønad etter {{ aktivitet_hjemmel }}."))
    tag(doc, "{%p elif tiltak == 'spraakpraksis' %}")
    para(doc, s("Språkpraksisen er en del av norskopplæringen og er avtalt med voksenopplæringen.",
                "Språkpraksisen er ein del av norskopplæringa og er avtalt med vaksenopplæringa."))
    tag(doc, "{%p else %}")
    para(doc, s("Praksisplassen er en kommunal praksisplass for deltakere i tiltak hos NAV, i "
                "introduksjonsprogrammet eller i voksenopplæringen.",
                "Praksisplassen er ein kommunal praksisplass for deltakarar i tiltak hos NAV, i "
                "introduksjonsprogrammet eller i vaksenopplæringa."))
    tag(doc, "{%p endif %}")

    heading(doc, s("1. Partene", "1. Partane"))
    party_table(doc, s, [("Praktikant", "True", praktikant_lines(s)),
                         (s("Praksisenhet", "Praksiseining"), "True", enhet_lines(s)),
                         (s("Praksisveileder", "Praksisrettleiar"), "praksisveileder.navn", veileder_lines(s)),
                         (s("Praksisbestiller", "Praksisbestillar"), "praksisbestiller.virksomhet", bestiller_lines(s))])
    tag(doc, "{%p if not praksisbestiller.virksomhet and tiltak != 'spraakpraksis' %}")
    para(doc, s("Praksisbestilleren (NAV, introduksjonsprogrammet eller voksenopplæringen) fylles ut før avtalen "
                "signeres.",
                "Praksisbestillaren (NAV, introduksjonsprogrammet eller vaksenopplæringa) skal fyllast ut før "
                "avtalen blir underskriven."), after_table=True)
    tag(doc, "{%p endif %}")

    heading(doc, "2. Periode og arbeidstid")
    period_lines(doc, s)
    para(doc, s("Avtalen gjelder bare for denne perioden. En forlengelse krever en ny avtale.",
                "Avtalen gjeld berre for denne perioden. Skal praksisen forlengjast, krev det ein ny avtale."))

    heading(doc, s("3. Arbeidsoppgaver og mål", "3. Arbeidsoppgåver og mål"))
    tasks_and_goals(doc, s, "Mål for praksisen")
    tag(doc, "{%p if not arbeidsoppgaver and not maal %}")
    para(doc, s("Arbeidsoppgaver og mål fastsettes på oppstartsmøtet og skrives inn i oppfølgingsplanen.",
                "Arbeidsoppgåver og mål blir fastsette på oppstartsmøtet og skrivne inn i oppfølgingsplanen."))
    tag(doc, "{%p endif %}")

    heading(doc, "4. Oppfølging")
    tag(doc, "{%p if praksisveileder.navn %}")
    para(doc, s("{{ praksisveileder.navn }} er praksisveileder og følger opp praktikanten i det daglige.",
                "{{ praksisveileder.navn }} er praksisrettleiar og følgjer opp praktikanten til dagleg."))
    tag(doc, "{%p else %}")
    para(doc, s("Lederen ved praksisenheten utpeker en praksisveileder som følger opp praktikanten i det daglige.",
                "Leiaren ved praksiseininga peikar ut ein praksisrettleiar som følgjer opp praktikanten til dagleg."))
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if praksisbestiller.virksomhet %}")
    para(doc, s("{{ praksisbestiller.virksomhet }} følger opp tiltaket og deltar i oppstartsmøtet, "
                "midtveisevalueringen og avslutningsmøtet.",
                "{{ praksisbestiller.virksomhet }} følgjer opp tiltaket og deltek i oppstartsmøtet, "
                "midtvegsevalueringa og avslutningsmøtet."))
    tag(doc, "{%p endif %}")
    para(doc, s("Møtene, målene og hvem som har ansvar for hva, står i oppfølgingsplanen.",
                "Møta, måla og kven som har ansvar for kva, står i oppfølgingsplanen."))

    heading(doc, "5. Vilkår")
    para(doc, s("Praksisen er ikke et arbeidsforhold, og {{ virksomhet.navn }} betaler ikke lønn for den. "
                "Praktikanten beholder eventuelle ytelser fra NAV eller andre etter reglene for dem.",
                "Praksisen er ikkje eit arbeidsforhold, og {{ virksomhet.navn }} betaler ikkje løn for praksisen. "
                "Praktikanten held på eventuelle ytingar frå NAV eller andre etter reglane for dei."),
         style="List Bullet")
    tag(doc, "{%p if tiltak == 'arbeidstrening' %}")
    para(doc, s("Arbeidstrening gir ikke tilskudd i seg selv, men NAV kan vurdere mentortilskudd eller "
                "inkluderingstilskudd ved ekstra utgifter.",
                "Arbeidstrening gir ikkje tilskot i seg sjølv, men NAV kan vurdere mentortilskot eller "
                "inkluderingstilskot ved ekstra utgifter."), style="List Bullet")
    tag(doc, "{%p else %}")
    para(doc, s("Praksisenheten får ikke tilskudd for denne plassen.",
                "Praksiseininga får ikkje tilskot for denne plassen."), style="List Bullet")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if tiltak in ['arbeidstrening', 'aktivitetsplass'] %}")
    para(doc, s("NAV gir tilretteleggingsgaranti. Den står i en egen avtale om tilrettelegging og oppfølging.",
                "NAV gir tilretteleggingsgaranti. Garantien står i ein eigen avtale om tilrettelegging og oppfølging."),
         style="List Bullet")
    tag(doc, "{%p endif %}")
    para(doc, s("Arbeidsmiljølovens regler om helse, miljø og sikkerhet, arbeidstid, vern mot diskriminering og "
                "varsling gjelder for praktikanten som for arbeidstakere (arbeidsmiljøloven § 1-6 og forskrift om "
                "arbeidsmiljølovens anvendelse for personer som ikke er arbeidstakere § 5).",
                "Reglane i arbeidsmiljølova om helse, miljø og tryggleik, arbeidstid, vern mot diskriminering og "
                "varsling gjeld for praktikanten som for arbeidstakarar (arbeidsmiljølova § 1-6 og forskrifta om "
                "bruk av arbeidsmiljølova for personar som ikkje er arbeidstakarar, § 5)."), style="List Bullet")
    para(doc, s("Praktikanten skal ikke erstatte ordinært ansatte eller dekke grunnbemanningen.",
                "Praktikanten skal ikkje erstatte ordinært tilsette eller dekkje grunnbemanninga."), style="List Bullet")
    para(doc, s("Praktikanten er dekket av {{ virksomhet.navn }}s yrkesskadeforsikring (yrkesskadeforsikringsloven) "
                "uten at det trengs egen innmelding. En skade meldes på samme måte som for arbeidstakere.",
                "Praktikanten er dekt av yrkesskadeforsikringa til {{ virksomhet.navn }} (yrkesskadeforsikringslova) "
                "utan at det trengst eiga innmelding. Skadar skal meldast på same måte som for arbeidstakarar."),
         style="List Bullet")
    para(doc, s("{{ virksomhet.navn }} svarer som arbeidsgiver for skade som praktikanten volder forsettlig eller "
                "uaktsomt under praksisen (skadeserstatningsloven § 2-1).",
                "{{ virksomhet.navn }} svarar som arbeidsgivar for skade som praktikanten valdar med forsett eller "
                "aktløyse under praksisen (skadeserstatningslova § 2-1)."), style="List Bullet")
    para(doc, absence(s), style="List Bullet")
    tag(doc, "{%p if kravtekst %}")
    para(doc, requirements_shown(s, "Praksisplassen", s("for praksisenheten før praksisen starter",
                                                         "for praksiseininga før praksisen tek til")),
         style="List Bullet")
    tag(doc, "{%p endif %}")
    para(doc, s("Praktikanten har taushetsplikt. Første dag i praksis går praksisveilederen gjennom taushetsløftet "
                "og de etiske retningslinjene med praktikanten, og begge signerer.",
                "Praktikanten har teieplikt. Første dagen i praksis går praksisrettleiaren gjennom fråsegna om "
                "teieplikt og dei etiske retningslinene saman med praktikanten, og begge skriv under."),
         style="List Bullet")
    para(doc, s("{{ virksomhet.navn }} har ingen plikt til å ansette praktikanten etter praksisperioden.",
                "{{ virksomhet.navn }} har inga plikt til å tilsetje praktikanten etter praksisperioden."),
         style="List Bullet")
    para(doc, s("Hver av partene kan avslutte praksisen før avtalt tid hvis forutsetningene ikke lenger er til "
                "stede, og skal da varsle de andre partene. Sluttdatoen endres til den dagen praksisen faktisk "
                "sluttet.",
                "Kvar av partane kan avslutte praksisen før avtalt tid dersom føresetnadene ikkje lenger er til "
                "stades, og skal då varsle dei andre partane. Sluttdatoen blir endra til den dagen praksisen faktisk "
                "slutta."), style="List Bullet", keep=True)

    signature_table(doc, s, s("Avtalen er lest og godkjent av partene.", "Partane har lese og godkjent avtalen."))
    return doc


def arbeidsavtale(s: Spraak) -> Document:
    doc = new_document(s)
    letterhead_and_footer(doc, s)
    opening(doc, "{{ ansettelse.stillingstittel or 'Trainee' }} · {{ startdato|dato }} – {{ sluttdato|dato }}")
    para(doc, s("{{ praktikant.navn }} ansettes midlertidig som trainee i {{ virksomhet.navn }}. Avtalen er den "
                "skriftlige arbeidsavtalen etter arbeidsmiljøloven § 14-6.",
                "{{ praktikant.navn }} blir mellombels tilsett som trainee i {{ virksomhet.navn }}. Avtalen er den "
                "skriftlege arbeidsavtalen etter arbeidsmiljølova § 14-6."))

    heading(doc, s("1. Partene", "1. Partane"))
    party_table(doc, s, [(s("Arbeidsgiver", "Arbeidsgivar"), "True", arbeidsgiver_lines(s)),
                         (s("Arbeidstaker", "Arbeidstakar"), "True", praktikant_lines(s))])

    heading(doc, s("2. Arbeidssted og stilling", "2. Arbeidsstad og stilling"))
    labelled(doc, s("Arbeidssted", "Arbeidsstad"), "praksisenhet.navn",
             "{{ praksisenhet.navn }}{% if praksisenhet.adresse %}, {{ praksisenhet.adresse }}{% endif %}")
    labelled(doc, "Stillingstittel", "ansettelse.stillingstittel")
    labelled(doc, "Stillingsprosent", "ansettelse.stillingsprosent", "{{ ansettelse.stillingsprosent|tall }} %")
    labelled(doc, s("Nærmeste leder", "Nærmaste leiar"), "praksisenhet.leder.navn",
             "{{ praksisenhet.leder.navn }}{% if praksisenhet.leder.stilling %}, "
             "{{ praksisenhet.leder.stilling }}{% endif %}")
    tag(doc, "{%p if arbeidsoppgaver %}")
    para(doc, s("Arbeidsoppgaver:", "Arbeidsoppgåver:"), bold=True, keep=True)
    bullets(doc, "arbeidsoppgaver")
    tag(doc, "{%p endif %}")

    heading(doc, s("3. Varighet og grunnlag for midlertidig ansettelse",
                   "3. Varigheit og grunnlag for mellombels tilsetjing"))
    para(doc, s("Ansettelsen gjelder fra {{ startdato|dato }} til {{ sluttdato|dato }}. Den er midlertidig etter "
                "arbeidsmiljøloven § 14-9 andre ledd bokstav d, fordi traineen deltar i et arbeidsmarkedstiltak i "
                "samarbeid med NAV.",
                "Tilsetjinga gjeld frå {{ startdato|dato }} til {{ sluttdato|dato }}. Ho er mellombels etter "
                "arbeidsmiljølova § 14-9 andre ledd bokstav d, fordi traineen deltek i eit arbeidsmarknadstiltak i "
                "samarbeid med NAV."))
    para(doc, s("Ansettelsen opphører ved periodens slutt. Har traineen vært ansatt i mer enn ett år, skal "
                "arbeidsgiveren gi skriftlig varsel om fratreden senest én måned før.",
                "Tilsetjinga tek slutt når perioden er ute. Har traineen vore tilsett i meir enn eitt år, skal "
                "arbeidsgivaren gi skriftleg varsel om fråtreding seinast éin månad før."))
    tag(doc, "{%p if proevetid %}")
    para(doc, s("Prøvetiden er {{ 'den første måneden' if proevetid.maaneder == 1 else 'de første ' ~ "
                "proevetid.maaneder ~ ' månedene' }}, til og med {{ proevetid.til|dato }} (arbeidsmiljøloven § 15-6). "
                "I prøvetiden er den gjensidige oppsigelsesfristen 14 dager (arbeidsmiljøloven § 15-3 sjuende ledd).",
                "Prøvetida er {{ 'den første månaden' if proevetid.maaneder == 1 else 'dei første ' ~ "
                "proevetid.maaneder ~ ' månadene' }}, til og med {{ proevetid.til|dato }} (arbeidsmiljølova § 15-6). "
                "I prøvetida er den gjensidige oppseiingsfristen 14 dagar (arbeidsmiljølova § 15-3 sjuande ledd)."))
    tag(doc, "{%p else %}")
    para(doc, s("Det gjelder ingen prøvetid.", "Det gjeld inga prøvetid."))
    tag(doc, "{%p endif %}")

    heading(doc, "4. Arbeidstid")
    tag(doc, "{%p if timer_per_uke and arbeidstid %}")
    para(doc, s("Den ordinære arbeidstiden er {{ timer_per_uke|timer }}. Daglig arbeidstid: {{ arbeidstid }}.",
                "Den ordinære arbeidstida er {{ timer_per_uke|timer }}. Dagleg arbeidstid: {{ arbeidstid }}."))
    tag(doc, "{%p elif timer_per_uke %}")
    para(doc, s("Den ordinære arbeidstiden er {{ timer_per_uke|timer }}. Den daglige arbeidstiden står i "
                "arbeidsplanen ved {{ praksisenhet.navn }}.",
                "Den ordinære arbeidstida er {{ timer_per_uke|timer }}. Den daglege arbeidstida står i "
                "arbeidsplanen ved {{ praksisenhet.navn }}."))
    tag(doc, "{%p else %}")
    para(doc, s("Arbeidstiden følger arbeidsplanen ved {{ praksisenhet.navn }}.",
                "Arbeidstida følgjer arbeidsplanen ved {{ praksisenhet.navn }}."))
    tag(doc, "{%p endif %}")
    para(doc, s("{{ arbeidsgiver.pauser }} (arbeidsmiljøloven § 10-9).", "{{ arbeidsgiver.pauser }} (arbeidsmiljølova § 10-9)."))
    para(doc, s("Overtid kan bare pålegges når det er et særlig og tidsavgrenset behov, og innenfor grensene i "
                "arbeidsmiljøloven § 10-6. Overtid betales etter {{ arbeidsgiver.tariffavtale }}.",
                "Overtid kan berre påleggjast når det er eit særleg og tidsavgrensa behov, og innanfor grensene i "
                "arbeidsmiljølova § 10-6. Overtid blir betalt etter {{ arbeidsgiver.tariffavtale }}."))
    para(doc, s("Arbeidstiden følger ellers arbeidsmiljøloven kapittel 10 og {{ arbeidsgiver.tariffavtale }}.",
                "Arbeidstida følgjer elles arbeidsmiljølova kapittel 10 og {{ arbeidsgiver.tariffavtale }}."))

    heading(doc, s("5. Lønn, ferie og pensjon", "5. Løn, ferie og pensjon"))
    tag(doc, "{%p if ansettelse.loenn %}")
    para(doc, s("Lønnen er {{ ansettelse.loenn }}, etter {{ arbeidsgiver.tariffavtale }}.",
                "Løna er {{ ansettelse.loenn }}, etter {{ arbeidsgiver.tariffavtale }}."))
    tag(doc, "{%p else %}")
    para(doc, s("Lønnen fastsettes etter {{ arbeidsgiver.tariffavtale }}.",
                "Løna blir fastsett etter {{ arbeidsgiver.tariffavtale }}."))
    tag(doc, "{%p endif %}")
    para(doc, s("Lønnen utbetales {{ arbeidsgiver.loennsdag }}. Tillegg for ubekvem arbeidstid betales etter "
                "tariffavtalen.",
                "Løna blir utbetalt {{ arbeidsgiver.loennsdag }}. Tillegg for ubekvem arbeidstid blir betalt etter "
                "tariffavtalen."))
    para(doc, s("Traineen har {{ arbeidsgiver.ferie }}. Feriepengene er {{ arbeidsgiver.feriepenger }} og utbetales "
                "etter ferieloven § 11. Når ansettelsen slutter, utbetales opptjente feriepenger siste vanlige "
                "lønningsdag før fratreden (ferieloven § 11 nr. 3).",
                "Traineen har {{ arbeidsgiver.ferie }}. Feriepengane er {{ arbeidsgiver.feriepenger }} og blir "
                "utbetalte etter ferielova § 11. Når tilsetjinga tek slutt, blir opptente feriepengar utbetalte på "
                "den siste vanlege utbetalingsdagen for løn før fråtredinga (ferielova § 11 nr. 3)."))
    para(doc, s("Traineen meldes inn i pensjonsordningen i {{ arbeidsgiver.pensjon }}.",
                "Traineen blir meld inn i pensjonsordninga i {{ arbeidsgiver.pensjon }}."))

    heading(doc, s("6. Oppsigelse", "6. Oppseiing"))
    para(doc, s("Hver av partene kan si opp ansettelsen før sluttdatoen etter reglene i arbeidsmiljøloven "
                "kapittel 15. Etter prøvetiden er oppsigelsesfristen én måned (arbeidsmiljøloven § 15-3). "
                "Arbeidsgiverens oppsigelse må være saklig begrunnet.",
                "Kvar av partane kan seie opp tilsetjinga før sluttdatoen etter reglane i arbeidsmiljølova "
                "kapittel 15. Etter prøvetida er oppseiingsfristen éin månad (arbeidsmiljølova § 15-3). "
                "Ei oppseiing frå arbeidsgivaren må vere sakleg grunngitt."))
    para(doc, s("Oppsigelsen skal være skriftlig. Arbeidsgiverens oppsigelse leveres personlig eller sendes i "
                "rekommandert brev (arbeidsmiljøloven § 15-4). Vil traineen påstå at oppsigelsen er ugyldig, kan "
                "traineen kreve forhandlinger og reise søksmål innen fristene i arbeidsmiljøloven §§ 17-3 og 17-4: "
                "skriftlig krav om forhandlinger innen to uker, søksmål innen åtte uker, eller seks måneder hvis "
                "traineen bare krever erstatning.",
                "Oppseiinga skal vere skriftleg. Ei oppseiing frå arbeidsgivaren skal leverast personleg eller "
                "sendast i rekommandert brev (arbeidsmiljølova § 15-4). Vil traineen gjere gjeldande at oppseiinga "
                "er ugyldig, kan traineen krevje forhandlingar og reise søksmål innan fristane i arbeidsmiljølova "
                "§§ 17-3 og 17-4: skriftleg krav om forhandlingar innan to veker, søksmål innan åtte veker, eller seks "
                "månader dersom traineen berre krev erstatning."))

    heading(doc, s("7. Lønnstilskudd, utviklingsplan og veiledning", "7. Lønstilskot, utviklingsplan og rettleiing"))
    para(doc, s("{{ virksomhet.navn }} {{ 'har søkt NAV om' if status in ['Ny', 'Statusmøte avtalt'] else 'får' }} "
                "lønnstilskudd {{ '' if status in ['Ny', 'Statusmøte avtalt'] else 'fra NAV ' }}for stillingen. "
                "Tilskuddet følger av en egen avtale mellom kommunen og NAV og endrer ikke traineens lønn eller "
                "andre vilkår.",
                "{{ virksomhet.navn }} {{ 'har søkt NAV om' if status in ['Ny', 'Statusmøte avtalt'] else 'får' }} "
                "lønstilskot {{ '' if status in ['Ny', 'Statusmøte avtalt'] else 'frå NAV ' }}for stillinga. "
                "Tilskotet følgjer av ein eigen avtale mellom kommunen og NAV og endrar ikkje løna eller andre "
                "vilkår for traineen."))
    para(doc, s("Traineen har rett til opplæring og kompetanseutvikling. Den individuelle utviklingsplanen er "
                "traineens plan for dette. Den lages ved oppstart og følges opp underveis.",
                "Traineen har rett til opplæring og kompetanseutvikling. Den individuelle utviklingsplanen er "
                "planen traineen har for dette. Planen blir laga ved oppstart og følgd opp undervegs."))
    tag(doc, "{%p if praksisveileder.navn %}")
    para(doc, s("{{ praksisveileder.navn }} er veileder og setter av om lag 10–20 % av arbeidstiden sin til "
                "veiledning av traineen.",
                "{{ praksisveileder.navn }} er rettleiar og set av om lag 10–20 % av arbeidstida si til "
                "rettleiing av traineen."))
    tag(doc, "{%p else %}")
    para(doc, s("Traineen får en veileder som setter av om lag 10–20 % av arbeidstiden sin til veiledning.",
                "Traineen får ein rettleiar som set av om lag 10–20 % av arbeidstida si til rettleiing."))
    tag(doc, "{%p endif %}")

    heading(doc, "8. Andre vilkår")
    para(doc, s("Traineen har taushetsplikt etter forvaltningsloven § 13 og signerer taushetsløfte første arbeidsdag.",
                "Traineen har teieplikt etter forvaltningslova § 13 og skriv under fråsegn om teieplikt den første "
                "arbeidsdagen."), style="List Bullet")
    tag(doc, "{%p if kravtekst %}")
    para(doc, requirements_shown(s, s("Stillingen", "Stillinga"), s("før tiltredelse", "før tiltredinga")),
         style="List Bullet")
    tag(doc, "{%p endif %}")
    para(doc, s("Fravær meldes til nærmeste leder samme dag, før arbeidstid. Egenmelding og sykmelding følger "
                "folketrygdloven og arbeidsgiverens rutiner.",
                "Fråvær skal meldast til nærmaste leiar same dag, før arbeidstida byrjar. Eigenmelding og sjukmelding "
                "følgjer folketrygdlova og rutinane til arbeidsgivaren."), style="List Bullet")
    para(doc, s("Traineen er dekket av arbeidsgiverens yrkesskadeforsikring som andre arbeidstakere.",
                "Traineen er dekt av yrkesskadeforsikringa til arbeidsgivaren, som andre arbeidstakarar."),
         style="List Bullet", keep=True)

    signature_table(doc, s, s("Avtalen er lest og godkjent av begge parter. Hver part får ett eksemplar.",
                              "Begge partane har lese og godkjent avtalen. Kvar part får eitt eksemplar."))
    return doc


def intern_avtale(s: Spraak) -> Document:
    doc = new_document(s)
    letterhead_and_footer(doc, s)
    opening(doc, "{{ tiltak_navn }} · {{ startdato|dato }} – {{ sluttdato|dato }}")
    para(doc, s("{{ praktikant.navn }} er ansatt i {{ virksomhet.navn }}{% if hjemmeenhet.navn %} ved "
                "{{ hjemmeenhet.navn }}{% endif %} og skal prøve ut arbeidsevnen sin ved {{ praksisenhet.navn }} "
                "etter sykefravær. Avtalen inngås mellom arbeidstakeren, nåværende leder og lederen ved den "
                "mottakende enheten.",
                "{{ praktikant.navn }} er tilsett i {{ virksomhet.navn }}{% if hjemmeenhet.navn %} ved "
                "{{ hjemmeenhet.navn }}{% endif %} og skal prøve ut arbeidsevna si ved {{ praksisenhet.navn }} "
                "etter sjukefråvær. Avtalen blir inngått mellom arbeidstakaren, den noverande leiaren og leiaren ved "
                "eininga som tek imot arbeidstakaren."))

    heading(doc, s("1. Partene", "1. Partane"))
    party_table(doc, s, [(s("Arbeidstaker", "Arbeidstakar"), "True",
                          [("", "praktikant.navn"), ("Fødselsdato", "praktikant.foedselsdato|dato"),
                           ("Telefon", "praktikant.telefon"), ("E-post", "praktikant.epost")]),
                         (s("Nåværende enhet", "Noverande eining"), "hjemmeenhet.navn or hjemmeenhet.leder",
                          hjemme_lines(s)),
                         (s("Mottakende enhet", "Mottakande eining"), "True", enhet_lines(s)),
                         (s("Veileder", "Rettleiar"), "praksisveileder.navn", veileder_lines(s))])

    heading(doc, "2. Periode og arbeidstid")
    period_lines(doc, s)

    heading(doc, s("3. Arbeidsoppgaver og mål", "3. Arbeidsoppgåver og mål"))
    tasks_and_goals(doc, s, s("Mål for arbeidstreningen", "Mål for arbeidstreninga"))
    tag(doc, "{%p if not arbeidsoppgaver and not maal %}")
    para(doc, s("Arbeidsoppgaver og mål fastsettes på oppstartsmøtet og skrives inn i oppfølgingsplanen.",
                "Arbeidsoppgåver og mål blir fastsette på oppstartsmøtet og skrivne inn i oppfølgingsplanen."))
    tag(doc, "{%p endif %}")

    heading(doc, s("4. Ansettelsesforholdet", "4. Tilsetjingsforholdet"))
    para(doc, s("Arbeidstreningen endrer ikke ansettelsesforholdet. Arbeidstakeren beholder stillingen, lønnen og "
                "de andre vilkårene sine{% if hjemmeenhet.navn %} ved {{ hjemmeenhet.navn }}{% endif %}.",
                "Arbeidstreninga endrar ikkje tilsetjingsforholdet. Arbeidstakaren held på stillinga, løna og "
                "dei andre vilkåra sine{% if hjemmeenhet.navn %} ved {{ hjemmeenhet.navn }}{% endif %}."),
         style="List Bullet")
    para(doc, s("Arbeidstreningen er et tiltak i oppfølgingsplanen for den sykmeldte (arbeidsmiljøloven § 4-6) og "
                "følges opp i den.",
                "Arbeidstreninga er eit tiltak i oppfølgingsplanen for den sjukmelde (arbeidsmiljølova § 4-6) og blir "
                "følgd opp gjennom planen."), style="List Bullet")
    para(doc, s("Taushetsplikten og de etiske retningslinjene arbeidstakeren har fra før, gjelder også ved den "
                "mottakende enheten.",
                "Teieplikta og dei etiske retningslinene arbeidstakaren har frå før, gjeld også ved den "
                "mottakande eininga."), style="List Bullet")
    para(doc, s("Fravær meldes til nåværende leder som ellers, og samme dag til veilederen ved den mottakende "
                "enheten.",
                "Fråvær skal meldast til den noverande leiaren som elles, og same dag til rettleiaren ved den "
                "mottakande eininga."), style="List Bullet")
    para(doc, s("Arbeidstakeren er dekket av arbeidsgiverens yrkesskadeforsikring som ellers.",
                "Arbeidstakaren er dekt av yrkesskadeforsikringa til arbeidsgivaren som elles."), style="List Bullet")

    heading(doc, "5. Oppfølging og evaluering")
    tag(doc, "{%p if midtveisevaluering %}")
    para(doc, s("Midtveisevalueringen holdes {{ midtveisevaluering|dato }}. Der gjennomgår partene målene og om "
                "arbeidstreningen skal fortsette som planlagt.",
                "Midtvegsevalueringa blir halden {{ midtveisevaluering|dato }}. Der går partane gjennom måla og om "
                "arbeidstreninga skal halde fram som planlagt."))
    tag(doc, "{%p else %}")
    para(doc, s("Partene holder en midtveisevaluering av målene. Datoen avtales på oppstartsmøtet.",
                "Partane held ei midtvegsevaluering av måla. Datoen blir avtalt på oppstartsmøtet."))
    tag(doc, "{%p endif %}")
    para(doc, s("Ved avslutningen vurderer partene effekten av arbeidstreningen. Vurderingen dokumenteres i "
                "arbeidstakerens personalmappe og sendes NAV som en del av oppfølgingsplanen for den sykmeldte.",
                "Ved avslutninga vurderer partane effekten av arbeidstreninga. Vurderinga blir dokumentert i "
                "personalmappa til arbeidstakaren og send til NAV som ein del av oppfølgingsplanen for den "
                "sjukmelde."))
    para(doc, s("Hver av partene kan avslutte arbeidstreningen før avtalt tid ved å varsle de andre. Arbeidstakeren "
                "går da tilbake til oppgavene sine etter avtale med nåværende leder.",
                "Kvar av partane kan avslutte arbeidstreninga før avtalt tid ved å varsle dei andre. Arbeidstakaren "
                "går då tilbake til oppgåvene sine etter avtale med den noverande leiaren."), keep=True)

    signature_table(doc, s, s("Avtalen er lest og godkjent av partene.", "Partane har lese og godkjent avtalen."))
    return doc


def tilretteleggingsgaranti(s: Spraak) -> Document:
    doc = new_document(s)
    letterhead_and_footer(doc, s)
    opening(doc, "{{ tiltak_navn }} · {{ praktikant.navn }} · {{ praksisenhet.navn }}")
    para(doc, s("Avtalen gjelder {{ tiltak_navn|lower }} for {{ praktikant.navn }} ved {{ praksisenhet.navn }} fra "
                "{{ startdato|dato }} til {{ sluttdato|dato }}. Den inngås mellom praksisenheten, praktikanten og NAV "
                "og gjelder sammen med avtalen om selve tiltaket.",
                "Avtalen gjeld {{ tiltak_navn|lower }} for {{ praktikant.navn }} ved {{ praksisenhet.navn }} frå "
                "{{ startdato|dato }} til {{ sluttdato|dato }}. Avtalen blir inngått mellom praksiseininga, "
                "praktikanten og NAV og gjeld saman med avtalen om sjølve tiltaket."))

    heading(doc, s("1. Partene", "1. Partane"))
    party_table(doc, s, [(s("Praksisenhet", "Praksiseining"), "True", enhet_lines(s)),
                         ("Praktikant", "True", praktikant_lines(s)),
                         ("NAV", "praksisbestiller.virksomhet", bestiller_lines(s))])

    heading(doc, s("2. Dette gjør NAV", "2. Dette gjer NAV"))
    tag(doc, "{%p if praksisbestiller.kontaktperson %}")
    para(doc, s("{{ praksisbestiller.kontaktperson }} er fast kontaktperson i NAV for praktikanten og "
                "praksisenheten.",
                "{{ praksisbestiller.kontaktperson }} er fast kontaktperson i NAV for praktikanten og "
                "praksiseininga."), style="List Bullet")
    tag(doc, "{%p else %}")
    para(doc, s("NAV gir praktikanten og praksisenheten en fast kontaktperson.",
                "NAV gir praktikanten og praksiseininga ein fast kontaktperson."), style="List Bullet")
    tag(doc, "{%p endif %}")
    para(doc, s("NAV deltar i oppstartsmøtet, midtveisevalueringen og avslutningsmøtet, og ellers når en av "
                "partene ber om det.",
                "NAV deltek i oppstartsmøtet, midtvegsevalueringa og avslutningsmøtet, og elles når ein av "
                "partane ber om det."), style="List Bullet")
    para(doc, s("NAV gir råd om tilrettelegging. Praksisenheten og praktikanten kan kontakte NAV direkte når det "
                "trengs, uten å vente på neste møte.",
                "NAV gir råd om tilrettelegging. Praksiseininga og praktikanten kan kontakte NAV direkte når det "
                "trengst, utan å vente på neste møte."), style="List Bullet")
    tag(doc, "{%p if tiltak == 'arbeidstrening' %}")
    para(doc, s("NAV kan vurdere mentortilskudd eller inkluderingstilskudd hvis tilretteleggingen gir ekstra "
                "utgifter.",
                "NAV kan vurdere mentortilskot eller inkluderingstilskot dersom tilrettelegginga gir ekstra "
                "utgifter."), style="List Bullet")
    tag(doc, "{%p endif %}")

    heading(doc, s("3. Dette gjør praksisenheten", "3. Dette gjer praksiseininga"))
    tag(doc, "{%p if praksisveileder.navn %}")
    para(doc, s("Praksisenheten tilrettelegger arbeidet, og praksisveileder {{ praksisveileder.navn }} følger opp "
                "praktikanten i det daglige.",
                "Praksiseininga legg arbeidet til rette, og praksisrettleiar {{ praksisveileder.navn }} følgjer opp "
                "praktikanten til dagleg."), style="List Bullet")
    tag(doc, "{%p else %}")
    para(doc, s("Praksisenheten tilrettelegger arbeidet og utpeker en praksisveileder som følger opp praktikanten "
                "i det daglige.",
                "Praksiseininga legg arbeidet til rette og peikar ut ein praksisrettleiar som følgjer opp "
                "praktikanten til dagleg."), style="List Bullet")
    tag(doc, "{%p endif %}")
    para(doc, s("Praksisenheten sier fra til NAV straks det oppstår problemer, og melder fravær som ikke er avtalt.",
                "Praksiseininga seier frå til NAV med ein gong det oppstår problem, og melder fråvær som ikkje er "
                "avtalt."), style="List Bullet")

    heading(doc, s("4. Dette gjør praktikanten", "4. Dette gjer praktikanten"))
    para(doc, s("Praktikanten møter som avtalt, melder fravær etter rutinen i avtalen om tiltaket og tar opp behov "
                "for tilrettelegging med praksisveilederen eller NAV.",
                "Praktikanten møter som avtalt, melder fråvær etter rutinen i avtalen om tiltaket og tek opp behov "
                "for tilrettelegging med praksisrettleiaren eller NAV."), style="List Bullet")

    heading(doc, "5. Tilrettelegging")
    tag(doc, "{%p if tilrettelegging %}")
    para(doc, "{{ tilrettelegging }}", keep=True)
    tag(doc, "{%p else %}")
    para(doc, s("Det er ikke avtalt særskilt tilrettelegging ved oppstart. Behov som oppstår, tas opp med "
                "praksisveilederen og NAV.",
                "Det er ikkje avtalt særskild tilrettelegging ved oppstart. Behov som oppstår, blir tekne opp med "
                "praksisrettleiaren og NAV."), keep=True)
    tag(doc, "{%p endif %}")

    signature_table(doc, s, s("Avtalen er lest og godkjent av partene.", "Partane har lese og godkjent avtalen."))
    return doc


def taushetsloefte(s: Spraak) -> Document:
    doc = new_document(s)
    letterhead_and_footer(doc, s)
    opening(doc, s("{{ praktikant.navn }} · {{ praksisenhet.navn }} · fra {{ startdato|dato }}",
                   "{{ praktikant.navn }} · {{ praksisenhet.navn }} · frå {{ startdato|dato }}"))

    heading(doc, s("Taushetsløfte", "Fråsegn om teieplikt"))
    para(doc, s("Jeg, {{ praktikant.navn }}, er {{ 'trainee' if tiltak == 'trainee' else 'praktikant' }} ved "
                "{{ praksisenhet.navn }} i {{ virksomhet.navn }}. Jeg er kjent med at jeg har taushetsplikt etter "
                "{{ sektorlov.taushet }}.",
                "Eg, {{ praktikant.navn }}, er {{ 'trainee' if tiltak == 'trainee' else 'praktikant' }} ved "
                "{{ praksisenhet.navn }} i {{ virksomhet.navn }}. Eg er kjend med at eg har teieplikt etter "
                "{{ sektorlov.taushet }}."))
    para(doc, s("Taushetsplikten gjelder det jeg får vite om noens personlige forhold, for eksempel helse, "
                "familieforhold og økonomi, og om drifts- eller forretningsforhold som det har konkurransemessig "
                "betydning å holde hemmelig (forvaltningsloven § 13 første ledd nr. 1 og 2).",
                "Teieplikta gjeld det eg får vite om nokon sine personlege tilhøve, til dømes helse, "
                "familietilhøve og økonomi, og om drifts- eller forretningstilhøve som det har konkurransemessig "
                "verdi å halde hemmeleg (forvaltningslova § 13 første ledd nr. 1 og 2)."))
    para(doc, s("Jeg lover å:", "Eg lovar å:"), bold=True, keep=True)
    for line in s(
        ("bevare taushet om slike opplysninger og hindre at andre får tilgang til dem,",
         "ikke bruke opplysningene til min egen eller andres fordel,",
         "ikke omtale brukere, pasienter, elever eller kolleger på sosiale medier,",
         "si fra til {{ veileder }} hvis jeg er usikker på hva jeg kan si eller gjøre."),
        ("teie om slike opplysningar og hindre at andre får tilgang til dei,",
         "ikkje bruke opplysningane til eigen eller andre sin fordel,",
         "ikkje omtale brukarar, pasientar, elevar eller kollegaer på sosiale medium,",
         "seie frå til {{ veileder }} dersom eg er usikker på kva eg kan seie eller gjere."),
    ):
        para(doc, line, style="List Bullet")
    para(doc, s("Jeg er kjent med at taushetsplikten også gjelder etter at "
                "{{ 'ansettelsen' if tiltak == 'trainee' else 'praksisen' }} er slutt. Brudd på taushetsplikten "
                "kan straffes med bot eller fengsel inntil ett år, eller inntil tre år hvis bruddet er grovt "
                "(straffeloven §§ 209 og 210), og {{ 'kan få følger for arbeidsforholdet' if tiltak == 'trainee' "
                "else 'kan føre til at praksisen avsluttes' }}.",
                "Eg er kjend med at teieplikta gjeld òg etter at "
                "{{ 'tilsetjinga' if tiltak == 'trainee' else 'praksisen' }} er slutt. Brot på teieplikta "
                "kan straffast med bot eller fengsel i inntil eitt år, eller i inntil tre år dersom brotet er grovt "
                "(straffelova §§ 209 og 210), og {{ 'kan få følgjer for arbeidsforholdet' if tiltak == 'trainee' "
                "else 'kan føre til at praksisen blir avslutta' }}."))
    heading(doc, s("Når jeg skal si fra", "Når eg skal seie frå"), level=3)
    para(doc, s("Taushetsplikten hindrer meg ikke i å gi opplysninger til barnevernstjenesten når loven pålegger "
                "det{% if sektorlov.opplysningsplikt %} ({{ sektorlov.opplysningsplikt }}){% endif %}. Er jeg "
                "bekymret for et barn, sier jeg fra til {{ veileder }} eller lederen samme dag.",
                "Teieplikta hindrar meg ikkje i å gi opplysningar til barnevernstenesta når lova pålegg "
                "det{% if sektorlov.opplysningsplikt %} ({{ sektorlov.opplysningsplikt }}){% endif %}. Er eg "
                "uroleg for eit barn, seier eg frå til {{ veileder }} eller leiaren same dag."))
    para(doc, s("Jeg er også kjent med avvergeplikten i straffeloven § 196: jeg skal varsle politiet eller på "
                "annen måte forsøke å avverge visse alvorlige straffbare handlinger, uten hinder av taushetsplikten.",
                "Eg er også kjend med avvergingsplikta i straffelova § 196: eg skal varsle politiet eller på "
                "annan måte prøve å avverje visse alvorlege straffbare handlingar, utan hinder av teieplikta."))

    heading(doc, s("Gjennomgang av etiske retningslinjer", "Gjennomgang av etiske retningsliner"))
    para(doc, s("Første dag gikk {{ veileder }} gjennom de etiske retningslinjene til {{ virksomhet.navn }} med "
                "meg. Vi krysset av for hvert tema vi gikk gjennom:",
                "Den første dagen gjekk {{ veileder }} gjennom dei etiske retningslinene til {{ virksomhet.navn }} "
                "saman med meg. Vi kryssa av for kvart tema vi gjekk gjennom:"), keep=True)
    table = doc.add_table(rows=1, cols=2, style="Table Grid")
    header_row(table, ("Tema", s("Gjennomgått", "Gått gjennom")))
    for topic in s(
        ("Respekt og likeverd i møte med brukere og kolleger", "Taushetsplikt og personvern",
         "Lojalitet, habilitet og bierverv", "Gaver og andre fordeler",
         "Bruk av sosiale medier og bilder", "Varsling av kritikkverdige forhold",
         "Rusmidler og sikkerhet på arbeidsplassen"),
        ("Respekt og likeverd i møte med brukarar og kollegaer", "Teieplikt og personvern",
         "Lojalitet, habilitet og biverv", "Gåver og andre fordelar",
         "Bruk av sosiale medium og bilete", "Varsling om kritikkverdige tilhøve",
         "Rusmiddel og tryggleik på arbeidsplassen"),
    ):
        cells = table.add_row().cells
        cells[0].text = topic
    widths(table, [126, 40])
    keep_rows_whole(table)
    keep_table_together(table)  # the review moves with the signatures: they are never on a page of their own

    signature_table(doc, s, s("Jeg har lest taushetsløftet og gått gjennom de etiske retningslinjene, og jeg "
                              "forplikter meg til å følge dem. {{ Veileder }} bekrefter gjennomgangen med sin "
                              "underskrift.",
                              "Eg har lese fråsegna om teieplikt og gått gjennom dei etiske retningslinene, og eg "
                              "forpliktar meg til å følgje dei. {{ Veileder }} stadfestar gjennomgangen med "
                              "underskrifta si."))
    return doc


def oppfoelgingsplan(s: Spraak) -> Document:
    doc = new_document(s)
    letterhead_and_footer(doc, s)
    opening(doc, "{{ tiltak_navn }} · {{ praktikant.navn }} · {{ praksisenhet.navn }}")

    heading(doc, "Periode")
    labelled(doc, "Startdato", "startdato|dato")
    labelled(doc, "Sluttdato", "sluttdato|dato")
    tag(doc, "{%p if avsluttet_tidlig %}")
    para(doc, s("{{ Forloep }} ble avsluttet {{ faktisk_sluttdato|dato }}, før avtalt sluttdato.",
                "{{ Forloep }} vart avslutta {{ faktisk_sluttdato|dato }}, før avtalt sluttdato."))
    tag(doc, "{%p endif %}")
    labelled(doc, s("Timer per uke", "Timar per veke"), "timer_per_uke", "{{ timer_per_uke|tall }}")
    labelled(doc, "Arbeidstid", "arbeidstid")

    heading(doc, "Mål")
    labelled(doc, "Yrkesmål", "yrkesmaal")
    tag(doc, "{%p if maal %}")
    para(doc, s("Status for hvert mål skrives inn på midtveisevalueringen og avslutningsmøtet.",
                "Status for kvart mål blir skriven inn på midtvegsevalueringa og avslutningsmøtet."), keep=True)
    table = doc.add_table(rows=4, cols=3, style="Table Grid")
    header_row(table, ("Mål", s("Status ved midtveisevaluering", "Status ved midtvegsevaluering"),
                       "Status ved avslutning"))
    table.rows[1].cells[0].paragraphs[0].text = "{%tr for m in maal %}"
    table.rows[2].cells[0].paragraphs[0].text = "{{ m }}"
    table.rows[3].cells[0].paragraphs[0].text = "{%tr endfor %}"
    widths(table, [70, 48, 48])
    keep_rows_whole(table)
    tag(doc, "{%p else %}")
    para(doc, s("Målene fastsettes på oppstartsmøtet.", "Måla blir fastsette på oppstartsmøtet."))
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if arbeidsoppgaver %}")
    para(doc, s("Arbeidsoppgaver:", "Arbeidsoppgåver:"), bold=True, keep=True, after_table=True)
    bullets(doc, "arbeidsoppgaver")
    tag(doc, "{%p endif %}")

    heading(doc, "Tiltak, ansvar og frister")
    table = doc.add_table(rows=4, cols=3, style="Table Grid")
    header_row(table, ("Tiltak", s("Ansvarlig", "Ansvarleg"), "Frist"))
    table.rows[1].cells[0].paragraphs[0].text = "{%tr for t in moeter %}"
    cells = table.rows[2].cells
    cells[0].paragraphs[0].add_run("{{ t.navn }}").bold = True
    para(cells[0], "{{ t.innhold }}")
    cells[1].paragraphs[0].text = "{{ t.ansvarlig }}"
    cells[2].paragraphs[0].text = "{{ t.frist }}"
    table.rows[3].cells[0].paragraphs[0].text = "{%tr endfor %}"
    widths(table, [76, 44, 46])
    keep_rows_whole(table)
    tag(doc, "{%p if tilrettelegging %}")
    para(doc, "Tilrettelegging:", bold=True, keep=True, after_table=True)
    para(doc, s("{{ tilrettelegging }} Ansvarlig: {{ praksisveileder.navn or praksisenhet.leder.navn or "
                "'lederen ved praksisenheten' }}, fra {{ startdato|dato }}.",
                "{{ tilrettelegging }} Ansvarleg: {{ praksisveileder.navn or praksisenhet.leder.navn or "
                "'leiaren ved praksiseininga' }}, frå {{ startdato|dato }}."))
    tag(doc, "{%p else %}")
    para(doc, s("Det er ikke avtalt særskilt tilrettelegging. Behov som oppstår, tas opp med {{ veileder }}.",
                "Det er ikkje avtalt særskild tilrettelegging. Behov som oppstår, blir tekne opp med {{ veileder }}."),
         after_table=True)
    tag(doc, "{%p endif %}")

    heading(doc, s("Fravær", "Fråvær"))
    tag(doc, "{%p if tiltak == 'intern_arbeidstrening' %}")
    para(doc, s("Fravær meldes til nåværende leder som ellers, og samme dag til veilederen ved den mottakende enheten.",
                "Fråvær skal meldast til den noverande leiaren som elles, og same dag til rettleiaren ved den "
                "mottakande eininga."))
    tag(doc, "{%p elif tiltak == 'trainee' %}")
    para(doc, s("Fravær meldes til nærmeste leder samme dag, før arbeidstid. Egenmelding og sykmelding følger "
                "folketrygdloven og arbeidsgiverens rutiner.",
                "Fråvær skal meldast til nærmaste leiar same dag, før arbeidstida byrjar. Eigenmelding og "
                "sjukmelding følgjer folketrygdlova og rutinane til arbeidsgivaren."))
    tag(doc, "{%p else %}")
    para(doc, absence(s))
    tag(doc, "{%p endif %}")

    heading(doc, "Dokumentasjon")
    tag(doc, "{%p if tiltak == 'intern_arbeidstrening' %}")
    para(doc, s("Effekten av arbeidstreningen vurderes på avslutningsmøtet, dokumenteres i personalmappen og sendes "
                "NAV som en del av oppfølgingsplanen for den sykmeldte.",
                "Effekten av arbeidstreninga blir vurdert på avslutningsmøtet, dokumentert i personalmappa og send "
                "til NAV som ein del av oppfølgingsplanen for den sjukmelde."))
    tag(doc, "{%p elif praksisbestiller.virksomhet %}")
    para(doc, s("Effekten av {{ forloep }} vurderes på avslutningsmøtet. Vurderingen sendes "
                "{{ praksisbestiller.virksomhet }} og arkiveres i saken.",
                "Effekten av {{ forloep }} blir vurdert på avslutningsmøtet. Vurderinga blir send til "
                "{{ praksisbestiller.virksomhet }} og arkivert i saka."))
    tag(doc, "{%p else %}")
    para(doc, s("Effekten av {{ forloep }} vurderes på avslutningsmøtet og arkiveres i saken.",
                "Effekten av {{ forloep }} blir vurdert på avslutningsmøtet og arkivert i saka."))
    tag(doc, "{%p endif %}")

    tag(doc, "{%p if praksisveileder.navn or praksisbestiller.virksomhet or hjemmeenhet.navn or hjemmeenhet.leder %}")
    heading(doc, s("Kontaktpersoner", "Kontaktpersonar"))
    party_table(doc, s, [
        (s("{{ 'Veileder' if tiltak in ['trainee', 'intern_arbeidstrening'] else 'Praksisveileder' }}",
           "{{ 'Rettleiar' if tiltak in ['trainee', 'intern_arbeidstrening'] else 'Praksisrettleiar' }}"),
         "praksisveileder.navn", veileder_lines(s)),
        (s("{{ 'NAV (lønnstilskudd)' if tiltak == 'trainee' else 'NAV' if tiltak in ['arbeidstrening', "
           "'aktivitetsplass'] else 'Praksisbestiller' }}",
           "{{ 'NAV (lønstilskot)' if tiltak == 'trainee' else 'NAV' if tiltak in ['arbeidstrening', "
           "'aktivitetsplass'] else 'Praksisbestillar' }}"),
         "praksisbestiller.virksomhet", bestiller_lines(s)),
        (s("Nåværende enhet", "Noverande eining"), "hjemmeenhet.navn or hjemmeenhet.leder", hjemme_lines(s))])
    tag(doc, "{%p endif %}")
    para(doc, s("Planen gjennomgås og oppdateres på hvert møte.", "Planen blir gjennomgått og oppdatert på kvart møte."),
         keep=True, after_table=True)

    signature_table(doc, s, s("Partene har gått gjennom og godkjent planen.",
                              "Partane har gått gjennom og godkjent planen."))
    return doc


def praksisbevis(s: Spraak) -> Document:
    doc = new_document(s)
    letterhead_and_footer(doc, s)
    opening(doc, None)
    labelled(doc, s("Navn", "Namn"), "praktikant.navn")
    labelled(doc, "Fødselsdato", "praktikant.foedselsdato|dato")
    labelled(doc, "Periode", "gjennomfoert_periode")
    labelled(doc, s("Timer per uke", "Timar per veke"), "timer_per_uke", "{{ timer_per_uke|tall }}")
    tag(doc, "{%p if tiltak == 'trainee' %}")
    para(doc, s("{{ praktikant.navn }} {{ ordning }} ved {{ praksisenhet.navn }} i {{ virksomhet.navn }}"
                "{% if ansettelse.stillingstittel %} i stillingen «{{ ansettelse.stillingstittel }}»{% endif %}, "
                "med individuell utviklingsplan og egen veileder.",
                "{{ praktikant.navn }} {{ ordning }} ved {{ praksisenhet.navn }} i {{ virksomhet.navn }}"
                "{% if ansettelse.stillingstittel %} i stillinga «{{ ansettelse.stillingstittel }}»{% endif %}, "
                "med individuell utviklingsplan og eigen rettleiar."))
    tag(doc, "{%p else %}")
    para(doc, "{{ praktikant.navn }} {{ ordning }} ved {{ praksisenhet.navn }} i {{ virksomhet.navn }}.")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if arbeidsoppgaver %}")
    para(doc, s("Arbeidsoppgaver i perioden:", "Arbeidsoppgåver i perioden:"), bold=True, keep=True)
    bullets(doc, "arbeidsoppgaver")
    tag(doc, "{%p else %}")
    para(doc, s("Arbeidsoppgavene i perioden fylles inn før dokumentet utstedes.",
                "Arbeidsoppgåvene i perioden skal fyllast inn før dokumentet blir utferda."))
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if vurdering %}")
    para(doc, "Vurdering:", bold=True, keep=True)
    para(doc, "{{ vurdering }}", keep=True)
    tag(doc, "{%p endif %}")
    para(doc, "For {{ virksomhet.navn }}", keep=True)
    attest_signature(doc, s)
    return doc


DOCUMENTS = {
    "praksisavtale": (praksisavtale, ("Praksisavtale", "Praksisavtale")),
    "arbeidsavtale": (arbeidsavtale, ("Arbeidsavtale – midlertidig ansettelse som trainee",
                                      "Arbeidsavtale – mellombels tilsetjing som trainee")),
    "intern_avtale": (intern_avtale, ("Avtale om intern arbeidstrening", "Avtale om intern arbeidstrening")),
    "tilretteleggingsgaranti": (tilretteleggingsgaranti, ("Avtale om tilrettelegging og oppfølging",
                                                          "Avtale om tilrettelegging og oppfølging")),
    "taushetsloefte": (taushetsloefte, ("Taushetsløfte og gjennomgang av etiske retningslinjer",
                                        "Fråsegn om teieplikt og gjennomgang av etiske retningsliner")),
    "oppfoelgingsplan": (oppfoelgingsplan, ("Oppfølgingsplan", "Oppfølgingsplan")),
    "praksisbevis": (praksisbevis, ("Praksisbevis", "Praksisbevis")),
}
"""File name → (builder, the title in the core properties in bokmål and nynorsk; the renderer sets
it per case)."""

NBSP = "\u00a0"


def bind_section_signs(doc: Document) -> None:
    """A hard space after «§» and «§§», so a line never breaks between the sign and its number
    (the jurist's review: «…etter arbeidsmiljøloven §» / «14-9 andre ledd…»)."""
    parts = [doc.part] + [p for s in doc.sections for p in (s.header.part, s.footer.part)]
    for part in parts:
        for text in part.element.iter(qn("w:t")):
            if text.text and "§ " in text.text:
                text.text = text.text.replace("§§ ", "§§" + NBSP).replace("§ ", "§" + NBSP)


def main() -> None:
    for s in (BOKMAAL, NYNORSK):
        s.out.mkdir(parents=True, exist_ok=True)
        for name, (build, title) in DOCUMENTS.items():
            write(s, name, build(s), title)


def write(s: Spraak, name: str, doc: Document, titles: tuple[str, str]) -> None:
    """Tidy and save one template: no leading empty paragraph, «§» bound to its number, the
    core properties (title, author, language) set."""
    # python-docx starts a document with one empty paragraph: drop it.
    first = doc.paragraphs[0]
    if not first.text:
        first._element.getparent().remove(first._element)
    bind_section_signs(doc)
    properties = doc.core_properties
    properties.title, properties.author, properties.last_modified_by = s(*titles), "praksis", "praksis"
    properties.comments = ""  # python-docx's «generated by python-docx»
    properties.created = properties.modified = datetime.now(timezone.utc).replace(microsecond=0)
    properties.language = s.lang
    doc.save(s.out / f"{name}.docx")
    print("Skrev", s.out / f"{name}.docx")


if __name__ == "__main__":
    main()
