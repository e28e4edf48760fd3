"""A Word template's Jinja source: its parts (body, headers, footers) as docxtpl renders
them, and the names it prints or tests. Read by `templates check` and by `facts.py` (what a
document states decides when it needs a new version)."""

from __future__ import annotations

import re
from typing import Any

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docxtpl import DocxTemplate
from jinja2 import meta, nodes

from .render import jinja_environment


def template_parts(path: Any) -> list[tuple[str, str]]:
    """(part name, Jinja source) for the body, headers and footers, as docxtpl renders them."""
    template = DocxTemplate(path)
    document = Document(path)
    parts = [("brødteksten", template.patch_xml(template.xml_to_string(document.element.body)))]
    for label, reltype in (("topptekst", RT.HEADER), ("bunntekst", RT.FOOTER)):
        for rel in document.part.rels.values():
            if rel.reltype == reltype and rel.target_part.blob:
                xml = template.xml_to_string(parse_xml(rel.target_part.blob))
                parts.append((label, template.patch_xml(xml)))
    # one paragraph per line, as docxtpl does, so line numbers point at a paragraph
    return [(label, re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)) for label, xml in parts]


def attribute_chain(node: nodes.Node) -> list[str] | None:
    """`praktikant.navn` as ["praktikant", "navn"]; None for anything but a name and attributes."""
    parts: list[str] = []
    while isinstance(node, nodes.Getattr):
        parts.append(node.attr)
        node = node.node
    if isinstance(node, nodes.Name):
        return [node.name, *reversed(parts)]
    return None


def template_variables(path: Any) -> set[tuple[str, ...]]:
    """The context names a template prints or tests, as attribute chains (`praktikant.navn` →
    ("praktikant", "navn")), longest chains only. Raises TemplateSyntaxError for a broken template."""
    env = jinja_environment()
    chains: set[tuple[str, ...]] = set()
    for _, source in template_parts(path):
        tree = env.parse(source)
        globals_ = meta.find_undeclared_variables(tree)
        chains |= {tuple(c) for c in (attribute_chain(n) for n in tree.find_all(nodes.Getattr)) if c and c[0] in globals_}
        chains |= {(g,) for g in globals_}
    return {c for c in chains if not any(len(o) > len(c) and o[: len(c)] == c for o in chains)}
