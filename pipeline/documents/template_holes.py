"""Holes left by empty optional fields: what `templates check` finds in a trial render.

A template is rendered twice for each tiltak and each status at which the document is due:
once with a complete sample record and once with every optional field empty (only what
validation demands at that status is given). The empty render is read as text (python-docx
over the rendered bytes, no LibreOffice) and every paragraph, table row and signature line
that shows a hole is reported:

- a sentence that starts with a blank or a punctuation mark where a value was expected
  (« er praksisveileder…»), punctuation after a blank («Telefon: .»), empty brackets;
- a bare label («Arbeidsoppgaver:» with nothing after it);
- an empty table row, or a row with a label and no value;
- a signature line without a name.

Only text that differs from the complete render counts: fixed text in a template is never
a hole, however it is punctuated. The same detector reads PDF text lines (`line_holes`).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml import etree

from ..common.config import Config
from ..common.document_set import DokumentSpec
from ..domain.record import FIELDS, REQUIRED_FIELDS, Praksisplass, Status, Tiltak
from ..validation.rules import check as check_rules

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

_LEADING_BLANK = re.compile(r"^\s+[a-zæøå,.;:!?)]")
_LEADING_PUNCT = re.compile(r"^[,.;:!?)]")
_PUNCT_AFTER_BLANK = re.compile(r"(?<=\S)\s+[,.;:!?)](?=\s|$)|:\s*[,.;]|\(\s*\)|,\s*,")
_DOUBLE_BLANK = re.compile(r"\S {2,}\S")
_DANGLING = re.compile(r"(?:\s(?:og|eller|ved|i|for|fra|til|med|som|av|på)|[,–-])\s*$")
_LABEL = re.compile(r"^[^.!?]{1,60}:\s*$")
_SIGNATURE_WORDS = re.compile(r"(?i)\b(?:sted|og|dato|signatur|underskrift|navn|for)\b|[_.:,/\s–-]+")


class HoleKind:
    """What kind of hole, as HR staff read it (the first words of the message)."""

    BLANK_START = "Setningen begynner med et tomt felt"
    PUNCTUATION = "Tegnsetting rundt et tomt felt"
    DANGLING = "Setningen slutter der et felt skulle stått"
    BARE_LABEL = "Ledetekst uten innhold"
    EMPTY_ROW = "Tom tabellrad"
    LABEL_ROW = "Tabellrad med ledetekst og uten verdi"
    NAMELESS_SIGNATURE = "Signaturlinje uten navn"


_FIX = {
    HoleKind.BLANK_START: "Skriv setningen om så den ikke begynner med feltet, eller legg avsnittet i "
                          "«{%p if felt %}» … «{%p endif %}».",
    HoleKind.PUNCTUATION: "Legg teksten rundt feltet inn i «{% if felt %}» … «{% endif %}», eller skriv en tekst "
                          "for når feltet er tomt.",
    HoleKind.DANGLING: "Legg avsnittet i «{%p if felt %}» … «{%p endif %}», eller skriv en tekst for når feltet er tomt.",
    HoleKind.BARE_LABEL: "Ta ledeteksten med inne i «{%p if felt %}»-blokken, eller skriv en tekst for når feltet "
                         "er tomt.",
    HoleKind.EMPTY_ROW: "Legg raden i «{%tr if felt %}» … «{%tr endif %}», eller fjern den.",
    HoleKind.LABEL_ROW: "Legg raden i «{%tr if felt %}» … «{%tr endif %}», eller skriv en tekst for når feltet er tomt.",
    HoleKind.NAMELESS_SIGNATURE: "Gjør navnet påkrevd for dokumentet («krever» i praksis.toml), eller la "
                                 "signaturlinjen vise et annet navn for parten.",
}


@dataclass(frozen=True)
class Block:
    """A paragraph (one cell) or a table row (its cells' texts), in document order."""

    cells: tuple[str, ...]
    row: bool = False

    @property
    def text(self) -> str:
        return " | ".join(" / ".join(line for line in cell.splitlines() if line.strip()) for cell in self.cells)


@dataclass(frozen=True)
class Hole:
    kind: str
    text: str

    def message(self) -> str:
        return f"{self.kind}: «{self.text[:160]}». {_FIX[self.kind]}"


def _paragraph_text(element: Any) -> str:
    return "".join(t.text or "" for t in element.iter(_W + "t"))


def _blocks_of(container: Any) -> Iterator[Block]:
    for element in container.iterchildren():
        if element.tag == _W + "p":
            yield Block((_paragraph_text(element),))
        elif element.tag == _W + "tbl":
            for row in element.iterchildren(_W + "tr"):
                cells = tuple("\n".join(_paragraph_text(p) for p in cell.iter(_W + "p"))
                              for cell in row.iterchildren(_W + "tc"))
                yield Block(cells, row=True)
        elif element.tag == _W + "sdt":
            content = element.find(_W + "sdtContent")
            if content is not None:
                yield from _blocks_of(content)


_HEADER_OR_FOOTER = re.compile(r"word/(header|footer)\d*\.xml")


def docx_blocks(data: Any) -> list[Block]:
    """Every paragraph and table row of a DOCX (path or file object): body, then headers and
    footers. Read straight from the package's XML (opening it with python-docx took most of
    the check's time)."""
    with zipfile.ZipFile(data) as package:
        body = etree.fromstring(package.read("word/document.xml")).find(_W + "body")
        blocks = list(_blocks_of(body)) if body is not None else []
        for name in sorted(n for n in package.namelist() if _HEADER_OR_FOOTER.fullmatch(n)):
            blocks.extend(_blocks_of(etree.fromstring(package.read(name))))
    return blocks


def text_holes(text: str) -> list[str]:
    """The hole kinds a paragraph shows on its own (no comparison): for one paragraph or PDF line."""
    kinds = []
    if _LEADING_BLANK.search(text) or _LEADING_PUNCT.search(text):
        kinds.append(HoleKind.BLANK_START)
    if _PUNCT_AFTER_BLANK.search(text) or _DOUBLE_BLANK.search(text.strip()):
        kinds.append(HoleKind.PUNCTUATION)
    if _DANGLING.search(text) and text.strip():
        kinds.append(HoleKind.DANGLING)
    return kinds


def _next_text(blocks: list[Block], index: int) -> str | None:
    for block in blocks[index + 1:]:
        if block.text.strip():
            return block.text.strip()
    return None


def _signature_row(cells: tuple[str, ...], signers: dict[str, str]) -> str | None:
    """The role of a signature row without a name (None if it is no signature row or has one).

    `signers` maps each role label to the name the line should print ("" when the record has
    none): the row lacks that name, or holds nothing but the role and the usual signature words."""
    lines = [line.strip() for cell in cells for line in cell.splitlines() if line.strip()]
    role = next((line for line in lines if line in signers), None)
    if role is None:
        return None
    rest = " ".join(lines).replace(role, " ", 1)
    name = signers[role]
    if not name or name not in rest or not re.search(r"\w", _SIGNATURE_WORDS.sub(" ", rest)):
        return role
    return None


def find_holes(empty: list[Block], full: list[Block], signers: dict[str, str]) -> list[Hole]:
    """Holes in `empty` (the render with optional fields empty), judged against `full`.

    `signers`: the signature role labels the document prints (one line per party), each with
    the name its line should show."""
    full_texts = {b.text for b in full}
    full_next: dict[str, str | None] = {}
    for index, block in enumerate(full):
        full_next.setdefault(block.text.strip(), _next_text(full, index))
    full_rows = [b for b in full if b.row]
    full_lines = {line for b in full_rows for cell in b.cells for line in cell.splitlines()}
    holes: list[Hole] = []
    for index, block in enumerate(empty):
        text = block.text
        if block.row:
            role = _signature_row(block.cells, signers)
            if role is not None:
                holes.append(Hole(HoleKind.NAMELESS_SIGNATURE, role))
                continue
            if text in full_texts:
                continue
            filled = [c for c in block.cells if c.strip()]
            if not filled and any(any(c.strip() for c in r.cells) for r in full_rows):
                holes.append(Hole(HoleKind.EMPTY_ROW, " | ".join(block.cells) or "(tom rad)"))
            elif len(filled) == 1 and block.cells[0].strip() and len(block.cells) > 1:
                label = block.cells[0].strip()
                if any(r.cells[0].strip() == label and len([c for c in r.cells if c.strip()]) > 1 for r in full_rows):
                    holes.append(Hole(HoleKind.LABEL_ROW, label))
            for cell in block.cells:
                for line in cell.splitlines():
                    if line.strip() and line not in full_lines:
                        kinds = text_holes(line) + ([HoleKind.BARE_LABEL] if _LABEL.match(line) else [])
                        holes.extend(Hole(kind, line.strip()) for kind in kinds)
            continue
        if not text.strip() or text in full_texts and not _LABEL.match(text):
            continue
        kinds = [] if text in full_texts else text_holes(text)
        if _LABEL.match(text):
            label = text.strip()
            after_empty, after_full = _next_text(empty, index), full_next.get(label)
            longer = any(b.text.strip().startswith(label) and len(b.text.strip()) > len(label) for b in full)
            if (label not in full_next and longer) or (label in full_next and after_full != after_empty
                                                       and after_full not in {b.text.strip() for b in empty}):
                kinds.append(HoleKind.BARE_LABEL)
        holes.extend(Hole(kind, text.strip()) for kind in kinds)
    return holes


def line_holes(empty_lines: list[str], full_lines: list[str]) -> list[Hole]:
    """The same detector over PDF text lines (no paragraph or table structure): every line of the
    empty render that is not in the complete render and shows a hole, plus bare labels. A line
    may end anywhere a paragraph wraps, so a line ending in «ved» or «og» is no hole here (the
    DOCX check sees whole paragraphs), and a sentence that begins with a blank is found from a
    line that starts in lower case after a finished one."""
    ordered = [" ".join(line.split()) for line in full_lines if line.strip()]
    full = set(ordered)
    blocks_empty = [Block((" ".join(line.split()),)) for line in empty_lines if line.strip()]
    blocks_full = [Block((line,)) for line in ordered]
    holes = [h for h in find_holes(blocks_empty, blocks_full, {})
             if h.kind not in (HoleKind.BLANK_START, HoleKind.DANGLING)]
    previous = ""
    for line in (" ".join(x.split()) for x in empty_lines if x.strip()):
        # a line that starts in lower case after a finished sentence: a sentence that began with a blank
        if line not in full and re.match(r"[a-zæøå]", line) and re.search(r"[.!?:]$", previous):
            holes.append(Hole(HoleKind.BLANK_START, line))
        previous = line
    return holes


def _leaf(data: dict[str, Any], path: str) -> Any:
    node: Any = data
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def _put(data: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    node = data
    for part in parents:
        node = node.setdefault(part, {})
    node[last] = value


def empty_optional_record(config: Config, spec: DokumentSpec, full: Praksisplass) -> Praksisplass:
    """`full` with every field empty that validation does not demand at its tiltak and status
    (the fields every record needs, those the due documents require, the document's condition
    set to ja, and whatever the rules ask for in this case). The målform is kept: it is the
    document's written standard, not a value it prints."""
    source = full.model_dump(mode="python")
    keep = {"id", "maalform", *REQUIRED_FIELDS, *config.documents.needed(full.tiltak, full.status)}
    if spec.betingelse:
        keep.add(spec.betingelse)
    for _ in range(len(FIELDS)):
        data: dict[str, Any] = {}
        for path in keep:
            value = _leaf(source, path)
            if value not in (None, [], ""):
                _put(data, path, value)
        if spec.betingelse:
            _put(data, spec.betingelse, True)
        columns = {path: [_leaf(data, path) if _leaf(data, path) not in ([], "") else None] for path in FIELDS}
        missing = {path for _, path, _ in check_rules(columns, config.documents)} - keep
        if not missing:
            return Praksisplass.model_validate(data)
        keep |= missing
    return Praksisplass.model_validate(data)


def due_cases(spec: DokumentSpec) -> list[tuple[Tiltak, Status]]:
    """Every (tiltak, status) at which the document is due."""
    return [(tiltak, status) for tiltak in spec.tiltak for status in Status if status.rang >= spec.fra_status.rang]
