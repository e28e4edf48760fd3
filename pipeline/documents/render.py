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

from ..common.config import Config, DokumentSpec
from .docx_accessibility import DescribedImage, describe_document, document_title
from ..common.errors import PraksisError
from ..domain.identifiers import fnr_birth_date
from .identity import DocumentIdentity, qr_png
from ..domain.record import Praksisplass, Sektor, Status, Tiltak
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


def timer(value: Any) -> str:
    """37.5 → «37,5 timer per uke»."""
    if value is None or value == "":
        return ""
    return f"{tall(value)} timer per uke"


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


def jinja_environment() -> Environment:
    env = Environment(autoescape=True, undefined=StrictUndefined, finalize=_finalize)
    env.filters.update(dato=dato, kortdato=kortdato, timer=timer, tall=tall, janei=janei, telefon=telefon,
                       orgnr=orgnr)
    return env


TERMER = {
    Tiltak.TRAINEE: ("traineen", "Trainee"),
    Tiltak.INTERN_ARBEIDSTRENING: ("arbeidstakeren", "Arbeidstaker"),
}
"""What the person is called in a document's text, per tiltak (praktikanten for the rest)."""

FORLOEP = {Tiltak.TRAINEE: "traineeperioden", Tiltak.INTERN_ARBEIDSTRENING: "arbeidstreningen"}
"""What the placement itself is called (praksisen for the rest)."""

SIGNATURROLLER = {
    "praktikant": "Praktikant",
    "praksisenhet": "For praksisenheten",
    "praksisveileder": "Praksisveileder",
    "praksisbestiller": "For praksisbestilleren",
    "hjemmeenhet": "Nåværende leder",
}
"""Role labels on the signature lines; `_role` adjusts them to the scheme."""

SEKTORLOVER: dict[Sektor | None, dict[str, Any]] = {
    Sektor.HELSE: {
        "taushet": ["helsepersonelloven § 21", "helse- og omsorgstjenesteloven § 12-1"],
        "opplysningsplikt": "helsepersonelloven § 33",
    },
    # Barnehage and skole: the staff's duty of confidentiality is forvaltningsloven's (the sector
    # law refers to it); the sector law adds the duty to inform barnevernet.
    Sektor.BARNEHAGE: {"taushet": [], "opplysningsplikt": "barnehageloven § 46"},
    Sektor.SKOLE: {"taushet": [], "opplysningsplikt": "opplæringslova"},
    Sektor.BARNEVERN: {"taushet": ["barnevernsloven"], "opplysningsplikt": "barnevernsloven"},
    Sektor.NAV: {"taushet": ["NAV-loven § 7", "sosialtjenesteloven § 44"], "opplysningsplikt": "sosialtjenesteloven"},
    Sektor.ANNEN: {"taushet": [], "opplysningsplikt": "barnevernsloven"},
    None: {"taushet": [], "opplysningsplikt": "barnevernsloven"},
}
"""The laws beside forvaltningsloven § 13 that the taushetsløfte names, by the unit's sector, and
the law that makes the duty to inform barnevernet (for a unit without a sector law: the
barnevernsloven's general duty for public bodies). An empty text: not named. Section numbers
only where verified (see docs/maler.md, «Lovhenvisninger»)."""


def _laws(names: list[str]) -> str:
    """«a», «a og b», «a, b og c»."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " og " + names[-1]


def bind_sections(text: str) -> str:
    """«§ 13» with a hard space, so a line never breaks between «§» and its number."""
    return text.replace("§§ ", "§§\u00a0").replace("§ ", "§\u00a0")


ORDNING = {
    Tiltak.ARBEIDSTRENING: "har hatt arbeidstrening",
    Tiltak.AKTIVITETSPLASS: "har hatt aktivitetsplass",
    Tiltak.SPRAAKPRAKSIS: "har hatt språkpraksis",
    Tiltak.ARBEIDSPRAKSIS: "har hatt arbeidspraksis på kommunal praksisplass",
    Tiltak.TRAINEE: "har vært midlertidig ansatt som trainee",
    Tiltak.INTERN_ARBEIDSTRENING: "har hatt intern arbeidstrening",
}
"""The scheme in plain words, for the praksisbevis: «Kari Nordmann har hatt arbeidstrening ved …»."""


def _meetings(record: Praksisplass, course: str) -> list[dict[str, str]]:
    """The three meetings as measures in the oppfølgingsplan, each with who is responsible and a
    deadline: the booked date, else the latest date it should be held; in a closed case a meeting
    without a date is stated as not held (never «avtales senere»)."""
    start, end = record.startdato, record.gjeldende_sluttdato
    midway = start + (end - start) / 2
    if record.tiltak is Tiltak.TRAINEE:  # an employee: the leader evaluates, NAV takes part
        leader = record.praksisenhet.leder.navn
        follow_up = f"{leader} (nærmeste leder)" if leader else "Nærmeste leder"
    else:
        follow_up = (record.hjemmeenhet.leder if record.tiltak is Tiltak.INTERN_ARBEIDSTRENING
                     else record.praksisbestiller.kontaktperson) or record.praksisveileder.navn \
            or record.praksisenhet.leder.navn or "Lederen ved praksisenheten"
    supervisor = record.praksisveileder.navn or record.praksisenhet.leder.navn or "Lederen ved praksisenheten"
    closed = record.status is Status.AVSLUTTET
    rows = []
    for name, content, responsible, booked, latest in (
        ("Oppstartsmøte", "Mål, arbeidsoppgaver og tilrettelegging avklares.", supervisor, record.oppstartsmoete, start),
        ("Midtveisevaluering", "Målene gjennomgås: er de nådd så langt, og bør noe endres?", follow_up,
         record.midtveisevaluering, midway),
        ("Avslutningsmøte", f"Ble målene nådd? Effekten av {course} dokumenteres.", follow_up,
         record.avslutningsmoete, end),
    ):
        if booked:
            when = dato(booked)
        elif closed:
            when = "Ble ikke holdt"
        else:
            when = f"Senest {dato(working_day_on_or_before(latest))}"
        rows.append({"navn": name, "innhold": content, "ansvarlig": responsible, "frist": when})
    return rows


def _role(party: str, tiltak: Tiltak) -> str:
    if party == "praktikant":
        return TERMER.get(tiltak, ("", "Praktikant"))[1]
    if party == "praksisenhet" and tiltak is Tiltak.TRAINEE:
        return "For arbeidsgiveren"
    if party == "praksisenhet" and tiltak is Tiltak.INTERN_ARBEIDSTRENING:
        return "Leder ved mottakende enhet"
    if party == "praksisveileder" and tiltak in TERMER:
        return "Veileder"
    if party == "praksisbestiller" and tiltak in (Tiltak.ARBEIDSTRENING, Tiltak.AKTIVITETSPLASS, Tiltak.TRAINEE):
        return "For NAV"
    return SIGNATURROLLER[party]


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


def _requirements(record: Praksisplass) -> str:
    parts = []
    if record.krav.politiattest:
        basis = record.krav.politiattest_hjemmel
        parts.append(f"politiattest etter {basis}" if basis else "politiattest")
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


def _screening(config: Config) -> str:
    """«Unntatt offentlighet, jf. offl. § 13 jf. fvl. § 13 første ledd nr. 1», from the archive's skjerming."""
    arkiv = config.settings.arkiv
    if not arkiv.tilgangsrestriksjon:
        return ""
    basis = arkiv.skjermingshjemmel
    basis = basis[:1].lower() + basis[1:]
    return bind_sections(f"{arkiv.tilgangsrestriksjon}, jf. {basis}" if basis else arkiv.tilgangsrestriksjon)


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
    term, term_title = TERMER.get(record.tiltak, ("praktikanten", "Praktikant"))
    course = FORLOEP.get(record.tiltak, "praksisen")
    supervisor = "veilederen" if record.tiltak in TERMER else "praksisveilederen"
    ended_early = record.faktisk_sluttdato is not None and record.faktisk_sluttdato < record.sluttdato
    data.update(
        tiltak_navn=record.tiltak.visningsnavn,
        gjeldende_sluttdato=record.gjeldende_sluttdato,
        periode=f"{dato(record.startdato)} – {dato(record.sluttdato)}",
        gjennomfoert_periode=f"{dato(record.startdato)} – {dato(record.gjeldende_sluttdato)}",
        avsluttet=record.status is Status.AVSLUTTET,
        avsluttet_tidlig=ended_early,
        kravtekst=bind_sections(_requirements(record)),
        ordning=ORDNING[record.tiltak],
        moeter=_meetings(record, course),
        person=term, Person=term[:1].upper() + term[1:], person_rolle=term_title,
        forloep=course, Forloep=course[:1].upper() + course[1:],
        veileder=supervisor, Veileder=supervisor[:1].upper() + supervisor[1:],
        sektorlov={
            "taushet": bind_sections(_laws(["forvaltningsloven § 13", *SEKTORLOVER[record.praksisenhet.sektor]["taushet"]])),
            "opplysningsplikt": bind_sections(SEKTORLOVER[record.praksisenhet.sektor]["opplysningsplikt"]),
        },
        aktivitet_hjemmel=aktivitet_hjemmel(birth, record.startdato),
        proevetid=_probation(record),
        virksomhet=_grouped(org.model_dump(exclude={"logo"})),
        arbeidsgiver=config.settings.arbeidsgiver.model_dump(),
        dokument={
            "type": identity.dokumenttype,
            "tittel": spec.tittel,
            "saksnummer": identity.saksnummer,
            "versjon": identity.versjon,
            "id": identity.id,
            "identitet": (
                f"Sak {identity.saksnummer} · versjon {identity.versjon}" if identity.saksnummer
                else f"Utkast · ikke arkivert · {record.id}"
            ),
            "utkast": identity.utkast,
            "dato": today,
            "var_ref": identity.var_ref,
            "skjerming": _screening(config),
        },
        signaturer=[
            {"rolle": _role(p, record.tiltak), "navn": name, "detalj": detail}
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
