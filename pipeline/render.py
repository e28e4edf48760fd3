"""Rendering: a validated placement + a Word template → a filled-in DOCX.

docxtpl with autoescape (so `Bø & Sønner <AS>` stays text) and StrictUndefined (a template
that names an unknown field fails loudly instead of printing nothing). None prints as
nothing; dates print in Norwegian ("5. januar 2026").
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

from docx.shared import Mm
from docxtpl import DocxTemplate
from jinja2 import Environment, StrictUndefined, TemplateError

from .config import Config, DokumentSpec
from .docx_accessibility import DescribedImage, describe_document, document_title
from .errors import PraksisError
from .identifiers import fnr_birth_date
from .identity import DocumentIdentity, qr_png
from .record import Praksisplass
from .template_syntax import unclosed_tags
from .workspace import atomic_write_bytes

MAANEDER = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
            "oktober", "november", "desember")
QR_WIDTH_MM = 22  # ≥ 20 mm: reliably read from a 150–200 dpi scan (see TOOLING.md)
LOGO_HEIGHT_MM = 16


class RenderError(PraksisError):
    """A template could not be filled in; the message names the template and the problem."""

    def __init__(self, template: str, message: str) -> None:
        super().__init__(f"Malen {template}: {message}")
        self.template = template


def dato(value: Any) -> str:
    """`date(2026, 1, 5)` → «5. januar 2026»."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value)
    return f"{value.day}. {MAANEDER[value.month - 1]} {value.year}"


def kortdato(value: Any) -> str:
    return "" if value is None else value.strftime("%d.%m.%Y")


def timer(value: Any) -> str:
    """37.5 → «37,5 timer per uke»."""
    if value is None or value == "":
        return ""
    number = f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",")
    return f"{number} timer per uke"


def janei(value: Any) -> str:
    return "" if value is None else ("Ja" if value else "Nei")


def _finalize(value: Any) -> Any:
    return "" if value is None else value


def jinja_environment() -> Environment:
    env = Environment(autoescape=True, undefined=StrictUndefined, finalize=_finalize)
    env.filters.update(dato=dato, kortdato=kortdato, timer=timer, janei=janei)
    return env


SIGNATURROLLER = {
    "praktikant": "Praktikant",
    "praksisenhet": "For praksisenheten",
    "praksisveileder": "Praksisveileder",
    "praksisbestiller": "For praksisbestiller",
}


def _signer(record: Praksisplass, party: str) -> str:
    if party == "praktikant":
        return record.praktikant.navn
    if party == "praksisenhet":
        leader = record.praksisenhet.leder.navn
        return f"{leader}, {record.praksisenhet.navn}" if leader else record.praksisenhet.navn
    if party == "praksisveileder":
        return record.praksisveileder.navn or ""
    who = record.praksisbestiller.kontaktperson
    where = record.praksisbestiller.virksomhet
    return ", ".join(x for x in (who, where) if x)


def _requirements(record: Praksisplass) -> str:
    parts = []
    if record.krav.politiattest:
        parts.append("politiattest")
    if record.krav.mrsa_tuberkulose:
        parts.append("egenerklæring om MRSA og tuberkulose")
    return " og ".join(parts)


def _plain(value: Any) -> Any:
    """Enums as their values, recursively, so templates compare with plain strings."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    return value


def context_data(record: Praksisplass, spec: DokumentSpec, identity: DocumentIdentity, config: Config,
                 today: date) -> dict[str, Any]:
    """Everything a template may use, without images (see `TEMPLATE_IMAGES`)."""
    data = _plain(record.model_dump(mode="python"))
    data["praktikant"]["foedselsdato"] = fnr_birth_date(record.praktikant.foedselsnummer)
    if spec.uten_foedselsnummer:
        del data["praktikant"]["foedselsnummer"]
    org = config.settings.virksomhet
    data.update(
        tiltak_navn=record.tiltak.visningsnavn,
        gjeldende_sluttdato=record.gjeldende_sluttdato,
        periode=f"{dato(record.startdato)} – {dato(record.sluttdato)}",
        gjennomfoert_periode=f"{dato(record.startdato)} – {dato(record.gjeldende_sluttdato)}",
        kravtekst=_requirements(record),
        virksomhet=org.model_dump(exclude={"logo"}),
        dokument={
            "type": identity.dokumenttype,
            "tittel": spec.tittel,
            "saksnummer": identity.saksnummer,
            "versjon": identity.versjon,
            "id": identity.id,
            "identitet": (
                f"Sak {identity.saksnummer} · versjon {identity.versjon}" if identity.saksnummer
                else f"Utkast · ikke arkivert · praksisplass {record.id}"
            ),
            "utkast": identity.utkast,
            "dato": today,
        },
        signaturer=[{"rolle": SIGNATURROLLER[p], "navn": _signer(record, p)} for p in spec.signeres_av],
    )
    return data


TEMPLATE_IMAGES = ("logo", "qr")
"""Context names that hold images (InlineImage), added per rendering."""


@dataclass
class TemplateCache:
    """Template and logo bytes, read once. A new DocxTemplate is made per document from the
    bytes: reusing one object saves nothing and has duplicated rows (see TOOLING.md)."""

    config: Config
    _templates: dict[str, bytes] = field(default_factory=dict)
    _logo: bytes | None = None
    _logo_read: bool = False

    def template(self, spec: DokumentSpec) -> bytes:
        if spec.mal not in self._templates:
            path = self.config.workspace.templates / spec.mal
            try:
                data = path.read_bytes()
            except FileNotFoundError:
                raise RenderError(spec.mal, f"finnes ikke i {path.parent}. Legg malen der, eller rett «mal» i praksis.toml.") from None
            unclosed = unclosed_tags(data)
            if unclosed:  # would render with text silently missing: refuse
                raise RenderError(spec.mal, f"{unclosed[0]} Kjør «praksis templates check».")
            self._templates[spec.mal] = data
        return self._templates[spec.mal]

    def logo(self) -> bytes | None:
        if not self._logo_read:
            name = self.config.settings.virksomhet.logo
            if name:
                path = self.config.workspace.config_dir / name
                try:
                    self._logo = path.read_bytes()
                except FileNotFoundError:
                    raise RenderError(name, f"logoen {path} finnes ikke. Rett «logo» under [virksomhet] i praksis.toml.") from None
            self._logo_read = True
        return self._logo


class Renderer:
    """Fills in the workspace's templates. One per run; holds the template bytes."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.cache = TemplateCache(config)
        self.env = jinja_environment()

    def render(self, record: Praksisplass, dokumenttype: str, identity: DocumentIdentity,
               today: date | None = None) -> bytes:
        """The filled-in DOCX for one document, as bytes."""
        spec = self.config.settings.dokumenter[dokumenttype]
        template = DocxTemplate(io.BytesIO(self.cache.template(spec)))
        context = context_data(record, spec, identity, self.config, today or date.today())
        logo = self.cache.logo()
        context["logo"] = DescribedImage(template, io.BytesIO(logo), f"Logo: {self.config.settings.virksomhet.navn}",
                                         height=Mm(LOGO_HEIGHT_MM)) if logo else None
        context["qr"] = DescribedImage(template, io.BytesIO(qr_png(identity.code)), "QR-kode med dokumentets identitet",
                                       width=Mm(QR_WIDTH_MM))
        try:
            template.render(context, jinja_env=self.env, autoescape=True)
        except TemplateError as exc:
            around = " / ".join(t.strip() for t in getattr(exc, "docx_context", []) if t.strip())
            raise RenderError(spec.mal, f"{exc}{f' (ved: {around})' if around else ''}. Kjør «praksis templates check».") from None
        describe_document(template.docx, document_title(spec, identity), spec.spraak)
        out = io.BytesIO()
        template.save(out)
        return out.getvalue()

    def render_to(self, path: Path, record: Praksisplass, dokumenttype: str, identity: DocumentIdentity,
                  today: date | None = None) -> Path:
        atomic_write_bytes(path, self.render(record, dokumenttype, identity, today))
        return path
