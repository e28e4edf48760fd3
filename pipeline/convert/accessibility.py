"""Is a produced PDF accessible? Read back from the file itself, on every conversion.

PDF/A-1a promises a logical structure; LibreOffice writes one whatever the template looks like
(a bold paragraph becomes a plain P, a table without a header row has only TD cells). So the
promise is checked here, like the PDF/A claim in `pdfa`: the language (/Lang), the title (Info
and XMP dc:title, shown by the viewer: DisplayDocTitle), the structure tree (StructTreeRoot,
MarkInfo Marked), at least one H1, header cells (TH) in every table, and every image either
described (a Figure with /Alt) or marked as an artifact. What it should say comes from the DOCX
the PDF was made from (`expected_from_docx`): the title and language set there at rendering.

`reading_order` walks the structure tree as a screen reader does, for tests and for people.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
import pypdfium2
import pypdfium2.raw as pdfium_c
from lxml import etree

from ..programs.errors import ConversionError

LANGUAGES = ("nb", "nn", "no")
"""Primary language subtags a Norwegian screen reader reads with Norwegian pronunciation."""

STANDARD_TYPES = frozenset(
    "Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3 H4 H5 H6 "
    "L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot "
    "Ruby RB RT RP Warichu WT WP Figure Formula Form".split()
)
HEADINGS = frozenset({"H", "H1", "H2", "H3", "H4", "H5", "H6"})
BLOCKS = HEADINGS | {"P", "LI", "Lbl", "LBody", "TH", "TD", "Caption", "Figure", "TOCI"}

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_DC = "http://purl.org/dc/elements/1.1/"


class AccessibilityError(ConversionError):
    """A PDF lacks what a screen reader needs; `reasons` in Norwegian, one per problem."""

    def __init__(self, document: str, reasons: list[str]) -> None:
        super().__init__(document, "PDF-en er ikke tilgjengelig for skjermleser: " + "; ".join(reasons)
                         + ". Rett malen (se docs/maler.md) og kjør «praksis templates check».")
        self.reasons = reasons


@dataclass(frozen=True)
class Expected:
    """What the PDF must say about itself; None: anything non-empty (title) or Norwegian (language)."""

    title: str | None = None
    language: str | None = None


def expected_from_docx(path: Path) -> Expected:
    """The title (core properties) and language (docDefaults w:lang) of the DOCX a PDF is made from."""
    title = language = None
    try:
        with zipfile.ZipFile(path) as docx:
            names = set(docx.namelist())
            if "docProps/core.xml" in names:
                found = etree.fromstring(docx.read("docProps/core.xml")).find(f"{{{_DC}}}title")
                title = ((found.text or "").strip() or None) if found is not None else None
            if "word/styles.xml" in names:
                with docx.open("word/styles.xml") as styles:  # docDefaults comes first: stop there
                    for _, element in etree.iterparse(styles, tag=f"{{{_W}}}docDefaults"):
                        lang = element.find(f"{{{_W}}}rPrDefault/{{{_W}}}rPr/{{{_W}}}lang")
                        language = lang.get(f"{{{_W}}}val") if lang is not None else None
                        break
    except (zipfile.BadZipFile, OSError, etree.XMLSyntaxError):
        pass  # not a DOCX: nothing to compare with; the PDF must still pass every other check
    return Expected(title, language)


@dataclass
class Element:
    """One structure element: its standard type (after the RoleMap), the name the producer
    gave it, its /Alt, and its children in order (elements or (page index, MCID) pairs)."""

    tag: str
    name: str
    alt: str | None = None
    children: list[Element | tuple[int, int]] = field(default_factory=list)

    def walk(self) -> Iterator[Element]:
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.walk()


def _standard(name: str, role_map: pikepdf.Object | None) -> str:
    seen = set()
    while name not in STANDARD_TYPES and role_map is not None and f"/{name}" in role_map and name not in seen:
        seen.add(name)
        name = str(role_map[f"/{name}"])[1:]
    return name


def _text(value: pikepdf.Object | None) -> str | None:
    return str(value) if value is not None else None


def structure(pdf: pikepdf.Pdf) -> Element | None:
    """The structure tree as `Element`s, or None if the PDF has none."""
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return None
    role_map = root.get("/RoleMap")
    pages = {page.objgen: index for index, page in enumerate(pdf.pages)}
    visited: set[tuple[int, int]] = set()

    def build(node: pikepdf.Object, page: int | None, into: Element, depth: int) -> None:
        if depth > 200:
            return
        if isinstance(node, pikepdf.Dictionary):
            if node.is_indirect:
                if node.objgen in visited:
                    return
                visited.add(node.objgen)
            node_page = pages.get(node["/Pg"].objgen, page) if "/Pg" in node else page
            if "/MCID" in node:  # a marked-content reference
                if node_page is not None and "/Stm" not in node:
                    into.children.append((node_page, int(node["/MCID"])))
                return
            if "/S" not in node:  # OBJR (an annotation) or unknown
                return
            name = str(node["/S"])[1:]
            element = Element(_standard(name, role_map), name, _text(node.get("/Alt")))
            into.children.append(element)
            kids = node.get("/K")
            if kids is not None:
                build(kids, node_page, element, depth + 1)
        elif isinstance(node, pikepdf.Array):
            for kid in node:
                build(kid, page, into, depth)
        elif page is not None:  # an integer MCID on the element's page
            into.children.append((page, int(node)))

    top = Element("StructTreeRoot", "StructTreeRoot")
    kids = root.get("/K")
    if kids is not None:
        build(kids, None, top, 0)
    return top


def _xmp_title(pdf: pikepdf.Pdf) -> str | None:
    try:
        value = pdf.open_metadata().get("dc:title")
    except (ValueError, pikepdf.PdfError):
        return None
    return str(value).strip() if value else None


def _operators(content: pikepdf.Object) -> str:
    """The operators the image check needs, for qpdf to filter on (a third of the time); all of
    them ("") when the stream may hold an inline image, which a filter would drop."""
    streams = content if isinstance(content, pikepdf.Stream) else content.get("/Contents", [])  # a form, or a page
    if isinstance(streams, pikepdf.Stream):
        streams = [streams]
    if any(b"BI" in stream.read_bytes() for stream in streams):
        return ""
    return "BMC BDC EMC Do"


def _images_without_description(pdf: pikepdf.Pdf, owners: dict[tuple[int, int], Element]) -> list[int]:
    """Pages (1-based) that draw an image neither inside an /Artifact nor inside marked content
    of a Figure with /Alt."""
    bad: list[int] = []
    for index, page in enumerate(pdf.pages):
        stack: list[str | int | None] = []

        def visit(content: pikepdf.Object, resources: pikepdf.Object, depth: int) -> bool:
            xobjects = resources.get("/XObject", {}) if resources is not None else {}
            for operands, operator in pikepdf.parse_content_stream(content, _operators(content)):
                op = str(operator)
                if op == "BMC":
                    stack.append("artifact" if operands[0] == "/Artifact" else None)
                elif op == "BDC":
                    props = operands[1]
                    if operands[0] == "/Artifact":
                        stack.append("artifact")
                    elif isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
                        stack.append(int(props["/MCID"]))
                    else:
                        stack.append(None)
                elif op == "EMC":
                    if stack:
                        stack.pop()
                elif op in ("Do", "INLINE IMAGE"):
                    target = xobjects.get(operands[0]) if op == "Do" else None
                    if target is not None and target.get("/Subtype") == "/Form" and depth < 10:
                        if not visit(target, target.get("/Resources", resources), depth + 1):
                            return False
                        continue
                    if op == "Do" and (target is None or target.get("/Subtype") != "/Image"):
                        continue
                    if "artifact" in stack:
                        continue
                    mcid = next((m for m in reversed(stack) if isinstance(m, int)), None)
                    owner = owners.get((index, mcid)) if mcid is not None else None
                    if owner is None or owner.tag != "Figure" or not (owner.alt or "").strip():
                        return False
            return True

        if not visit(page.obj, page.obj.get("/Resources"), 0):
            bad.append(index + 1)
    return bad


def _owners(tree: Element) -> dict[tuple[int, int], Element]:
    """(page, MCID) → the innermost element that holds it."""
    owners: dict[tuple[int, int], Element] = {}
    for element in tree.walk():
        for child in element.children:
            if not isinstance(child, Element):
                owners[child] = element
    return owners


def _cells(table: Element) -> Iterator[Element]:
    """The cells of a table, not those of tables nested in it."""
    for child in table.children:
        if isinstance(child, Element):
            if child.tag in ("TH", "TD"):
                yield child
            elif child.tag != "Table":
                yield from _cells(child)


def problems(path: Path, expected: Expected = Expected()) -> list[str]:
    """What a screen reader would miss in the PDF at `path`, in Norwegian; [] if nothing."""
    found: list[str] = []
    try:
        with pikepdf.open(path) as pdf:
            root = pdf.Root
            lang = str(root.get("/Lang", "")).strip()
            if not lang:
                found.append("språket mangler (/Lang)")
            elif lang.split("-")[0].lower() not in LANGUAGES:
                found.append(f"språket er «{lang}», ikke norsk (nb-NO eller nn-NO): skjermleseren leser med feil uttale")
            elif expected.language and lang.lower() != expected.language.lower():
                found.append(f"språket er «{lang}», dokumentet skulle ha «{expected.language}»")
            info_title = str(pdf.docinfo.get("/Title", "")).strip()
            xmp_title = _xmp_title(pdf)
            if not info_title or not xmp_title:
                found.append("tittelen mangler i " + " og ".join(
                    name for name, value in (("dokumentinformasjonen", info_title), ("XMP (dc:title)", xmp_title))
                    if not value))
            elif info_title != xmp_title:
                found.append(f"tittelen er ulik i dokumentinformasjonen («{info_title}») og XMP («{xmp_title}»)")
            elif expected.title and info_title != expected.title:
                found.append(f"tittelen er «{info_title}», skulle vært «{expected.title}»")
            preferences = root.get("/ViewerPreferences")
            if preferences is None or not bool(preferences.get("/DisplayDocTitle", False)):
                found.append("visningsprogrammet viser filnavnet, ikke tittelen (DisplayDocTitle mangler)")
            mark_info = root.get("/MarkInfo")
            if mark_info is None or not bool(mark_info.get("/Marked", False)):
                found.append("filen er ikke merket som tagget (MarkInfo /Marked)")
            tree = structure(pdf)
            if tree is None:
                found.append("strukturtreet mangler (StructTreeRoot): skjermleseren finner ingen overskrifter eller tabeller")
                return found
            elements = list(tree.walk())
            if not any(e.tag in ("H", "H1") for e in elements):
                found.append("ingen overskrift på nivå 1 (H1): bruk stilen «Overskrift 1» for dokumenttittelen")
            tables = [e for e in elements if e.tag == "Table"]
            without_header = [n for n, table in enumerate(tables, start=1)
                              if not any(cell.tag == "TH" for cell in _cells(table))]
            if without_header:
                found.append(f"tabell {', '.join(map(str, without_header))} av {len(tables)} har ingen overskriftsceller "
                             "(TH): merk første rad som overskriftsrad som gjentas")
            undescribed = [e for e in elements if e.tag == "Figure" and not (e.alt or "").strip()]
            if undescribed:
                found.append(f"{len(undescribed)} bilde(r) uten alternativ tekst (Figure uten /Alt)")
            else:
                pages = _images_without_description(pdf, _owners(tree))
                if pages:
                    found.append(f"bilde uten alternativ tekst og ikke merket som dekor på side {', '.join(map(str, pages))}")
    except (pikepdf.PdfError, OSError, ValueError) as exc:
        found.append(f"filen kunne ikke leses ({type(exc).__name__})")
    return found


def require_accessible(path: Path, expected: Expected = Expected(), document: str | None = None) -> None:
    """Fail with AccessibilityError (never a silently weaker file) unless `path` passes `problems`."""
    found = problems(path, expected)
    if found:
        raise AccessibilityError(document or path.name, found)


def _marked_text(path: Path) -> dict[tuple[int, int], str]:
    """(page, MCID) → the text drawn in that marked content (pdfium decodes the fonts)."""
    texts: dict[tuple[int, int], list[str]] = {}
    document = pypdfium2.PdfDocument(path)
    try:
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            for obj in page.get_objects(max_depth=5):
                if obj.type != pdfium_c.FPDF_PAGEOBJ_TEXT:
                    continue
                mcid = pdfium_c.FPDFPageObj_GetMarkedContentID(obj.raw)
                if mcid < 0:
                    continue
                size = pdfium_c.FPDFTextObj_GetText(obj.raw, textpage.raw, None, 0)  # bytes, UTF-16LE + NUL
                buffer = (pdfium_c.c_ushort * (size // 2 + 1))()
                pdfium_c.FPDFTextObj_GetText(obj.raw, textpage.raw, buffer, size)
                text = bytes(buffer)[:size].decode("utf-16-le", errors="replace").rstrip("\x00")
                texts.setdefault((index, mcid), []).append(text)
    finally:
        document.close()
    return {key: "".join(parts) for key, parts in texts.items()}


def reading_order(path: Path) -> list[tuple[str, str]]:
    """The document as a screen reader walks it: (standard tag, text) per block (heading,
    paragraph, list item, table cell, figure's alt text), in structure order. Artifacts
    (running headers, footers, decoration) are not in the tree and so not here."""
    texts = _marked_text(path)
    with pikepdf.open(path) as pdf:
        tree = structure(pdf)
    if tree is None:
        return []
    out: list[tuple[str, str]] = []

    def text_of(element: Element) -> str:
        """Marked content run together; child blocks (a cell's paragraphs) apart."""
        parts = [(f" {text_of(c)} " if c.tag in BLOCKS else text_of(c)) if isinstance(c, Element)
                 else texts.get(c, "") for c in element.children]
        return "".join(parts)

    def visit(element: Element) -> None:
        if element.tag == "Figure":
            out.append(("Figure", element.alt or ""))
            return
        leaf = element.tag in ("TH", "TD", "LI") or not any(isinstance(c, Element) and c.tag in BLOCKS
                                                            for c in element.children)
        if element.tag in BLOCKS and leaf:
            text = " ".join(text_of(element).split())
            if text:
                out.append((element.tag, text))
            return
        for child in element.children:
            if isinstance(child, Element):
                visit(child)
            elif child in texts and texts[child].strip():
                out.append((element.tag, " ".join(texts[child].split())))

    visit(tree)
    return out


def main(argv: list[str] | None = None) -> int:
    """`python -m pipeline.convert.accessibility FIL.pdf …`: the problems and the reading order."""
    import sys

    paths = [Path(a) for a in (sys.argv[1:] if argv is None else argv)]
    worst = 0
    for path in paths:
        found = problems(path)
        print(f"{path}: {'OK' if not found else '; '.join(found)}")
        for tag, text in reading_order(path) if path.is_file() else []:
            print(f"  {tag:<7} {text}")
        worst = max(worst, 1 if found else 0)
    return worst


if __name__ == "__main__":
    raise SystemExit(main())
