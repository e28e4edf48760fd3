"""`praksis templates check`: what an edit in Word broke, in words HR staff can act on.

For every template in the document set: Jinja syntax errors with the surrounding text,
every variable that is not in the rendering context (the placement record and the
document/organisation details), the fødselsnummer in any tag of a document that may not
show it, a trial render with a complete sample record for each tiltak it applies to, and
the holes a record with every optional field empty leaves (template_holes.py).
"""

from __future__ import annotations

import difflib
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date
from typing import Any

from jinja2 import Environment, Template, TemplateSyntaxError, meta, nodes

from ..common.config import Config
from ..common.document_set import DokumentSpec
from .identity import DocumentIdentity
from .maalform import NYNORSK_DIR, template_path
from ..domain.record import Maalform
from .render import TEMPLATE_IMAGES, Renderer, RenderError, context_data, jinja_environment, template_name
from ..domain.synthetic import sample_record
from .template_accessibility import accessibility_warnings
from .template_holes import Hole, docx_blocks, due_cases, empty_optional_record, find_holes
from .template_source import attribute_chain, template_parts
from .template_syntax import unclosed_tags

_TAG = re.compile(r"<[^>]+>")
_JINJA_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_FNR = re.compile(r"(?i)foedselsnummer|fødselsnummer")


@dataclass(frozen=True)
class TemplateProblem:
    template: str
    message: str
    warning: bool = False
    """Something HR should know that makes no document wrong (a template that exists in one
    written standard only): reported, but the check still passes."""

    def as_dict(self) -> dict[str, str]:
        return {"mal": self.template, "melding": self.message}


def _text_of(xml_line: str) -> str:
    return " ".join(_TAG.sub("", xml_line).split())


def _schema(config: Config, spec: DokumentSpec) -> dict[str, Any]:
    context = context_data(sample_record(spec.tiltak[0].value), spec, DocumentIdentity("x", 1, "2026/1"), config,
                           date.today())
    return {**context, **{name: "bilde" for name in TEMPLATE_IMAGES}}


def _lookup(schema: dict[str, Any], chain: list[str]) -> bool:
    """True if the chain exists; attribute access below a plain value (a date's .year) is allowed."""
    node: Any = schema
    for part in chain:
        if not isinstance(node, dict):
            return True
        if part not in node:
            return False
        node = node[part]
    return True


def _names(schema: dict[str, Any], prefix: str = "") -> list[str]:
    found = []
    for key, value in schema.items():
        found.append(prefix + key)
        if isinstance(value, dict):
            found.extend(_names(value, prefix + key + "."))
    return found


def _where(source: str, needle: str) -> str:
    for line in source.splitlines():
        if needle in line:
            return _text_of(line)[:120]
    return ""


def check_template(config: Config, name: str, spec: DokumentSpec,
                   maalform: Maalform = Maalform.BOKMAAL) -> list[TemplateProblem]:
    """Every problem of the template a document in `maalform` is made from (see the module docstring)."""
    path = template_path(config.workspace.templates, spec.mal, maalform)[0]
    mal = template_name(config, path)
    if not path.is_file():
        return [TemplateProblem(mal, f"Malen finnes ikke i {path.parent}. Legg den der, eller rett «mal» "
                                     f"under [dokumenter.{name}] i praksis.toml.")]
    try:
        parts = template_parts(path)
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        return [TemplateProblem(mal, f"Filen kan ikke åpnes som Word-dokument ({exc}). Lagre den som .docx.")]
    unclosed = unclosed_tags(path)
    if unclosed:  # checked first: docxtpl's clean-up would hide these behind other errors or none
        return [TemplateProblem(mal, message + " Rett taggen i Word.") for message in unclosed]
    env = jinja_environment()
    schema = _schema(config, spec)
    known = _names(schema)
    problems: list[TemplateProblem] = [] if spec.tillat_foedselsnummer else fnr_problems(name, spec, parts, mal)
    for label, source in parts:
        try:
            tree = env.parse(source)
        except TemplateSyntaxError as exc:
            lines = source.splitlines()
            around = " … ".join(t for t in (_text_of(x) for x in lines[max(exc.lineno - 2, 0): exc.lineno + 1]) if t)
            problems.append(TemplateProblem(mal, (
                f"Feil i malkoden i {label}: {exc.message}. Ved teksten «{around[:200]}». Sjekk at hver «{{{{» har "
                "en «}}», og at hver «{% if %}»/«{% for %}» har sin «{% endif %}»/«{% endfor %}»."
            )))
            continue
        globals_ = meta.find_undeclared_variables(tree)
        chains = [c for c in (attribute_chain(n) for n in tree.find_all(nodes.Getattr)) if c and c[0] in globals_]
        chains += [[g] for g in globals_]
        failing = {".".join(c) for c in chains if not _lookup(schema, c)}
        for dotted in sorted(failing):
            if any(dotted.startswith(other + ".") for other in failing):
                continue  # the shorter name is already reported
            if _FNR.search(dotted):
                continue  # reported by `fnr_problems`, with what to use instead
            guess = difflib.get_close_matches(dotted, known, n=1)
            hint = f" Mente du «{guess[0]}»?" if guess else ""
            message = f"«{dotted}» i {label} finnes ikke i praksisposten.{hint} Rett navnet eller fjern feltet."
            where = _where(source, dotted.split(".")[-1])
            problems.append(TemplateProblem(mal, message + (f" (ved «{where}»)" if where else "")))
    if problems:
        return problems
    warnings = [TemplateProblem(mal, message) for message in accessibility_warnings(path)]
    return trial_problems(config, name, spec, maalform) + warnings


def fnr_problems(name: str, spec: DokumentSpec, parts: list[tuple[str, str]], mal: str | None = None) -> list[TemplateProblem]:
    """Every Jinja tag that names the fødselsnummer (printed, tested, assigned or looked up)."""
    problems = []
    for label, source in parts:
        for line in source.splitlines():
            for tag in _JINJA_TAG.findall(_TAG.sub("", line)):
                if _FNR.search(tag):
                    problems.append(TemplateProblem(mal or spec.mal, (
                        f"«{' '.join(tag.split())}» i {label} bruker fødselsnummeret, men {spec.tittel.lower()} skal "
                        f"aldri vise det («tillat_foedselsnummer» er ikke satt under [dokumenter.{name}]). "
                        "Bruk «praktikant.foedselsdato|dato» og fjern fødselsnummeret fra malen."
                    )))
    return problems


def _compile_once(env: Environment) -> Environment:
    """`env`, compiling each distinct source once: docxtpl compiles every part of the template on
    every render, and a trial run renders one template dozens of times (a third of its time)."""
    compiled: dict[str, Template] = {}
    compile_source = env.from_string

    def from_string(source: Any, globals: Any = None, template_class: Any = None) -> Template:
        if globals is not None or template_class is not None or not isinstance(source, str):
            return compile_source(source, globals, template_class)
        if source not in compiled:
            compiled[source] = compile_source(source)
        return compiled[source]

    env.from_string = from_string  # type: ignore[method-assign]
    return env


def trial_problems(config: Config, name: str, spec: DokumentSpec,
                   maalform: Maalform = Maalform.BOKMAAL) -> list[TemplateProblem]:
    """Trial renders for every tiltak and status at which the document is due, in `maalform`: once
    with a complete sample record (it must render at all), once with every optional field empty
    (it must leave no holes). Each hole is reported once, with the cases that show it."""
    renderer = Renderer(config)
    renderer.envs = {form: _compile_once(env) for form, env in renderer.envs.items()}
    mal = template_name(config, template_path(config.workspace.templates, spec.mal, maalform)[0])
    found: dict[tuple[str, str], dict[str, list[str]]] = {}
    identity = DocumentIdentity(name, 1, "2026/1")
    today = date(2026, 1, 5)
    for tiltak, status in due_cases(spec):
        full = sample_record(tiltak.value, status.value).model_copy(update={"maalform": maalform})
        empty = empty_optional_record(config, spec, full)
        for record, what in ((full, ""), (empty, " med tomme valgfrie felt")):
            try:
                rendered = renderer.render(record, name, identity, today)
            except RenderError as exc:
                return [TemplateProblem(mal, (
                    f"Prøveutfylling{what} for {tiltak.visningsnavn} ({status.value}) feilet: {exc.message}"))]
            if record is full:
                full_blocks = docx_blocks(io.BytesIO(rendered))
            else:
                empty_blocks = docx_blocks(io.BytesIO(rendered))
        signers = {s["rolle"]: s["navn"] for s in context_data(empty, spec, identity, config, today)["signaturer"]}
        for hole in find_holes(empty_blocks, full_blocks, signers):
            statuses = found.setdefault((hole.kind, hole.text), {}).setdefault(tiltak.visningsnavn, [])
            if status.value not in statuses:
                statuses.append(status.value)
    problems = []
    for (kind, text), cases in found.items():
        where = "; ".join(f"{tiltak} ({', '.join(statuses)})" for tiltak, statuses in cases.items())
        problems.append(TemplateProblem(mal, (
            f"Hull når valgfrie felt er tomme, for {where}: {Hole(kind, text).message()}")))
    return problems


def check_templates(config: Config) -> dict[str, list[TemplateProblem]]:
    """Problems per template in the document set, both written standards checked the same way
    (an empty list: the template is fine). A template that several document types use is checked
    for each of them. A document with a template in one written standard only is made from that
    one in the other as well: a warning on it, and it is checked for that standard too."""
    results: dict[str, list[TemplateProblem]] = {}
    templates = config.workspace.templates
    for name, spec in config.settings.dokumenter.items():
        for maalform in Maalform:
            path, fallback = template_path(templates, spec.mal, maalform)
            if not path.is_file() and maalform is Maalform.NYNORSK:
                continue  # neither exists: reported once, for bokmål
            mal = template_name(config, path)
            found = results.setdefault(mal, [])
            if fallback:
                found.append(_fallback_warning(spec, maalform, mal))
            found.extend(p for p in check_template(config, name, spec, maalform) if p not in found)
    untranslated = config.settings.arbeidsgiver.untranslated()
    if untranslated and any((templates / NYNORSK_DIR / spec.mal).is_file() for spec in config.settings.dokumenter.values()):
        results.setdefault("praksis.toml", []).append(TemplateProblem("praksis.toml", (
            f"[arbeidsgiver] {', '.join(untranslated)} er endret, men har ingen nynorsk tekst under "
            "[arbeidsgiver.nynorsk]: nynorske dokumenter skriver dem på bokmål. Legg inn den nynorske teksten der."),
            warning=True))
    return results


def _fallback_warning(spec: DokumentSpec, maalform: Maalform, mal: str) -> TemplateProblem:
    wanted = f"{NYNORSK_DIR}/{spec.mal}" if maalform is Maalform.NYNORSK else spec.mal
    return TemplateProblem(mal, (
        f"{spec.tittel} har ingen mal på {maalform.visningsnavn} ({wanted}): dokumenter på {maalform.visningsnavn} "
        f"lages av {mal}. Legg en mal på {maalform.visningsnavn} i templates/docx/"
        f"{NYNORSK_DIR + '/' if maalform is Maalform.NYNORSK else ''} for å få dem på {maalform.visningsnavn}."),
        warning=True)
