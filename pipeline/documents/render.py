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

from ..common.config import Config, maalform_of
from ..common.document_set import DokumentSpec
from .docx_accessibility import DescribedImage, describe_document, document_title
from ..common.errors import PraksisError
from ..domain.identifiers import fnr_birth_date
from .identity import DocumentIdentity, qr_png
from .maalform import ORDBRUK, Ordbruk, template_path
from ..domain.record import Maalform, Praksisplass, Status, Tiltak
from .template_syntax import unclosed_tags
from ..domain.vilkaar import aktivitet_hjemmel, hours_disagree, probation, working_day_on_or_before
from ..common.workspace import atomic_write_bytes

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


def tall(value: Any) -> str:
    """37.5 → «37,5»; 30.0 → «30»."""
    if value is None or value == "":
        return ""
    return f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",")


def timer(value: Any, wording: str = "{} timer per uke") -> str:
    """37.5 → «37,5 timer per uke» (nynorsk: «37,5 timar per veke»)."""
    if value is None or value == "":
        return ""
    return wording.format(tall(value))


def janei(value: Any) -> str:
    return "" if value is None else ("Ja" if value else "Nei")


def telefon(value: Any) -> str:
    """Norwegian grouping: «41234567» → «41 23 45 67», «+4791345678» → «+47 91 34 56 78»."""
    if not value:
        return ""
    text = str(value)
    digits = "".join(c for c in text if c.isdigit())
    prefix = ""
    if text.strip().startswith("+47") and len(digits) == 10:
        prefix, digits = "+47 ", digits[2:]
    elif text.strip().startswith("0047") and len(digits) == 12:
        prefix, digits = "+47 ", digits[4:]
    if len(digits) != 8:
        return text  # a foreign or odd number: as typed
    if digits[0] in "48":  # mobile and 800-numbers: 412 34 567
        return prefix + f"{digits[:3]} {digits[3:5]} {digits[5:]}"
    return prefix + " ".join(digits[i:i + 2] for i in range(0, 8, 2))


def orgnr(value: Any) -> str:
    """«939099603» → «939 099 603»."""
    if not value:
        return ""
    digits = "".join(c for c in str(value) if c.isdigit())
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}" if len(digits) == 9 else str(value)


def _finalize(value: Any) -> Any:
    return "" if value is None else value


def jinja_environment(maalform: Maalform = Maalform.BOKMAAL) -> Environment:
    env = Environment(autoescape=True, undefined=StrictUndefined, finalize=_finalize)
    wording = ORDBRUK[maalform].timer_per_uke
    env.filters.update(dato=dato, kortdato=kortdato, timer=lambda value: timer(value, wording), tall=tall,
                       janei=janei, telefon=telefon, orgnr=orgnr)
    return env


def _laws(names: list[str]) -> str:
    """«a», «a og b», «a, b og c»."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " og " + names[-1]


def bind_sections(text: str) -> str:
    """«§ 13» with a hard space, so a line never breaks between «§» and its number."""
    return text.replace("§§ ", "§§\u00a0").replace("§ ", "§\u00a0")


def _meetings(record: Praksisplass, course: str, words: Ordbruk) -> list[dict[str, str]]:
    """The three meetings as measures in the oppfølgingsplan, each with who is responsible and a
    deadline: the booked date, else the latest date it should be held; in a closed case a meeting
    without a date is stated as not held (never «avtales senere»)."""
    start, end = record.startdato, record.gjeldende_sluttdato
    midway = start + (end - start) / 2
    if record.tiltak is Tiltak.TRAINEE:  # an employee: the leader evaluates, NAV takes part
        leader = record.praksisenhet.leder.navn
        follow_up = words.naermeste_leder[0].format(leader) if leader else words.naermeste_leder[1]
    else:
        follow_up = (record.hjemmeenhet.leder if record.tiltak is Tiltak.INTERN_ARBEIDSTRENING
                     else record.praksisbestiller.kontaktperson) or record.praksisveileder.navn \
            or record.praksisenhet.leder.navn or words.lederen_ved_enheten
    supervisor = record.praksisveileder.navn or record.praksisenhet.leder.navn or words.lederen_ved_enheten
    closed = record.status is Status.AVSLUTTET
    rows = []
    (first, first_content), (middle, middle_content), (last, last_content) = words.moeter
    for name, content, responsible, booked, latest in (
        (first, first_content, supervisor, record.oppstartsmoete, start),
        (middle, middle_content, follow_up, record.midtveisevaluering, midway),
        (last, last_content.format(forloep=course), follow_up, record.avslutningsmoete, end),
    ):
        if booked:
            when = dato(booked)
        elif closed:
            when = words.ikke_holdt
        else:
            when = words.senest.format(dato(working_day_on_or_before(latest)))
        rows.append({"navn": name, "innhold": content, "ansvarlig": responsible, "frist": when})
    return rows


def _role(party: str, tiltak: Tiltak, words: Ordbruk) -> str:
    """Role labels on the signature lines, adjusted to the scheme."""
    if party == "praktikant":
        return words.termer.get(tiltak, words.standard_term)[1]
    return words.roller_per_tiltak.get((party, tiltak)) or words.signaturroller[party]


OPTIONAL_PARTIES = ("praksisbestiller", "hjemmeenhet")
"""Parties a record may not name yet: with neither name nor unit they get no signature line
(a line for a party named nowhere binds no one); the agreement says who is to be filled in."""


def _signer(record: Praksisplass, party: str) -> tuple[str, str]:
    """The signer's printed name, and below it their job title and place (either may be empty)."""
    if party == "praktikant":
        return record.praktikant.navn, ""
    if party == "praksisenhet":
        leader = record.praksisenhet.leder
        return leader.navn or "", ", ".join(x for x in (leader.stilling, record.praksisenhet.navn) if x)
    if party == "praksisveileder":
        return record.praksisveileder.navn or "", ", ".join(
            x for x in (record.praksisveileder.stilling, record.praksisenhet.navn) if x)
    if party == "hjemmeenhet":
        return record.hjemmeenhet.leder or "", record.hjemmeenhet.navn or ""
    return record.praksisbestiller.kontaktperson or "", record.praksisbestiller.virksomhet or ""


def _probation(record: Praksisplass) -> dict[str, Any] | None:
    """The trainee's probation: whole months, never more than half the employment (aml. § 15-6
    (2)), and its last day; None where none is agreed."""
    months = record.ansettelse.proevetid_maaneder
    if not months or record.tiltak is not Tiltak.TRAINEE:
        return None
    allowed, last, _ = probation(record.startdato, record.sluttdato, months)
    return {"maaneder": allowed, "til": last} if allowed else None


def _requirements(record: Praksisplass, words: Ordbruk) -> str:
    parts = []
    if record.krav.politiattest:
        basis = record.krav.politiattest_hjemmel
        parts.append(words.politiattest_etter.format(basis) if basis else words.politiattest)
    if record.krav.mrsa_tuberkulose:
        parts.append(words.mrsa)
    return words.og.join(parts)


def _plain(value: Any) -> Any:
    """Enums as their values, recursively, so templates compare with plain strings."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    return value


def _grouped(value: Any) -> Any:
    """Phone and organisation numbers grouped the Norwegian way, wherever they are in the data."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if key == "telefon" and isinstance(item, str):
                out[key] = telefon(item)
            elif key == "organisasjonsnummer" and isinstance(item, str):
                out[key] = orgnr(item)
            else:
                out[key] = _grouped(item)
        return out
    return value


def _screening(config: Config, maalform: Maalform) -> str:
    """«Unntatt offentlighet, jf. offl. § 13 jf. fvl. § 13 første ledd nr. 1», from the archive's
    skjerming (nynorsk: «Unnateke offentlegheit, jf. …», `tilgangsrestriksjon_nynorsk`)."""
    arkiv = config.settings.arkiv
    if not arkiv.tilgangsrestriksjon:
        return ""
    restriction = arkiv.tilgangsrestriksjon
    if maalform is Maalform.NYNORSK and arkiv.tilgangsrestriksjon_nynorsk:
        restriction = arkiv.tilgangsrestriksjon_nynorsk
    basis = arkiv.skjermingshjemmel
    basis = basis[:1].lower() + basis[1:]
    return bind_sections(f"{restriction}, jf. {basis}" if basis else restriction)


def context_data(record: Praksisplass, spec: DokumentSpec, identity: DocumentIdentity, config: Config,
                 today: date) -> dict[str, Any]:
    """Everything a template may use, without images (see `TEMPLATE_IMAGES`). Never the
    fødselsnummer: documents show the birth date."""
    data = _grouped(_plain(record.model_dump(mode="python")))
    birth = fnr_birth_date(record.praktikant.foedselsnummer)
    data["praktikant"]["foedselsdato"] = birth
    if hours_disagree(record.timer_per_uke, record.arbeidstid) is not None:
        data["arbeidstid"] = None  # print the weekly hours only, never two figures that disagree
    if not spec.tillat_foedselsnummer:
        del data["praktikant"]["foedselsnummer"]
    org = config.settings.virksomhet
    maalform = maalform_of(record, org)
    words = ORDBRUK[maalform]
    term, term_title = words.termer.get(record.tiltak, words.standard_term)
    course = words.forloep.get(record.tiltak, words.standard_forloep)
    supervisor = words.veileder[0] if record.tiltak in words.termer else words.veileder[1]
    laws = words.sektorlover[record.praksisenhet.sektor]
    ended_early = record.faktisk_sluttdato is not None and record.faktisk_sluttdato < record.sluttdato
    data.update(
        tiltak_navn=record.tiltak.visningsnavn,
        gjeldende_sluttdato=record.gjeldende_sluttdato,
        periode=f"{dato(record.startdato)} – {dato(record.sluttdato)}",
        gjennomfoert_periode=f"{dato(record.startdato)} – {dato(record.gjeldende_sluttdato)}",
        avsluttet=record.status is Status.AVSLUTTET,
        avsluttet_tidlig=ended_early,
        kravtekst=bind_sections(_requirements(record, words)),
        ordning=words.ordning[record.tiltak],
        moeter=_meetings(record, course, words),
        person=term, Person=term[:1].upper() + term[1:], person_rolle=term_title,
        forloep=course, Forloep=course[:1].upper() + course[1:],
        veileder=supervisor, Veileder=supervisor[:1].upper() + supervisor[1:],
        sektorlov={
            "taushet": bind_sections(_laws([words.forvaltningsloven, *laws[0]])),
            "opplysningsplikt": bind_sections(laws[1]),
        },
        aktivitet_hjemmel=aktivitet_hjemmel(birth, record.startdato, words.sosialtjenesteloven),
        proevetid=_probation(record),
        virksomhet=_grouped(org.model_dump(exclude={"logo"})),
        arbeidsgiver=config.settings.arbeidsgiver.terms(maalform),
        maalform=maalform.value,
        dokument={
            "type": identity.dokumenttype,
            "tittel": spec.title(maalform),
            "saksnummer": identity.saksnummer,
            "versjon": identity.versjon,
            "id": identity.id,
            "identitet": (
                f"Sak {identity.saksnummer} · versjon {identity.versjon}" if identity.saksnummer
                else words.utkast_identitet.format(record.id)
            ),
            "utkast": identity.utkast,
            "dato": today,
            "var_ref": identity.var_ref,
            "skjerming": _screening(config, maalform),
        },
        signaturer=[
            {"rolle": _role(p, record.tiltak, words), "navn": name, "detalj": detail}
            for p in spec.signeres_av for name, detail in [_signer(record, p)]
            if name or detail or p not in OPTIONAL_PARTIES
        ],
    )
    return data


TEMPLATE_IMAGES = ("logo", "qr")
"""Context names that hold images (InlineImage), added per rendering."""


@dataclass
class TemplateCache:
    """Template and logo bytes, read once. A new DocxTemplate is made per document from the
    bytes: reusing one object saves nothing and has duplicated rows (see TOOLING.md)."""

    config: Config
    _templates: dict[Path, bytes] = field(default_factory=dict)
    _logo: bytes | None = None
    _logo_read: bool = False

    def path(self, spec: DokumentSpec, maalform: Maalform) -> Path:
        """The template file for a document in this written standard (the other one's where only
        that exists: see maalform.template_path)."""
        return template_path(self.config.workspace.templates, spec.mal, maalform)[0]

    def template(self, spec: DokumentSpec, maalform: Maalform = Maalform.BOKMAAL) -> bytes:
        path = self.path(spec, maalform)
        if path not in self._templates:
            name = template_name(self.config, path)
            try:
                data = path.read_bytes()
            except FileNotFoundError:
                raise RenderError(name, f"finnes ikke i {path.parent}. Legg malen der, eller rett «mal» i praksis.toml.") from None
            unclosed = unclosed_tags(data)
            if unclosed:  # would render with text silently missing: refuse
                raise RenderError(name, f"{unclosed[0]} Kjør «praksis templates check».")
            self._templates[path] = data
        return self._templates[path]

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


def template_name(config: Config, path: Path) -> str:
    """A template as HR find it: «praksisavtale.docx», «nn/praksisavtale.docx»."""
    try:
        return path.relative_to(config.workspace.templates).as_posix()
    except ValueError:
        return path.name


class Renderer:
    """Fills in the workspace's templates. One per run; holds the template bytes."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.cache = TemplateCache(config)
        self.envs = {maalform: jinja_environment(maalform) for maalform in Maalform}

    def render(self, record: Praksisplass, dokumenttype: str, identity: DocumentIdentity,
               today: date | None = None) -> bytes:
        """The filled-in DOCX for one document, as bytes, in the placement's written standard."""
        spec = self.config.settings.dokumenter[dokumenttype]
        maalform = maalform_of(record, self.config.settings.virksomhet)
        template = DocxTemplate(io.BytesIO(self.cache.template(spec, maalform)))
        context = context_data(record, spec, identity, self.config, today or date.today())
        words = ORDBRUK[maalform]
        logo = self.cache.logo()
        context["logo"] = DescribedImage(template, io.BytesIO(logo), f"Logo: {self.config.settings.virksomhet.navn}",
                                         height=Mm(LOGO_HEIGHT_MM)) if logo else None
        context["qr"] = DescribedImage(template, io.BytesIO(qr_png(identity.code)), words.qr_beskrivelse,
                                       width=Mm(QR_WIDTH_MM))
        try:
            template.render(context, jinja_env=self.envs[maalform], autoescape=True)
        except TemplateError as exc:
            around = " / ".join(t.strip() for t in getattr(exc, "docx_context", []) if t.strip())
            raise RenderError(template_name(self.config, self.cache.path(spec, maalform)),
                              f"{exc}{f' (ved: {around})' if around else ''}. Kjør «praksis templates check».") from None
        describe_document(template.docx, document_title(spec, identity, maalform), maalform.spraakkode)
        out = io.BytesIO()
        template.save(out)
        return out.getvalue()

    def render_to(self, path: Path, record: Praksisplass, dokumenttype: str, identity: DocumentIdentity,
                  today: date | None = None) -> Path:
        atomic_write_bytes(path, self.render(record, dokumenttype, identity, today))
        return path
