"""Writes the four Word templates in templates/docx/ (run: python templates/lag_maler.py).

The committed .docx files are the source HR staff edit in Word or LibreOffice; nothing
runs this script at run time. It documents how the first versions were made and can make
them again for a fresh start (it overwrites the files).

Template conventions (see docs/maler.md):
- `{{ felt }}` prints a field; `{{ startdato|dato }}` gives «5. januar 2026».
- A paragraph holding only `{%p if … %}` / `{%p endif %}` / `{%p for … %}` is removed, so
  optional lines and lists leave no empty line and no stray label.
- `{%tr for s in signaturer %}` repeats a table row per signing party (from config).
- The footer holds the document identity, «Side X av Y» and the QR code (`{{ qr }}`).
"""

from __future__ import annotations

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
FONT = "Liberation Sans"
BLUE = RGBColor(0x15, 0x49, 0x78)
GREY = RGBColor(0x55, 0x55, 0x55)


# --- building blocks -----------------------------------------------------------------


def _font(element_style, size: float | None = None, bold: bool | None = None, color: RGBColor | None = None) -> None:
    font = element_style.font
    font.name = FONT
    rpr = element_style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    if size:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    if color is not None:
        font.color.rgb = color


def new_document() -> Document:
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(22)
    section.top_margin, section.bottom_margin = Mm(18), Mm(18)
    section.header_distance, section.footer_distance = Mm(8), Mm(8)
    _font(doc.styles["Normal"], 10.5)
    doc.styles["Normal"].paragraph_format.space_after = Pt(4)
    for name, size in (("Title", 20), ("Heading 1", 13), ("Heading 2", 11)):
        _font(doc.styles[name], size, bold=True, color=BLUE)
        doc.styles[name].paragraph_format.space_before = Pt(10)
        doc.styles[name].paragraph_format.space_after = Pt(4)
    doc.styles["Title"].paragraph_format.space_before = Pt(0)
    _font(doc.styles["List Bullet"], 10.5)
    _font(doc.styles["Table Grid"], 10)
    return doc


def para(container, text: str = "", style: str | None = None, bold: bool = False, size: float | None = None,
         color: RGBColor | None = None, align=None) -> Paragraph:
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
    return paragraph


def labelled(container, label: str, expression: str) -> None:
    """«Label: value», the label bold; the whole line only where the value is given."""
    para(container, f"{{%p if {expression} %}}")
    paragraph = container.add_paragraph()
    paragraph.add_run(f"{label}: ").bold = True
    paragraph.add_run(f"{{{{ {expression} }}}}")
    para(container, "{%p endif %}")


def bullets(container, expression: str, empty_text: str | None = None) -> None:
    para(container, f"{{%p for punkt in {expression} %}}")
    para(container, "{{ punkt }}", style="List Bullet")
    para(container, "{%p endfor %}")
    if empty_text:
        para(container, f"{{%p if not {expression} %}}")
        para(container, empty_text)
        para(container, "{%p endif %}")


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
    para(header, "{%p if dokument.utkast %}")
    para(header, "UTKAST – ikke arkivert. Saksnummer tildeles når dokumentet arkiveres.", bold=True,
         size=9, color=RGBColor(0xB0, 0x00, 0x20), align=WD_ALIGN_PARAGRAPH.CENTER)
    para(header, "{%p endif %}")
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


def title(doc: Document, text: str) -> None:
    para(doc, text, style="Title")


def party_table(doc: Document, rows: list[tuple[str, list[tuple[str, str]]]]) -> None:
    """A two-column table: the party, and its details as optional lines."""
    table = doc.add_table(rows=0, cols=2, style="Table Grid")
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for heading, lines in rows:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(heading).bold = True
        first = True
        for label, expression in lines:
            target = cells[1]
            if first:
                target.paragraphs[0].text = f"{{%p if {expression} %}}"
                first = False
            else:
                para(target, f"{{%p if {expression} %}}")
            paragraph = target.add_paragraph()
            if label:
                paragraph.add_run(f"{label}: ").bold = True
            paragraph.add_run(f"{{{{ {expression} }}}}")
            para(target, "{%p endif %}")
    widths(table, [42, 124])
    keep_rows_whole(table)


def signature_table(doc: Document, place_date_text: str = "Sted og dato") -> None:
    """One row per signing party, repeated with {%tr for %} from the config's signeres_av."""
    table = doc.add_table(rows=4, cols=3, style="Table Grid")
    heads = table.rows[0].cells
    for cell, text in zip(heads, ("Part", place_date_text, "Signatur")):
        cell.paragraphs[0].add_run(text).bold = True
    table.rows[1].cells[0].paragraphs[0].text = "{%tr for s in signaturer %}"
    row = table.rows[2].cells
    row[0].paragraphs[0].add_run("{{ s.rolle }}").bold = True
    para(row[0], "{{ s.navn }}")
    row[1].paragraphs[0].text = ""
    row[2].paragraphs[0].text = ""
    para(row[2], "")
    para(row[2], "")
    table.rows[3].cells[0].paragraphs[0].text = "{%tr endfor %}"
    widths(table, [56, 45, 65])
    keep_rows_whole(table)


# --- the documents ---------------------------------------------------------------------

PRAKTIKANT_LINES = [("", "praktikant.navn"), ("Fødselsnummer", "praktikant.foedselsnummer"),
                    ("Adresse", "praktikant.adresse"), ("Telefon", "praktikant.telefon"),
                    ("E-post", "praktikant.epost")]
ENHET_LINES = [("", "praksisenhet.navn"), ("Org.nr.", "praksisenhet.organisasjonsnummer"),
               ("Adresse", "praksisenhet.adresse"), ("Leder", "praksisenhet.leder.navn"),
               ("Telefon", "praksisenhet.leder.telefon"), ("E-post", "praksisenhet.leder.epost")]
VEILEDER_LINES = [("", "praksisveileder.navn"), ("Stilling", "praksisveileder.stilling"),
                  ("Telefon", "praksisveileder.telefon"), ("E-post", "praksisveileder.epost")]
BESTILLER_LINES = [("", "praksisbestiller.virksomhet"), ("Kontaktperson", "praksisbestiller.kontaktperson"),
                   ("Telefon", "praksisbestiller.telefon"), ("E-post", "praksisbestiller.epost")]


def praksisavtale() -> Document:
    doc = new_document()
    letterhead_and_footer(doc)
    title(doc, "{{ dokument.tittel }}")
    para(doc, "{{ tiltak_navn }} · {{ startdato|dato }} – {{ sluttdato|dato }}", bold=True, color=GREY)
    para(doc, "Denne avtalen gjelder praksisplass for {{ praktikant.navn }} ved {{ praksisenhet.navn }}. "
              "Avtalen skal være underskrevet av alle parter før praksisen starter.")

    para(doc, "1. Partene", style="Heading 1")
    party_table(doc, [("Praktikant", PRAKTIKANT_LINES), ("Praksisenhet", ENHET_LINES),
                      ("Praksisveileder", VEILEDER_LINES), ("Praksisbestiller", BESTILLER_LINES)])

    para(doc, "2. Periode og arbeidstid", style="Heading 1")
    labelled(doc, "Tiltak", "tiltak_navn")
    labelled(doc, "Periode", "periode")
    labelled(doc, "Timer per uke", "timer_per_uke|timer")
    labelled(doc, "Arbeidstid", "arbeidstid")
    para(doc, "Praksisplassen gjelder bare for den avtalte perioden. Ønskes forlengelse, må det avtales "
              "særskilt, og det skal skrives en ny avtale.")

    para(doc, "3. Arbeidsoppgaver og mål", style="Heading 1")
    para(doc, "Arbeidsoppgaver:", bold=True)
    bullets(doc, "arbeidsoppgaver")
    para(doc, "{%p if tiltak == 'arbeidstrening' %}")
    para(doc, "Yrkesmål: {{ yrkesmaal }}", bold=True)
    para(doc, "Arbeidstreningen skal føre fram mot yrkesmålet. Veien dit beskrives i aktivitetsplanen og "
              "følges opp i oppfølgingsplanen.")
    para(doc, "{%p elif yrkesmaal %}")
    labelled(doc, "Yrkesmål", "yrkesmaal")
    para(doc, "{%p endif %}")
    para(doc, "{%p if maal %}")
    para(doc, "Mål for praksisen:", bold=True)
    bullets(doc, "maal")
    para(doc, "{%p endif %}")
    para(doc, "{%p if tilrettelegging %}")
    para(doc, "Tilrettelegging:", bold=True)
    para(doc, "{{ tilrettelegging }}")
    para(doc, "{%p endif %}")

    para(doc, "4. Oppfølging", style="Heading 1")
    para(doc, "{{ praksisveileder.navn or praksisenhet.leder.navn }} er praksisveileder og følger opp "
              "praktikanten i det daglige. Praksisbestilleren følger opp tiltaket og deltar i "
              "oppstartsmøte, midtveisevaluering og avslutning. Møtene og målene følges opp i "
              "oppfølgingsplanen.")

    para(doc, "5. Vilkår", style="Heading 1")
    para(doc, "{%p if tiltak == 'trainee' %}")
    para(doc, "Traineen er ansatt i {{ virksomhet.navn }} i en midlertidig stilling i perioden og får lønn "
              "etter gjeldende tariffavtale. Lønn og sosiale kostnader dekkes delvis av lønnstilskudd fra NAV. "
              "Traineen følger en individuell utviklingsplan, og praksisveilederen setter av om lag 10–20 % av "
              "sin arbeidstid til veiledning.", style="List Bullet")
    para(doc, "Traineen er dekket av arbeidsgivers yrkesskadeforsikring som andre arbeidstakere.", style="List Bullet")
    para(doc, "{%p elif tiltak == 'intern_arbeidstrening' %}")
    para(doc, "Arbeidstreningen endrer ikke den ansattes ansettelsesforhold. Den skal prøve ut arbeidsevnen "
              "ved en annen enhet, og effekten skal dokumenteres i personalmappen.", style="List Bullet")
    para(doc, "Den ansatte er dekket av arbeidsgivers yrkesskadeforsikring som ellers.", style="List Bullet")
    para(doc, "{%p else %}")
    para(doc, "Det utbetales ikke lønn fra {{ virksomhet.navn }} for praksisen. Eventuelle ytelser fra NAV "
              "eller andre løper etter egne regler.", style="List Bullet")
    para(doc, "Praktikanten er uten videre registrering dekket av {{ virksomhet.navn }}s forsikring etter "
              "lov om yrkesskadeforsikring. En skade skal registreres og meldes på samme måte som for "
              "arbeidstakere.", style="List Bullet")
    para(doc, "{%p endif %}")
    para(doc, "{%p if tiltak == 'arbeidstrening' %}")
    para(doc, "Alle ordinære tilskudd fra NAV (for eksempel mentortilskudd) kan vurderes for arbeidstreningen. "
              "Praksisbestilleren gir tilretteleggingsgaranti.", style="List Bullet")
    para(doc, "{%p elif tiltak in ['aktivitetsplass', 'spraakpraksis'] %}")
    para(doc, "Det følger ingen ytelser eller tilskudd med denne praksisplassen.", style="List Bullet")
    para(doc, "{%p endif %}")
    para(doc, "{%p if tiltak == 'aktivitetsplass' %}")
    para(doc, "Praksisbestilleren gir tilretteleggingsgaranti.", style="List Bullet")
    para(doc, "{%p endif %}")
    para(doc, "{%p if tiltak == 'spraakpraksis' %}")
    para(doc, "Fravær registreres etter avtale med voksenopplæringen.", style="List Bullet")
    para(doc, "{%p endif %}")
    para(doc, "{%p if krav.politiattest or krav.mrsa_tuberkulose %}")
    para(doc, "Praksisplassen krever {{ kravtekst }}. Dokumentasjonen skal legges fram for praksisenheten før "
              "tiltredelse. Bare datoen den ble vist fram registreres; selve dokumentet arkiveres ikke.",
         style="List Bullet")
    para(doc, "{%p endif %}")
    para(doc, "{%p if tiltak != 'trainee' and tiltak != 'intern_arbeidstrening' %}")
    para(doc, "{{ virksomhet.navn }} har ingen plikt til å ansette praktikanten etter praksisperioden.",
         style="List Bullet")
    para(doc, "{%p endif %}")
    para(doc, "Praktikanten har taushetsplikt og signerer taushetsløfte og gjennomgang av etiske "
              "retningslinjer første dag i praksis.", style="List Bullet")
    para(doc, "Partene kan avslutte praksisen før tiden dersom forutsetningene ikke lenger er til stede. "
              "Sluttdato endres da til den faktiske.", style="List Bullet")

    para(doc, "6. Underskrifter", style="Heading 1")
    para(doc, "Avtalen er lest og godkjent av partene.")
    signature_table(doc)
    return doc


def taushetsloefte() -> Document:
    doc = new_document()
    letterhead_and_footer(doc)
    title(doc, "{{ dokument.tittel }}")
    para(doc, "{{ praktikant.navn }} · {{ praksisenhet.navn }} · fra {{ startdato|dato }}", bold=True, color=GREY)

    para(doc, "Taushetsløfte", style="Heading 1")
    para(doc, "Som praktikant ved {{ praksisenhet.navn }} får du kjennskap til opplysninger om andre menneskers "
              "personlige forhold, og om forhold i virksomheten som ikke er offentlige. Du har taushetsplikt om "
              "slike opplysninger etter forvaltningsloven § 13 og eventuelle særlover som gjelder for enheten.")
    para(doc, "Jeg lover å:", bold=True)
    for line in (
        "bevare taushet om det jeg får vite om noens personlige forhold gjennom praksisen,",
        "ikke bruke slike opplysninger til egen fordel eller gi dem videre til uvedkommende,",
        "ikke omtale brukere, pasienter, elever eller kolleger på sosiale medier,",
        "si fra til praksisveilederen hvis jeg er usikker på hva jeg kan si eller gjøre.",
    ):
        para(doc, line, style="List Bullet")
    para(doc, "Taushetsplikten gjelder også etter at praksisen er avsluttet. Brudd på taushetsplikten kan få "
              "rettslige følger og føre til at praksisen avsluttes.")

    para(doc, "Gjennomgang av etiske retningslinjer", style="Heading 1")
    para(doc, "Praksisveilederen har gått gjennom {{ virksomhet.navn }}s etiske retningslinjer med praktikanten "
              "på første dag i praksis. Disse temaene er gjennomgått:")
    table = doc.add_table(rows=1, cols=2, style="Table Grid")
    head = table.rows[0].cells
    head[0].paragraphs[0].add_run("Tema").bold = True
    head[1].paragraphs[0].add_run("Gjennomgått (kryss av)").bold = True
    for topic in ("Respekt og likeverd i møte med brukere og kolleger", "Taushetsplikt og personvern",
                  "Lojalitet, habilitet og bierverv", "Gaver og andre fordeler",
                  "Bruk av sosiale medier og bilder", "Varsling av kritikkverdige forhold",
                  "Rusmidler og sikkerhet på arbeidsplassen"):
        cells = table.add_row().cells
        cells[0].text = topic
        cells[1].text = "☐"
    widths(table, [126, 40])
    labelled(doc, "Praksisveileder", "praksisveileder.navn")
    labelled(doc, "Leder", "praksisenhet.leder.navn")

    para(doc, "Underskrifter", style="Heading 1")
    para(doc, "Jeg har lest taushetsløftet og gått gjennom de etiske retningslinjene, og jeg forplikter meg "
              "til å følge dem.")
    signature_table(doc)
    return doc


def oppfoelgingsplan() -> Document:
    doc = new_document()
    letterhead_and_footer(doc)
    title(doc, "{{ dokument.tittel }}")
    para(doc, "{{ tiltak_navn }} · {{ praktikant.navn }} · {{ praksisenhet.navn }}", bold=True, color=GREY)

    para(doc, "Periode", style="Heading 1")
    labelled(doc, "Startdato", "startdato|dato")
    labelled(doc, "Sluttdato", "sluttdato|dato")
    labelled(doc, "Faktisk sluttdato", "faktisk_sluttdato|dato")
    labelled(doc, "Timer per uke", "timer_per_uke|timer")
    labelled(doc, "Arbeidstid", "arbeidstid")

    para(doc, "Mål", style="Heading 1")
    labelled(doc, "Yrkesmål", "yrkesmaal")
    para(doc, "Mål for praksisperioden:", bold=True)
    bullets(doc, "maal", empty_text="Målene fastsettes på oppstartsmøtet.")
    para(doc, "Arbeidsoppgaver:", bold=True)
    bullets(doc, "arbeidsoppgaver", empty_text="Arbeidsoppgavene avtales på oppstartsmøtet.")

    para(doc, "Tilrettelegging", style="Heading 1")
    para(doc, "{%p if tilrettelegging %}")
    para(doc, "{{ tilrettelegging }}")
    para(doc, "{%p else %}")
    para(doc, "Det er ikke avtalt særskilt tilrettelegging. Behov som oppstår, tas opp med praksisveilederen.")
    para(doc, "{%p endif %}")

    para(doc, "Møter", style="Heading 1")
    table = doc.add_table(rows=1, cols=3, style="Table Grid")
    for cell, text in zip(table.rows[0].cells, ("Møte", "Dato", "Innhold")):
        cell.paragraphs[0].add_run(text).bold = True
    for name, field, content in (
        ("Oppstartsmøte", "oppstartsmoete", "Mål, arbeidsoppgaver og tilretteleggingsbehov avklares."),
        ("Midtveisevaluering", "midtveisevaluering", "Målene gjennomgås: er de nådd så langt, og bør noe endres?"),
        ("Avslutningsmøte", "avslutningsmoete", "Ble målene nådd? Effekten av praksisen dokumenteres."),
    ):
        cells = table.add_row().cells
        cells[0].text = name
        cells[1].text = f"{{{{ {field}|dato if {field} else 'Avtales senere' }}}}"
        cells[2].text = content
    widths(table, [40, 36, 90])

    para(doc, "Kontaktpersoner", style="Heading 1")
    party_table(doc, [("Praksisveileder", VEILEDER_LINES), ("Praksisbestiller", BESTILLER_LINES)])

    para(doc, "Underskrifter", style="Heading 1")
    signature_table(doc)
    return doc


def praksisbevis() -> Document:
    doc = new_document()
    letterhead_and_footer(doc)
    title(doc, "{{ dokument.tittel }}")
    para(doc, "Bekreftelse på gjennomført praksis", bold=True, color=GREY)
    labelled(doc, "Navn", "praktikant.navn")
    labelled(doc, "Fødselsdato", "praktikant.foedselsdato|dato")
    labelled(doc, "Praksissted", "praksisenhet.navn")
    labelled(doc, "Periode", "gjennomfoert_periode")
    labelled(doc, "Omfang", "timer_per_uke|timer")
    para(doc, "{%p if tiltak == 'trainee' %}")
    para(doc, "{{ praktikant.navn }} har gjennomført en traineeperiode ved {{ praksisenhet.navn }} i "
              "{{ virksomhet.navn }}, med individuell utviklingsplan og egen veileder.")
    para(doc, "{%p else %}")
    para(doc, "{{ praktikant.navn }} har gjennomført praksis ({{ tiltak_navn|lower }}) ved {{ praksisenhet.navn }} "
              "i {{ virksomhet.navn }}.")
    para(doc, "{%p endif %}")
    para(doc, "Arbeidsoppgaver i perioden:", bold=True)
    bullets(doc, "arbeidsoppgaver")
    para(doc, "{%p if vurdering %}")
    para(doc, "Vurdering:", bold=True)
    para(doc, "{{ vurdering }}")
    para(doc, "{%p endif %}")
    para(doc, "")
    para(doc, "{{ virksomhet.navn }}, {{ dokument.dato|dato }}")
    signature_table(doc, place_date_text="Dato")
    return doc


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, build in (("praksisavtale", praksisavtale), ("taushetsloefte", taushetsloefte),
                        ("oppfoelgingsplan", oppfoelgingsplan), ("praksisbevis", praksisbevis)):
        doc = build()
        # python-docx starts a document with one empty paragraph: drop it.
        first = doc.paragraphs[0]
        if not first.text:
            first._element.getparent().remove(first._element)
        doc.core_properties.title = name
        doc.core_properties.author = "praksis"
        doc.save(OUT / f"{name}.docx")
        print("Skrev", OUT / f"{name}.docx")


if __name__ == "__main__":
    main()
