"""Where a Word template lost what makes its PDF readable with a screen reader.

Called by `praksis templates check` (template_check.py). Reads the DOCX parts directly
and reports, in words HR staff can act on:

- a title or section made by direct formatting (a short paragraph, all bold and larger than
  the body text, in a style that is not a heading), and a body with no «Overskrift 1» at all:
  LibreOffice tags only heading styles as headings (H1, H2 …); the style «Tittel» becomes a
  plain paragraph;
- a table whose first row is not marked «Gjenta som overskriftsrad» (w:tblHeader): only such
  rows become header cells (TH), and a conversion without them is refused;
- an image without alternative text (wp:docPr descr);
- a language other than Norwegian (nb, nn, no) in the default, a style, or a piece of text.

Tables and images in the page header and footer are exported as artifacts (skipped by screen
readers), so only their images' alternative text is checked there.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
NORWEGIAN = ("nb", "nn", "no")
BIG_HALF_POINTS = 26
"""A paragraph at 13 pt or more, all bold, reads as a heading to the eye."""
SHORT = 120
_JINJA = re.compile(r"\{[{%#].*?[}%#]\}")
_ROW_TAG = re.compile(r"\s*\{%-?\s*tr\s.*?%\}\s*")


@dataclass
class _Style:
    name: str
    based_on: str | None
    heading: bool
    bold: bool | None
    size: int | None


@dataclass
class _Styles:
    styles: dict[str, _Style] = field(default_factory=dict)
    default_size: int = 22
    default_paragraph: str | None = None

    def inherited(self, style_id: str | None, attribute: str) -> bool | int | None:
        seen: set[str] = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            value = getattr(self.styles[style_id], attribute)
            if value is not None:
                return value  # type: ignore[no-any-return]
            style_id = self.styles[style_id].based_on
        return None


def _on(element: etree._Element | None) -> bool | None:
    if element is None:
        return None
    return element.get(f"{W}val", "true").lower() not in ("0", "false", "off")


def _half_points(rpr: etree._Element | None) -> int | None:
    size = rpr.find(f"{W}sz") if rpr is not None else None
    value = size.get(f"{W}val") if size is not None else None
    return int(value) if value and value.isdigit() else None


def _read_styles(xml: bytes | None) -> tuple[_Styles, list[tuple[str, str]]]:
    """The styles, and (where, language) for the default and each style that names one."""
    found = _Styles()
    languages: list[tuple[str, str]] = []
    if xml is None:
        return found, languages
    root = etree.fromstring(xml)
    defaults = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    found.default_size = _half_points(defaults) or found.default_size
    lang = defaults.find(f"{W}lang") if defaults is not None else None
    if lang is not None and lang.get(f"{W}val"):
        languages.append(("Standardspråket", lang.get(f"{W}val")))
    for style in root.iter(f"{W}style"):
        style_id = style.get(f"{W}styleId") or ""
        name_element = style.find(f"{W}name")
        name = (name_element.get(f"{W}val") if name_element is not None else style_id) or style_id
        based = style.find(f"{W}basedOn")
        rpr = style.find(f"{W}rPr")
        heading = bool(re.fullmatch(r"heading \d", name.lower())) or style.find(f"{W}pPr/{W}outlineLvl") is not None
        found.styles[style_id] = _Style(name, based.get(f"{W}val") if based is not None else None, heading,
                                        _on(rpr.find(f"{W}b")) if rpr is not None else None, _half_points(rpr))
        if style.get(f"{W}type") == "paragraph" and style.get(f"{W}default") in ("1", "true", "on"):
            found.default_paragraph = style_id
        style_lang = rpr.find(f"{W}lang") if rpr is not None else None
        if style_lang is not None and style_lang.get(f"{W}val"):
            languages.append((f"Språket i stilen «{name}»", style_lang.get(f"{W}val")))
    return found, languages


def _text(element: etree._Element) -> str:
    """The visible text, paragraphs (and so table cells) separated by a space."""
    paragraphs = [element] if element.tag in (f"{W}p", f"{W}r") else list(element.iter(f"{W}p"))
    return " ".join(" ".join("".join(t.text or "" for t in p.iter(f"{W}t")).split()) for p in paragraphs).strip()


def _looks_like_heading(paragraph: etree._Element, styles: _Styles) -> bool:
    """Short, all bold, large, and not in a heading style: a heading made by hand."""
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    style_id = style.get(f"{W}val") if style is not None else styles.default_paragraph
    if style_id and styles.inherited(style_id, "heading"):
        return False
    text = _JINJA.sub("", _text(paragraph)).strip()
    if not text or len(text) > SHORT:
        return False
    runs = [r for r in paragraph.iter(f"{W}r") if _text(r).strip()]
    for run in runs:
        rpr = run.find(f"{W}rPr")
        bold = _on(rpr.find(f"{W}b")) if rpr is not None else None
        if bold is None:
            bold = bool(styles.inherited(style_id, "bold"))
        size = _half_points(rpr) or styles.inherited(style_id, "size") or styles.default_size
        if not bold or int(size) < BIG_HALF_POINTS:
            return False
    return bool(runs)


def _parts(docx: zipfile.ZipFile) -> list[tuple[str, etree._Element]]:
    labels = {"word/document.xml": "brødteksten"}
    names = sorted(n for n in docx.namelist() if re.fullmatch(r"word/(header|footer)\d*\.xml", n))
    labels.update({n: "topptekst" if "header" in n else "bunntekst" for n in names})
    return [(label, etree.fromstring(docx.read(name))) for name, label in labels.items() if name in docx.namelist()]


def accessibility_warnings(path: Path) -> list[str]:
    """What a screen reader would miss in documents made from the template at `path` (Norwegian)."""
    try:
        with zipfile.ZipFile(path) as docx:
            styles, languages = _read_styles(docx.read("word/styles.xml") if "word/styles.xml" in docx.namelist() else None)
            parts = _parts(docx)
    except (zipfile.BadZipFile, KeyError, OSError, etree.XMLSyntaxError):
        return []  # template_check reports an unreadable file already
    found: list[str] = []
    fix_heading = "Bruk stilen «Overskrift 1» for dokumenttittelen og «Overskrift 2» for avsnittene"
    for label, root in parts:
        if label == "brødteksten":
            body = root.find(f"{W}body")
            paragraphs = [p for p in (body.iter(f"{W}p") if body is not None else [])
                          if not any(a.tag == f"{W}tbl" for a in p.iterancestors())]
            levels = []
            for paragraph in paragraphs:
                style = paragraph.find(f"{W}pPr/{W}pStyle")
                style_id = style.get(f"{W}val") if style is not None else styles.default_paragraph
                name = styles.styles[style_id].name if style_id in styles.styles else ""
                if name.lower() == "heading 1" or (styles.inherited(style_id, "heading") and name.lower().endswith(" 1")):
                    levels.append(1)
                if name.lower() == "title":
                    found.append(f"«{_text(paragraph)[:60]}» har stilen «Tittel», som ikke blir en overskrift i PDF-en. "
                                 f"{fix_heading}.")
                elif _looks_like_heading(paragraph, styles):
                    found.append(f"«{_text(paragraph)[:60]}» ser ut som en overskrift (stor og fet), men har stilen "
                                 f"«{name or 'Normal'}». En skjermleser finner den ikke. {fix_heading}.")
            if not levels:
                found.append(f"Brødteksten har ingen overskrift med stilen «Overskrift 1». {fix_heading}.")
            for number, table in enumerate(root.iter(f"{W}tbl"), start=1):
                # a row holding only a {%tr …%} tag is removed at rendering: the row after it comes first
                first = next((row for row in table.iter(f"{W}tr") if not _ROW_TAG.fullmatch(_text(row))), None)
                if first is not None and not _on(first.find(f"{W}trPr/{W}tblHeader")):
                    found.append(f"Tabell {number} i brødteksten («{_JINJA.sub('', _text(first)).strip()[:60]}») har "
                                 "ingen overskriftsrad, og dokumentet blir ikke laget. Marker første rad og velg "
                                 "Oppsett (tabell) → Gjenta overskriftsrader.")
        for picture in root.iter(f"{WP}docPr"):
            if not (picture.get("descr") or "").strip():
                decorative = any(etree.QName(e).localname == "decorative" and e.get("val", "1") not in ("0", "false")
                                 for e in picture.iter() if isinstance(e.tag, str))
                why = (" «Merk som dekorativt» forstås ikke av LibreOffice 7.4, som lager PDF-en." if decorative else "")
                found.append(f"Et bilde i {label} («{picture.get('name', '')}») mangler alternativ tekst.{why} "
                             "Høyreklikk bildet → Rediger alternativ tekst, og skriv hva bildet viser.")
        for run_lang in root.iter(f"{W}lang"):
            value = run_lang.get(f"{W}val")
            if value and value.split("-")[0].lower() not in NORWEGIAN:
                holder = next((a for a in run_lang.iterancestors() if a.tag == f"{W}p"), None)
                where = f" ved «{_text(holder)[:60]}»" if holder is not None else ""
                found.append(f"Tekst i {label}{where} er merket med språket «{value}». Marker teksten og velg "
                             "Se gjennom → Språk → Norsk (bokmål) eller Norsk (nynorsk).")
    for where, value in languages:
        if value.split("-")[0].lower() not in NORWEGIAN:
            found.append(f"{where} er «{value}», ikke norsk: skjermleseren leser da med feil uttale. Velg Se gjennom "
                         "→ Språk → Angi korrekturspråk → Norsk (bokmål) og «Angi som standard» (eller endre stilen).")
    return ["Tilgjengelighet: " + message for message in found]
