"""Writes the Word templates in templates/docx/ (run: python templates/lag_maler.py).

The committed .docx files are the source HR staff edit in Word or LibreOffice; nothing
runs this script at run time. It documents how the first versions were made and can make
them again for a fresh start (it overwrites the files).

Template conventions (see docs/maler.md):
- `{{ felt }}` prints a field; `{{ startdato|dato }}` gives «5. januar 2026».
- A paragraph holding only `{%p if … %}` / `{%p endif %}` / `{%p for … %}` is removed, so
  optional lines and lists leave no empty line and no stray label.
- `{%tr for s in signaturer %}` repeats a table row per signing party (from config).
- The footer holds the document identity, «Side X av Y» and the QR code (`{{ qr }}`).
- Every style names Carlito (metric-compatible with Calibri, installed by `make setup`) and
  nb-NO, with no theme fonts, so the PDF uses the same font as Word and nothing falls back.
- The document title is «Heading 1», sections «Heading 2», subsections «Heading 3» (PDF/UA).
- Tables have a header row marked as repeating (`w:tblHeader`) and rows that cannot split;
  the text before a signature table is kept with it (keep-with-next), so a signature block is
  never split from the text it signs nor left alone on a page.
- No template prints a fødselsnummer (the renderer never passes it): the birth date instead.
- «§» and «§§» are bound to their number with a hard space (U+00A0), here and in the texts the
  renderer adds.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

OUT = Path(__file__).resolve().parent / "docx"
FONT = "Carlito"
LANG = "nb-NO"
BLUE = RGBColor(0x15, 0x49, 0x78)
GREY = RGBColor(0x55, 0x55, 0x55)


# --- building blocks -----------------------------------------------------------------


def _fonts_and_language(rpr) -> None:  # type: ignore[no-untyped-def]
    """Name the font in every script slot, drop theme fonts, and set the language to nb-NO."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        if attr.endswith("Theme") or attr.endswith("theme"):
            del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    for attr in ("w:val", "w:eastAsia"):
        lang.set(qn(attr), LANG)
    lang.set(qn("w:bidi"), "ar-SA")


def _style_everything(doc: Document) -> None:
    """docDefaults and every style: Carlito, nb-NO, no theme font (see the module docstring)."""
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault"))
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    _fonts_and_language(rpr)
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:type")) not in ("paragraph", "character", "table"):
            continue
        rpr = style.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            style.append(rpr)
        _fonts_and_language(rpr)
    for rpr in styles.iter(qn("w:rPr")):  # conditional table formatting too
        if rpr.find(qn("w:rFonts")) is not None:
            _fonts_and_language(rpr)
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
        _fonts_and_language(rpr)
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


def new_document() -> Document:
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
    _style_everything(doc)
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


def letterhead_and_footer(doc: Document) -> None:
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
    para(header, "UTKAST – ikke arkivert. Saksnummer tildeles når dokumentet arkiveres.", bold=True,
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


def opening(doc: Document, subtitle: str | None) -> None:
    """«Vår ref.», «Dato» and the screening line, then the title (Heading 1) and a subtitle."""
    ref = para(doc, "", align=WD_ALIGN_PARAGRAPH.RIGHT, size=9.5)
    ref.add_run("Vår ref.: ").bold = True
    ref.add_run("{{ dokument.var_ref }}")
    ref.paragraph_format.space_after = Pt(0)
    day = para(doc, "", align=WD_ALIGN_PARAGRAPH.RIGHT)
    day.add_run("Dato: ").bold = True
    day.add_run("{{ dokument.dato|dato }}")
    tag(doc, "{%p if dokument.skjerming %}")
    para(doc, "{{ dokument.skjerming }}", size=9.5, color=GREY, align=WD_ALIGN_PARAGRAPH.RIGHT)
    tag(doc, "{%p endif %}")
    para(doc, "{{ dokument.tittel }}", style="Heading 1")
    if subtitle:
        para(doc, subtitle, bold=True, color=GREY)


def party_table(doc: Document, rows: list[tuple[str, str, list[tuple[str, str]]]]) -> None:
    """A two-column table: the party, and its details as optional lines. A row shows only where
    its condition holds (e.g. a praksisveileder is named), so no empty row is left."""
    table = doc.add_table(rows=1, cols=2, style="Table Grid")
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header_row(table, ("Part", "Opplysninger"))
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


def signature_table(doc: Document, intro: str) -> None:
    """The last paragraph of the body (kept with the table), and one row per signing party from
    the config's signeres_av: role, printed name (or a line to print it on), job title and
    place, a field for place and date and a line to sign on. The table is kept whole."""
    heading(doc, "Underskrifter")
    para(doc, intro, keep=True)
    table = doc.add_table(rows=4, cols=3, style="Table Grid")
    header_row(table, ("Part", "Sted og dato", "Underskrift"))
    table.rows[1].cells[0].paragraphs[0].text = "{%tr for s in signaturer %}"
    cells = table.rows[2].cells
    cells[0].paragraphs[0].add_run("{{ s.rolle }}").bold = True
    tag(cells[0], "{%p if s.navn %}")
    para(cells[0], "{{ s.navn }}")
    tag(cells[0], "{%p else %}")
    para(cells[0], "Navn: ______________________")
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


def attest_signature(doc: Document) -> None:
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
    para(doc, "Navn: ______________________", keep=True)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if s.detalj %}")
    para(doc, "{{ s.detalj }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")


# --- shared content --------------------------------------------------------------------

PRAKTIKANT_LINES = [("", "praktikant.navn"), ("Fødselsdato", "praktikant.foedselsdato|dato"),
                    ("Adresse", "praktikant.adresse"), ("Telefon", "praktikant.telefon"),
                    ("E-post", "praktikant.epost")]
ENHET_LINES = [("", "praksisenhet.navn"), ("Org.nr.", "praksisenhet.organisasjonsnummer"),
               ("Adresse", "praksisenhet.adresse"), ("Leder", "praksisenhet.leder.navn"),
               ("Leders stilling", "praksisenhet.leder.stilling"),
               ("Telefon", "praksisenhet.leder.telefon"), ("E-post", "praksisenhet.leder.epost")]
VEILEDER_LINES = [("", "praksisveileder.navn"), ("Stilling", "praksisveileder.stilling"),
                  ("Telefon", "praksisveileder.telefon"), ("E-post", "praksisveileder.epost")]
BESTILLER_LINES = [("", "praksisbestiller.virksomhet"), ("Kontaktperson", "praksisbestiller.kontaktperson"),
                   ("Telefon", "praksisbestiller.telefon"), ("E-post", "praksisbestiller.epost")]
HJEMME_LINES = [("", "hjemmeenhet.navn"), ("Leder", "hjemmeenhet.leder")]
ARBEIDSGIVER_LINES = [("", "virksomhet.navn"), ("Org.nr.", "virksomhet.organisasjonsnummer"),
                      ("Adresse", "virksomhet.adresse")]


def period_lines(doc: Document) -> None:
    labelled(doc, "Periode", "periode")
    labelled(doc, "Timer per uke", "timer_per_uke", "{{ timer_per_uke|tall }}")
    labelled(doc, "Arbeidstid", "arbeidstid")


def tasks_and_goals(doc: Document, goals_label: str) -> None:
    tag(doc, "{%p if arbeidsoppgaver %}")
    para(doc, "Arbeidsoppgaver:", bold=True, keep=True)
    bullets(doc, "arbeidsoppgaver")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if yrkesmaal %}")
    labelled(doc, "Yrkesmål", "yrkesmaal")
    tag(doc, "{%p if tiltak == 'arbeidstrening' %}")
    para(doc, "Arbeidstreningen skal føre fram mot yrkesmålet. Veien dit står i aktivitetsplanen fra NAV og "
              "følges opp i oppfølgingsplanen.")
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


ABSENCE = ("{{ arbeidsgiver.fravaersmelding }}.{% if tiltak == 'spraakpraksis' %} Praksisenheten melder fravær "
           "videre til voksenopplæringen.{% elif praksisbestiller.virksomhet %} Praksisenheten melder fravær som "
           "ikke er avtalt, videre til {{ praksisbestiller.virksomhet }}.{% endif %}")


# --- the documents ---------------------------------------------------------------------


def praksisavtale() -> Document:
    doc = new_document()
    letterhead_and_footer(doc)
    opening(doc, "{{ tiltak_navn }} · {{ startdato|dato }} – {{ sluttdato|dato }}")
    para(doc, "Denne avtalen gjelder praksisplass for {{ praktikant.navn }} ved {{ praksisenhet.navn }}. "
              "Praksisen er ikke et ansettelsesforhold. Avtalen skal være underskrevet av alle parter før "
              "praksisen starter.")
    tag(doc, "{%p if tiltak == 'arbeidstrening' %}")
    para(doc, "Arbeidstreningen er et arbeidsmarkedstiltak fra NAV. NAVs egen avtale om arbeidstrening gjelder i "
              "tillegg til denne avtalen, og arbeidstreningen kan først starte når NAV har godkjent den.")
    tag(doc, "{%p elif tiltak == 'aktivitetsplass' %}")
    para(doc, "Aktivitetsplassen skal sikre at praktikanten er i aktivitet og avklare arbeidsevnen. NAV kan stille "
              "aktiviteten som vilkår for økonomisk stønad etter {{ aktivitet_hjemmel }}.")
    tag(doc, "{%p elif tiltak == 'spraakpraksis' %}")
    para(doc, "Språkpraksisen er en del av norskopplæringen og er avtalt med voksenopplæringen.")
    tag(doc, "{%p else %}")
    para(doc, "Praksisplassen er en kommunal praksisplass for deltakere i tiltak hos NAV, i "
              "introduksjonsprogrammet eller i voksenopplæringen.")
    tag(doc, "{%p endif %}")

    heading(doc, "1. Partene")
    party_table(doc, [("Praktikant", "True", PRAKTIKANT_LINES), ("Praksisenhet", "True", ENHET_LINES),
                      ("Praksisveileder", "praksisveileder.navn", VEILEDER_LINES),
                      ("Praksisbestiller", "praksisbestiller.virksomhet", BESTILLER_LINES)])
    tag(doc, "{%p if not praksisbestiller.virksomhet and tiltak != 'spraakpraksis' %}")
    para(doc, "Praksisbestilleren (NAV, introduksjonsprogrammet eller voksenopplæringen) fylles ut før avtalen "
              "signeres.", after_table=True)
    tag(doc, "{%p endif %}")

    heading(doc, "2. Periode og arbeidstid")
    period_lines(doc)
    para(doc, "Avtalen gjelder bare for denne perioden. En forlengelse krever en ny avtale.")

    heading(doc, "3. Arbeidsoppgaver og mål")
    tasks_and_goals(doc, "Mål for praksisen")
    tag(doc, "{%p if not arbeidsoppgaver and not maal %}")
    para(doc, "Arbeidsoppgaver og mål fastsettes på oppstartsmøtet og skrives inn i oppfølgingsplanen.")
    tag(doc, "{%p endif %}")

    heading(doc, "4. Oppfølging")
    tag(doc, "{%p if praksisveileder.navn %}")
    para(doc, "{{ praksisveileder.navn }} er praksisveileder og følger opp praktikanten i det daglige.")
    tag(doc, "{%p else %}")
    para(doc, "Lederen ved praksisenheten utpeker en praksisveileder som følger opp praktikanten i det daglige.")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if praksisbestiller.virksomhet %}")
    para(doc, "{{ praksisbestiller.virksomhet }} følger opp tiltaket og deltar i oppstartsmøtet, "
              "midtveisevalueringen og avslutningsmøtet.")
    tag(doc, "{%p endif %}")
    para(doc, "Møtene, målene og hvem som har ansvar for hva, står i oppfølgingsplanen.")

    heading(doc, "5. Vilkår")
    para(doc, "Praksisen er ikke et arbeidsforhold, og {{ virksomhet.navn }} betaler ikke lønn for den. "
              "Praktikanten beholder eventuelle ytelser fra NAV eller andre etter reglene for dem.", style="List Bullet")
    tag(doc, "{%p if tiltak == 'arbeidstrening' %}")
    para(doc, "Arbeidstrening gir ikke tilskudd i seg selv, men NAV kan vurdere mentortilskudd eller "
              "inkluderingstilskudd ved ekstra utgifter.", style="List Bullet")
    tag(doc, "{%p else %}")
    para(doc, "Praksisenheten får ikke tilskudd for denne plassen.", style="List Bullet")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if tiltak in ['arbeidstrening', 'aktivitetsplass'] %}")
    para(doc, "NAV gir tilretteleggingsgaranti. Den står i en egen avtale om tilrettelegging og oppfølging.",
         style="List Bullet")
    tag(doc, "{%p endif %}")
    para(doc, "Arbeidsmiljølovens regler om helse, miljø og sikkerhet, arbeidstid, vern mot diskriminering og "
              "varsling gjelder for praktikanten som for arbeidstakere (arbeidsmiljøloven § 1-6 og forskrift om "
              "arbeidsmiljølovens anvendelse for personer som ikke er arbeidstakere § 5).", style="List Bullet")
    para(doc, "Praktikanten skal ikke erstatte ordinært ansatte eller dekke grunnbemanningen.", style="List Bullet")
    para(doc, "Praktikanten er dekket av {{ virksomhet.navn }}s yrkesskadeforsikring (yrkesskadeforsikringsloven) "
              "uten at det trengs egen innmelding. En skade meldes på samme måte som for arbeidstakere.",
         style="List Bullet")
    para(doc, "{{ virksomhet.navn }} svarer som arbeidsgiver for skade som praktikanten volder forsettlig eller "
              "uaktsomt under praksisen (skadeserstatningsloven § 2-1).", style="List Bullet")
    para(doc, ABSENCE, style="List Bullet")
    tag(doc, "{%p if kravtekst %}")
    para(doc, "Praksisplassen krever {{ kravtekst }}. Dokumentasjonen skal vises fram for praksisenheten før "
              "praksisen starter. Kommunen registrerer bare datoen den ble vist fram, og selve dokumentasjonen "
              "blir ikke arkivert.", style="List Bullet")
    tag(doc, "{%p endif %}")
    para(doc, "Praktikanten har taushetsplikt. Første dag i praksis går praksisveilederen gjennom taushetsløftet "
              "og de etiske retningslinjene med praktikanten, og begge signerer.", style="List Bullet")
    para(doc, "{{ virksomhet.navn }} har ingen plikt til å ansette praktikanten etter praksisperioden.",
         style="List Bullet")
    para(doc, "Hver av partene kan avslutte praksisen før avtalt tid hvis forutsetningene ikke lenger er til "
              "stede, og skal da varsle de andre partene. Sluttdatoen endres til den dagen praksisen faktisk "
              "sluttet.", style="List Bullet", keep=True)

    signature_table(doc, "Avtalen er lest og godkjent av partene.")
    return doc


def arbeidsavtale() -> Document:
    doc = new_document()
    letterhead_and_footer(doc)
    opening(doc, "{{ ansettelse.stillingstittel or 'Trainee' }} · {{ startdato|dato }} – {{ sluttdato|dato }}")
    para(doc, "{{ praktikant.navn }} ansettes midlertidig som trainee i {{ virksomhet.navn }}. Avtalen er den "
              "skriftlige arbeidsavtalen etter arbeidsmiljøloven § 14-6.")

    heading(doc, "1. Partene")
    party_table(doc, [("Arbeidsgiver", "True", ARBEIDSGIVER_LINES), ("Arbeidstaker", "True", PRAKTIKANT_LINES)])

    heading(doc, "2. Arbeidssted og stilling")
    labelled(doc, "Arbeidssted", "praksisenhet.navn",
             "{{ praksisenhet.navn }}{% if praksisenhet.adresse %}, {{ praksisenhet.adresse }}{% endif %}")
    labelled(doc, "Stillingstittel", "ansettelse.stillingstittel")
    labelled(doc, "Stillingsprosent", "ansettelse.stillingsprosent", "{{ ansettelse.stillingsprosent|tall }} %")
    labelled(doc, "Nærmeste leder", "praksisenhet.leder.navn",
             "{{ praksisenhet.leder.navn }}{% if praksisenhet.leder.stilling %}, "
             "{{ praksisenhet.leder.stilling }}{% endif %}")
    tag(doc, "{%p if arbeidsoppgaver %}")
    para(doc, "Arbeidsoppgaver:", bold=True, keep=True)
    bullets(doc, "arbeidsoppgaver")
    tag(doc, "{%p endif %}")

    heading(doc, "3. Varighet og grunnlag for midlertidig ansettelse")
    para(doc, "Ansettelsen gjelder fra {{ startdato|dato }} til {{ sluttdato|dato }}. Den er midlertidig etter "
              "arbeidsmiljøloven § 14-9 andre ledd bokstav d, fordi traineen deltar i et arbeidsmarkedstiltak i "
              "samarbeid med NAV.")
    para(doc, "Ansettelsen opphører ved periodens slutt. Har traineen vært ansatt i mer enn ett år, skal "
              "arbeidsgiveren gi skriftlig varsel om fratreden senest én måned før.")
    tag(doc, "{%p if proevetid %}")
    para(doc, "Prøvetiden er {{ 'den første måneden' if proevetid.maaneder == 1 else 'de første ' ~ "
              "proevetid.maaneder ~ ' månedene' }}, til og med {{ proevetid.til|dato }} (arbeidsmiljøloven § 15-6). "
              "I prøvetiden er den gjensidige oppsigelsesfristen 14 dager (arbeidsmiljøloven § 15-3 sjuende ledd).")
    tag(doc, "{%p else %}")
    para(doc, "Det gjelder ingen prøvetid.")
    tag(doc, "{%p endif %}")

    heading(doc, "4. Arbeidstid")
    tag(doc, "{%p if timer_per_uke and arbeidstid %}")
    para(doc, "Den ordinære arbeidstiden er {{ timer_per_uke|timer }}. Daglig arbeidstid: {{ arbeidstid }}.")
    tag(doc, "{%p elif timer_per_uke %}")
    para(doc, "Den ordinære arbeidstiden er {{ timer_per_uke|timer }}. Den daglige arbeidstiden står i "
              "arbeidsplanen ved {{ praksisenhet.navn }}.")
    tag(doc, "{%p else %}")
    para(doc, "Arbeidstiden følger arbeidsplanen ved {{ praksisenhet.navn }}.")
    tag(doc, "{%p endif %}")
    para(doc, "{{ arbeidsgiver.pauser }} (arbeidsmiljøloven § 10-9).")
    para(doc, "Overtid kan bare pålegges når det er et særlig og tidsavgrenset behov, og innenfor grensene i "
              "arbeidsmiljøloven § 10-6. Overtid betales etter {{ arbeidsgiver.tariffavtale }}.")
    para(doc, "Arbeidstiden følger ellers arbeidsmiljøloven kapittel 10 og {{ arbeidsgiver.tariffavtale }}.")

    heading(doc, "5. Lønn, ferie og pensjon")
    tag(doc, "{%p if ansettelse.loenn %}")
    para(doc, "Lønnen er {{ ansettelse.loenn }}, etter {{ arbeidsgiver.tariffavtale }}.")
    tag(doc, "{%p else %}")
    para(doc, "Lønnen fastsettes etter {{ arbeidsgiver.tariffavtale }}.")
    tag(doc, "{%p endif %}")
    para(doc, "Lønnen utbetales {{ arbeidsgiver.loennsdag }}. Tillegg for ubekvem arbeidstid betales etter "
              "tariffavtalen.")
    para(doc, "Traineen har {{ arbeidsgiver.ferie }}. Feriepengene er {{ arbeidsgiver.feriepenger }} og utbetales "
              "etter ferieloven § 11. Når ansettelsen slutter, utbetales opptjente feriepenger siste vanlige "
              "lønningsdag før fratreden (ferieloven § 11 nr. 3).")
    para(doc, "Traineen meldes inn i pensjonsordningen i {{ arbeidsgiver.pensjon }}.")

    heading(doc, "6. Oppsigelse")
    para(doc, "Hver av partene kan si opp ansettelsen før sluttdatoen etter reglene i arbeidsmiljøloven "
              "kapittel 15. Etter prøvetiden er oppsigelsesfristen én måned (arbeidsmiljøloven § 15-3). "
              "Arbeidsgiverens oppsigelse må være saklig begrunnet.")
    para(doc, "Oppsigelsen skal være skriftlig. Arbeidsgiverens oppsigelse leveres personlig eller sendes i "
              "rekommandert brev (arbeidsmiljøloven § 15-4). Vil traineen påstå at oppsigelsen er ugyldig, kan "
              "traineen kreve forhandlinger og reise søksmål innen fristene i arbeidsmiljøloven §§ 17-3 og 17-4: "
              "søksmål innen åtte uker, eller seks måneder hvis traineen bare krever erstatning.")

    heading(doc, "7. Lønnstilskudd, utviklingsplan og veiledning")
    para(doc, "{{ virksomhet.navn }} {{ 'har søkt NAV om' if status in ['Ny', 'Statusmøte avtalt'] else 'får' }} "
              "lønnstilskudd {{ '' if status in ['Ny', 'Statusmøte avtalt'] else 'fra NAV ' }}for stillingen. "
              "Tilskuddet følger av en egen avtale mellom kommunen og NAV og endrer ikke traineens lønn eller "
              "andre vilkår.")
    para(doc, "Traineen har rett til opplæring og kompetanseutvikling. Den individuelle utviklingsplanen er "
              "traineens plan for dette. Den lages ved oppstart og følges opp underveis.")
    tag(doc, "{%p if praksisveileder.navn %}")
    para(doc, "{{ praksisveileder.navn }} er veileder og setter av om lag 10–20 % av arbeidstiden sin til "
              "veiledning av traineen.")
    tag(doc, "{%p else %}")
    para(doc, "Traineen får en veileder som setter av om lag 10–20 % av arbeidstiden sin til veiledning.")
    tag(doc, "{%p endif %}")

    heading(doc, "8. Andre vilkår")
    para(doc, "Traineen har taushetsplikt etter forvaltningsloven § 13 og signerer taushetsløfte første arbeidsdag.",
         style="List Bullet")
    tag(doc, "{%p if kravtekst %}")
    para(doc, "Stillingen krever {{ kravtekst }}. Dokumentasjonen skal vises fram før tiltredelse. Kommunen "
              "registrerer bare datoen den ble vist fram, og selve dokumentasjonen blir ikke arkivert.",
         style="List Bullet")
    tag(doc, "{%p endif %}")
    para(doc, "Fravær meldes til nærmeste leder samme dag, før arbeidstid. Egenmelding og sykmelding følger "
              "folketrygdloven og arbeidsgiverens rutiner.", style="List Bullet")
    para(doc, "Traineen er dekket av arbeidsgiverens yrkesskadeforsikring som andre arbeidstakere.",
         style="List Bullet", keep=True)

    signature_table(doc, "Avtalen er lest og godkjent av begge parter. Hver part får ett eksemplar.")
    return doc


def intern_avtale() -> Document:
    doc = new_document()
    letterhead_and_footer(doc)
    opening(doc, "{{ tiltak_navn }} · {{ startdato|dato }} – {{ sluttdato|dato }}")
    para(doc, "{{ praktikant.navn }} er ansatt i {{ virksomhet.navn }}{% if hjemmeenhet.navn %} ved "
              "{{ hjemmeenhet.navn }}{% endif %} og skal prøve ut arbeidsevnen sin ved {{ praksisenhet.navn }} "
              "etter sykefravær. Avtalen inngås mellom arbeidstakeren, nåværende leder og lederen ved den "
              "mottakende enheten.")

    heading(doc, "1. Partene")
    party_table(doc, [("Arbeidstaker", "True", [("", "praktikant.navn"),
                                                 ("Fødselsdato", "praktikant.foedselsdato|dato"),
                                                 ("Telefon", "praktikant.telefon"), ("E-post", "praktikant.epost")]),
                      ("Nåværende enhet", "hjemmeenhet.navn or hjemmeenhet.leder", HJEMME_LINES),
                      ("Mottakende enhet", "True", ENHET_LINES),
                      ("Veileder", "praksisveileder.navn", VEILEDER_LINES)])

    heading(doc, "2. Periode og arbeidstid")
    period_lines(doc)

    heading(doc, "3. Arbeidsoppgaver og mål")
    tasks_and_goals(doc, "Mål for arbeidstreningen")
    tag(doc, "{%p if not arbeidsoppgaver and not maal %}")
    para(doc, "Arbeidsoppgaver og mål fastsettes på oppstartsmøtet og skrives inn i oppfølgingsplanen.")
    tag(doc, "{%p endif %}")

    heading(doc, "4. Ansettelsesforholdet")
    para(doc, "Arbeidstreningen endrer ikke ansettelsesforholdet. Arbeidstakeren beholder stillingen, lønnen og "
              "de andre vilkårene sine{% if hjemmeenhet.navn %} ved {{ hjemmeenhet.navn }}{% endif %}.",
         style="List Bullet")
    para(doc, "Arbeidstreningen er et tiltak i oppfølgingsplanen for den sykmeldte (arbeidsmiljøloven § 4-6) og "
              "følges opp i den.", style="List Bullet")
    para(doc, "Taushetsplikten og de etiske retningslinjene arbeidstakeren har fra før, gjelder også ved den "
              "mottakende enheten.", style="List Bullet")
    para(doc, "Fravær meldes til nåværende leder som ellers, og samme dag til veilederen ved den mottakende "
              "enheten.", style="List Bullet")
    para(doc, "Arbeidstakeren er dekket av arbeidsgiverens yrkesskadeforsikring som ellers.", style="List Bullet")

    heading(doc, "5. Oppfølging og evaluering")
    tag(doc, "{%p if midtveisevaluering %}")
    para(doc, "Midtveisevalueringen holdes {{ midtveisevaluering|dato }}. Der gjennomgår partene målene og om "
              "arbeidstreningen skal fortsette som planlagt.")
    tag(doc, "{%p else %}")
    para(doc, "Partene holder en midtveisevaluering av målene. Datoen avtales på oppstartsmøtet.")
    tag(doc, "{%p endif %}")
    para(doc, "Ved avslutningen vurderer partene effekten av arbeidstreningen. Vurderingen dokumenteres i "
              "arbeidstakerens personalmappe og sendes NAV som en del av oppfølgingsplanen for den sykmeldte.")
    para(doc, "Hver av partene kan avslutte arbeidstreningen før avtalt tid ved å varsle de andre. Arbeidstakeren "
              "går da tilbake til oppgavene sine etter avtale med nåværende leder.", keep=True)

    signature_table(doc, "Avtalen er lest og godkjent av partene.")
    return doc


def tilretteleggingsgaranti() -> Document:
    doc = new_document()
    letterhead_and_footer(doc)
    opening(doc, "{{ tiltak_navn }} · {{ praktikant.navn }} · {{ praksisenhet.navn }}")
    para(doc, "Avtalen gjelder {{ tiltak_navn|lower }} for {{ praktikant.navn }} ved {{ praksisenhet.navn }} fra "
              "{{ startdato|dato }} til {{ sluttdato|dato }}. Den inngås mellom praksisenheten, praktikanten og NAV "
              "og gjelder sammen med avtalen om selve tiltaket.")

    heading(doc, "1. Partene")
    party_table(doc, [("Praksisenhet", "True", ENHET_LINES), ("Praktikant", "True", PRAKTIKANT_LINES),
                      ("NAV", "praksisbestiller.virksomhet", BESTILLER_LINES)])

    heading(doc, "2. Dette gjør NAV")
    tag(doc, "{%p if praksisbestiller.kontaktperson %}")
    para(doc, "{{ praksisbestiller.kontaktperson }} er fast kontaktperson i NAV for praktikanten og "
              "praksisenheten.", style="List Bullet")
    tag(doc, "{%p else %}")
    para(doc, "NAV gir praktikanten og praksisenheten en fast kontaktperson.", style="List Bullet")
    tag(doc, "{%p endif %}")
    para(doc, "NAV deltar i oppstartsmøtet, midtveisevalueringen og avslutningsmøtet, og ellers når en av "
              "partene ber om det.", style="List Bullet")
    para(doc, "NAV gir råd om tilrettelegging. Praksisenheten og praktikanten kan kontakte NAV direkte når det "
              "trengs, uten å vente på neste møte.", style="List Bullet")
    tag(doc, "{%p if tiltak == 'arbeidstrening' %}")
    para(doc, "NAV kan vurdere mentortilskudd eller inkluderingstilskudd hvis tilretteleggingen gir ekstra "
              "utgifter.", style="List Bullet")
    tag(doc, "{%p endif %}")

    heading(doc, "3. Dette gjør praksisenheten")
    tag(doc, "{%p if praksisveileder.navn %}")
    para(doc, "Praksisenheten tilrettelegger arbeidet, og praksisveileder {{ praksisveileder.navn }} følger opp "
              "praktikanten i det daglige.", style="List Bullet")
    tag(doc, "{%p else %}")
    para(doc, "Praksisenheten tilrettelegger arbeidet og utpeker en praksisveileder som følger opp praktikanten "
              "i det daglige.", style="List Bullet")
    tag(doc, "{%p endif %}")
    para(doc, "Praksisenheten sier fra til NAV straks det oppstår problemer, og melder fravær som ikke er avtalt.",
         style="List Bullet")

    heading(doc, "4. Dette gjør praktikanten")
    para(doc, "Praktikanten møter som avtalt, melder fravær etter rutinen i avtalen om tiltaket og tar opp behov "
              "for tilrettelegging med praksisveilederen eller NAV.", style="List Bullet")

    heading(doc, "5. Tilrettelegging")
    tag(doc, "{%p if tilrettelegging %}")
    para(doc, "{{ tilrettelegging }}", keep=True)
    tag(doc, "{%p else %}")
    para(doc, "Det er ikke avtalt særskilt tilrettelegging ved oppstart. Behov som oppstår, tas opp med "
              "praksisveilederen og NAV.", keep=True)
    tag(doc, "{%p endif %}")

    signature_table(doc, "Avtalen er lest og godkjent av partene.")
    return doc


def taushetsloefte() -> Document:
    doc = new_document()
    letterhead_and_footer(doc)
    opening(doc, "{{ praktikant.navn }} · {{ praksisenhet.navn }} · fra {{ startdato|dato }}")

    heading(doc, "Taushetsløfte")
    para(doc, "Jeg, {{ praktikant.navn }}, er {{ 'trainee' if tiltak == 'trainee' else 'praktikant' }} ved "
              "{{ praksisenhet.navn }} i {{ virksomhet.navn }}. Jeg er kjent med at jeg har taushetsplikt etter "
              "{{ sektorlov.taushet }}.")
    para(doc, "Taushetsplikten gjelder det jeg får vite om noens personlige forhold, for eksempel helse, "
              "familieforhold og økonomi, og om drifts- eller forretningsforhold som det har konkurransemessig "
              "betydning å holde hemmelig (forvaltningsloven § 13 første ledd nr. 1 og 2).")
    para(doc, "Jeg lover å:", bold=True, keep=True)
    for line in (
        "bevare taushet om slike opplysninger og hindre at andre får tilgang til dem,",
        "ikke bruke opplysningene til min egen eller andres fordel,",
        "ikke omtale brukere, pasienter, elever eller kolleger på sosiale medier,",
        "si fra til {{ veileder }} hvis jeg er usikker på hva jeg kan si eller gjøre.",
    ):
        para(doc, line, style="List Bullet")
    para(doc, "Jeg er kjent med at taushetsplikten gjelder også etter at "
              "{{ 'ansettelsen' if tiltak == 'trainee' else 'praksisen' }} er slutt. Brudd på taushetsplikten "
              "kan straffes med bot eller fengsel inntil ett år, eller inntil tre år hvis bruddet er grovt "
              "(straffeloven §§ 209 og 210), og {{ 'kan få følger for arbeidsforholdet' if tiltak == 'trainee' "
              "else 'kan føre til at praksisen avsluttes' }}.")
    heading(doc, "Når jeg skal si fra", level=3)
    para(doc, "Taushetsplikten hindrer meg ikke i å gi opplysninger til barnevernstjenesten når loven pålegger "
              "det{% if sektorlov.opplysningsplikt %} ({{ sektorlov.opplysningsplikt }}){% endif %}. Er jeg "
              "bekymret for et barn, sier jeg fra til {{ veileder }} eller lederen samme dag.")
    para(doc, "Jeg er også kjent med avvergeplikten i straffeloven § 196: jeg skal varsle politiet eller på "
              "annen måte forsøke å avverge visse alvorlige straffbare handlinger, uten hinder av taushetsplikten.")

    heading(doc, "Gjennomgang av etiske retningslinjer")
    para(doc, "Første dag gikk {{ veileder }} gjennom de etiske retningslinjene til {{ virksomhet.navn }} med "
              "meg. Vi krysset av for hvert tema vi gikk gjennom:", keep=True)
    table = doc.add_table(rows=1, cols=2, style="Table Grid")
    header_row(table, ("Tema", "Gjennomgått"))
    for topic in ("Respekt og likeverd i møte med brukere og kolleger", "Taushetsplikt og personvern",
                  "Lojalitet, habilitet og bierverv", "Gaver og andre fordeler",
                  "Bruk av sosiale medier og bilder", "Varsling av kritikkverdige forhold",
                  "Rusmidler og sikkerhet på arbeidsplassen"):
        cells = table.add_row().cells
        cells[0].text = topic
    widths(table, [126, 40])
    keep_rows_whole(table)

    signature_table(doc, "Jeg har lest taushetsløftet og gått gjennom de etiske retningslinjene, og jeg forplikter "
                         "meg til å følge dem. {{ Veileder }} bekrefter gjennomgangen med sin underskrift.")
    return doc


def oppfoelgingsplan() -> Document:
    doc = new_document()
    letterhead_and_footer(doc)
    opening(doc, "{{ tiltak_navn }} · {{ praktikant.navn }} · {{ praksisenhet.navn }}")

    heading(doc, "Periode")
    labelled(doc, "Startdato", "startdato|dato")
    labelled(doc, "Sluttdato", "sluttdato|dato")
    tag(doc, "{%p if avsluttet_tidlig %}")
    para(doc, "{{ Forloep }} ble avsluttet {{ faktisk_sluttdato|dato }}, før avtalt sluttdato.")
    tag(doc, "{%p endif %}")
    labelled(doc, "Timer per uke", "timer_per_uke", "{{ timer_per_uke|tall }}")
    labelled(doc, "Arbeidstid", "arbeidstid")

    heading(doc, "Mål")
    labelled(doc, "Yrkesmål", "yrkesmaal")
    tag(doc, "{%p if maal %}")
    para(doc, "Status for hvert mål skrives inn på midtveisevalueringen og avslutningsmøtet.", keep=True)
    table = doc.add_table(rows=4, cols=3, style="Table Grid")
    header_row(table, ("Mål", "Status ved midtveisevaluering", "Status ved avslutning"))
    table.rows[1].cells[0].paragraphs[0].text = "{%tr for m in maal %}"
    table.rows[2].cells[0].paragraphs[0].text = "{{ m }}"
    table.rows[3].cells[0].paragraphs[0].text = "{%tr endfor %}"
    widths(table, [70, 48, 48])
    keep_rows_whole(table)
    tag(doc, "{%p else %}")
    para(doc, "Målene fastsettes på oppstartsmøtet.")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if arbeidsoppgaver %}")
    para(doc, "Arbeidsoppgaver:", bold=True, keep=True, after_table=True)
    bullets(doc, "arbeidsoppgaver")
    tag(doc, "{%p endif %}")

    heading(doc, "Tiltak, ansvar og frister")
    table = doc.add_table(rows=4, cols=3, style="Table Grid")
    header_row(table, ("Tiltak", "Ansvarlig", "Frist"))
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
    para(doc, "{{ tilrettelegging }} Ansvarlig: {{ praksisveileder.navn or praksisenhet.leder.navn or "
              "'lederen ved praksisenheten' }}, fra {{ startdato|dato }}.")
    tag(doc, "{%p else %}")
    para(doc, "Det er ikke avtalt særskilt tilrettelegging. Behov som oppstår, tas opp med {{ veileder }}.",
         after_table=True)
    tag(doc, "{%p endif %}")

    heading(doc, "Fravær")
    tag(doc, "{%p if tiltak == 'intern_arbeidstrening' %}")
    para(doc, "Fravær meldes til nåværende leder som ellers, og samme dag til veilederen ved den mottakende enheten.")
    tag(doc, "{%p elif tiltak == 'trainee' %}")
    para(doc, "Fravær meldes til nærmeste leder samme dag, før arbeidstid. Egenmelding og sykmelding følger "
              "folketrygdloven og arbeidsgiverens rutiner.")
    tag(doc, "{%p else %}")
    para(doc, ABSENCE)
    tag(doc, "{%p endif %}")

    heading(doc, "Dokumentasjon")
    tag(doc, "{%p if tiltak == 'intern_arbeidstrening' %}")
    para(doc, "Effekten av arbeidstreningen vurderes på avslutningsmøtet, dokumenteres i personalmappen og sendes "
              "NAV som en del av oppfølgingsplanen for den sykmeldte.")
    tag(doc, "{%p elif praksisbestiller.virksomhet %}")
    para(doc, "Effekten av {{ forloep }} vurderes på avslutningsmøtet. Vurderingen sendes "
              "{{ praksisbestiller.virksomhet }} og arkiveres i saken.")
    tag(doc, "{%p else %}")
    para(doc, "Effekten av {{ forloep }} vurderes på avslutningsmøtet og arkiveres i saken.")
    tag(doc, "{%p endif %}")

    tag(doc, "{%p if praksisveileder.navn or praksisbestiller.virksomhet or hjemmeenhet.navn or hjemmeenhet.leder %}")
    heading(doc, "Kontaktpersoner")
    party_table(doc, [("{{ 'Veileder' if tiltak in ['trainee', 'intern_arbeidstrening'] else 'Praksisveileder' }}",
                       "praksisveileder.navn", VEILEDER_LINES),
                      ("{{ 'NAV (lønnstilskudd)' if tiltak == 'trainee' else 'NAV' if tiltak in ['arbeidstrening', 'aktivitetsplass'] "
                       "else 'Praksisbestiller' }}",
                       "praksisbestiller.virksomhet", BESTILLER_LINES),
                      ("Nåværende enhet", "hjemmeenhet.navn or hjemmeenhet.leder", HJEMME_LINES)])
    tag(doc, "{%p endif %}")
    para(doc, "Planen gjennomgås og oppdateres på hvert møte.", keep=True, after_table=True)

    signature_table(doc, "Partene har gått gjennom og godkjent planen.")
    return doc


def praksisbevis() -> Document:
    doc = new_document()
    letterhead_and_footer(doc)
    opening(doc, None)
    labelled(doc, "Navn", "praktikant.navn")
    labelled(doc, "Fødselsdato", "praktikant.foedselsdato|dato")
    labelled(doc, "Periode", "gjennomfoert_periode")
    labelled(doc, "Timer per uke", "timer_per_uke", "{{ timer_per_uke|tall }}")
    tag(doc, "{%p if tiltak == 'trainee' %}")
    para(doc, "{{ praktikant.navn }} {{ ordning }} ved {{ praksisenhet.navn }} i {{ virksomhet.navn }}"
              "{% if ansettelse.stillingstittel %} i stillingen «{{ ansettelse.stillingstittel }}»{% endif %}, "
              "med individuell utviklingsplan og egen veileder.")
    tag(doc, "{%p else %}")
    para(doc, "{{ praktikant.navn }} {{ ordning }} ved {{ praksisenhet.navn }} i {{ virksomhet.navn }}.")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if arbeidsoppgaver %}")
    para(doc, "Arbeidsoppgaver i perioden:", bold=True, keep=True)
    bullets(doc, "arbeidsoppgaver")
    tag(doc, "{%p else %}")
    para(doc, "Arbeidsoppgavene i perioden fylles inn før dokumentet utstedes.")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if vurdering %}")
    para(doc, "Vurdering:", bold=True, keep=True)
    para(doc, "{{ vurdering }}", keep=True)
    tag(doc, "{%p endif %}")
    para(doc, "For {{ virksomhet.navn }}", keep=True)
    attest_signature(doc)
    return doc


DOCUMENTS = {
    "praksisavtale": (praksisavtale, "Praksisavtale"),
    "arbeidsavtale": (arbeidsavtale, "Arbeidsavtale – midlertidig ansettelse som trainee"),
    "intern_avtale": (intern_avtale, "Avtale om intern arbeidstrening"),
    "tilretteleggingsgaranti": (tilretteleggingsgaranti, "Avtale om tilrettelegging og oppfølging"),
    "taushetsloefte": (taushetsloefte, "Taushetsløfte og gjennomgang av etiske retningslinjer"),
    "oppfoelgingsplan": (oppfoelgingsplan, "Oppfølgingsplan"),
    "praksisbevis": (praksisbevis, "Praksisbevis"),
}
"""File name → (builder, the title in the core properties; the renderer may set it per case)."""


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
    OUT.mkdir(parents=True, exist_ok=True)
    for name, (build, title) in DOCUMENTS.items():
        doc = build()
        # python-docx starts a document with one empty paragraph: drop it.
        first = doc.paragraphs[0]
        if not first.text:
            first._element.getparent().remove(first._element)
        bind_section_signs(doc)
        properties = doc.core_properties
        properties.title, properties.author, properties.last_modified_by = title, "praksis", "praksis"
        properties.comments = ""  # python-docx's «generated by python-docx»
        properties.created = properties.modified = datetime.now(timezone.utc).replace(microsecond=0)
        properties.language = LANG
        doc.save(OUT / f"{name}.docx")
        print("Skrev", OUT / f"{name}.docx")


if __name__ == "__main__":
    main()
