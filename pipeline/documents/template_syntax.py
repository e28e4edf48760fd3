"""Tags that are not closed in their own paragraph.

In a Word template every Jinja tag lies within one paragraph. When an edit breaks one
(`{{ navn }` instead of `{{ navn }}`), docxtpl's clean-up joins it with everything up to
the next closing tag, paragraphs apart, and the template may still render: with text
silently gone. So each paragraph is checked on its own, before any rendering.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn

_TOKEN = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")
_CLOSES = {"{{": "}}", "{%": "%}", "{#": "#}"}


def _paragraph_texts(source: Path | bytes) -> list[tuple[str, str]]:
    """(part, text) of every paragraph: body and tables, headers, footers."""
    document = Document(io.BytesIO(source) if isinstance(source, bytes) else source)
    roots = [("brødteksten", document.element.body)]
    for label, reltype in (("topptekst", RT.HEADER), ("bunntekst", RT.FOOTER)):
        for rel in document.part.rels.values():
            if rel.reltype == reltype and rel.target_part.blob:
                roots.append((label, parse_xml(rel.target_part.blob)))
    return [(label, "".join(t.text or "" for t in p.iter(qn("w:t"))))
            for label, root in roots for p in root.iter(qn("w:p"))]


def unclosed_tags(source: Path | bytes) -> list[str]:
    """A Norwegian message for every paragraph whose tags do not open and close within it."""
    problems = []
    for label, text in _paragraph_texts(source):
        opened: str | None = None
        trouble = None
        for token in _TOKEN.findall(text):
            if token in _CLOSES:
                if opened:
                    trouble = f"«{token}» åpnes før «{_CLOSES[opened]}» har lukket «{opened}»"
                    break
                opened = token
            elif opened and token == _CLOSES[opened]:
                opened = None
            else:
                trouble = f"«{token}» lukker noe som ikke er åpnet"
                break
        if trouble is None and opened:
            trouble = f"«{opened}» lukkes ikke med «{_CLOSES[opened]}»"
        if trouble:
            problems.append(f"Feil i malkoden i {label}: {trouble}, i avsnittet «{' '.join(text.split())[:120]}».")
    return problems
