"""The placement record (praksisplass): the one data model every stage works on.

Field names are the domain's Norwegian words in ASCII, Noark-style (æ→ae, ø→oe, å→aa).
Each leaf field carries a `Kind` (how people type it: a date, a ja/nei, a fødselsnummer…)
and a Norwegian title (a `texts.Message`: its value is the bokmål title, which column headers
are matched against; messages show it in the workspace's målform); the reader, the validator
and the templates all derive from these.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Annotated, Any, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field

from .texts import N_


class Tiltak(str, Enum):
    """The scheme a placement belongs to."""

    ARBEIDSTRENING = "arbeidstrening"
    AKTIVITETSPLASS = "aktivitetsplass"
    SPRAAKPRAKSIS = "spraakpraksis"
    ARBEIDSPRAKSIS = "arbeidspraksis"
    TRAINEE = "trainee"
    INTERN_ARBEIDSTRENING = "intern_arbeidstrening"

    @property
    def visningsnavn(self) -> str:
        return _TILTAK_NAVN[self]


_TILTAK_NAVN = {
    Tiltak.ARBEIDSTRENING: "Arbeidstrening",
    Tiltak.AKTIVITETSPLASS: "Aktivitetsplass",
    Tiltak.SPRAAKPRAKSIS: "Språkpraksis",
    Tiltak.ARBEIDSPRAKSIS: "Arbeidspraksis (kommunal praksisplass)",
    Tiltak.TRAINEE: "Trainee",
    Tiltak.INTERN_ARBEIDSTRENING: "Intern arbeidstrening",
}


class Status(str, Enum):
    """Life cycle of a placement, in order (see DOMAIN.md)."""

    NY = "Ny"
    STATUSMOETE_AVTALT = "Statusmøte avtalt"
    BEKREFTET = "Bekreftet"
    STARTET = "Startet"
    AVSLUTTET = "Avsluttet"

    @property
    def rang(self) -> int:
        return _STATUS_ORDER.index(self)


_STATUS_ORDER = list(Status)


class Sektor(str, Enum):
    """The kind of unit: picks the sector law the taushetsløfte names."""

    HELSE = "helse"
    BARNEHAGE = "barnehage"
    SKOLE = "skole"
    BARNEVERN = "barnevern"
    NAV = "nav"
    ANNEN = "annen"


class Maalform(str, Enum):
    """The written standard of a placement's documents (bokmål or nynorsk)."""

    BOKMAAL = "bokmaal"
    NYNORSK = "nynorsk"

    @property
    def visningsnavn(self) -> str:
        return "bokmål" if self is Maalform.BOKMAAL else "nynorsk"

    @property
    def spraakkode(self) -> str:
        """The language tag of a document in this written standard (DOCX w:lang, the PDF's /Lang)."""
        return "nb-NO" if self is Maalform.BOKMAAL else "nn-NO"


@dataclass(frozen=True)
class Kind:
    """How a value is typed by people and how it is read (see `normalize`)."""

    name: str  # text, longtext, fnr, orgnr, phone, email, date, bool, number, list, tiltak, status, sektor, maalform
    max_length: int = 200


Tekst = Annotated[str, Kind("text", 200)]
LangTekst = Annotated[str, Kind("longtext", 4000)]
Fnr = Annotated[str, Kind("fnr", 11)]
Orgnr = Annotated[str, Kind("orgnr", 9)]
Telefon = Annotated[str, Kind("phone", 30)]
Epost = Annotated[str, Kind("email", 254)]
Dato = Annotated[date, Kind("date")]
JaNei = Annotated[bool, Kind("bool")]
Tall = Annotated[float, Kind("number")]
Liste = Annotated[list[str], Kind("list", 500)]
SektorFelt = Annotated[Sektor, Kind("sektor")]
MaalformFelt = Annotated[Maalform, Kind("maalform")]


class _Del(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Praktikant(_Del):
    navn: Tekst = Field(title=N_("Praktikantens navn"))
    foedselsnummer: Fnr = Field(title=N_("Fødselsnummer"))
    adresse: Tekst | None = Field(None, title=N_("Praktikantens adresse"))
    telefon: Telefon | None = Field(None, title=N_("Praktikantens telefon"))
    epost: Epost | None = Field(None, title=N_("Praktikantens e-post"))


class Leder(_Del):
    navn: Tekst | None = Field(None, title=N_("Leder"))
    stilling: Tekst | None = Field(None, title=N_("Leders stilling"))
    telefon: Telefon | None = Field(None, title=N_("Leders telefon"))
    epost: Epost | None = Field(None, title=N_("Leders e-post"))


class Praksisenhet(_Del):
    navn: Tekst = Field(title=N_("Praksisenhet"))
    organisasjonsnummer: Orgnr | None = Field(None, title=N_("Organisasjonsnummer"))
    adresse: Tekst | None = Field(None, title=N_("Praksisenhetens adresse"))
    sektor: SektorFelt | None = Field(None, title=N_("Sektor"))
    leder: Leder = Field(default_factory=Leder, title=N_("Leder"))


class Hjemmeenhet(_Del):
    """Intern arbeidstrening: the employee's own unit, whose leader signs the agreement too."""

    navn: Tekst | None = Field(None, title=N_("Hjemmeenhet"))
    leder: Tekst | None = Field(None, title=N_("Leder ved hjemmeenheten"))


class Ansettelse(_Del):
    """Trainee: the terms of the fixed-term employment (aml. § 14-6)."""

    stillingstittel: Tekst | None = Field(None, title=N_("Stillingstittel"))
    stillingsprosent: Tall | None = Field(None, title=N_("Stillingsprosent"))
    loenn: Tekst | None = Field(None, title=N_("Lønn"))
    proevetid_maaneder: Tall | None = Field(None, title=N_("Prøvetid i måneder"))


class Praksisveileder(_Del):
    navn: Tekst | None = Field(None, title=N_("Praksisveileder"))
    stilling: Tekst | None = Field(None, title=N_("Praksisveileders stilling"))
    telefon: Telefon | None = Field(None, title=N_("Praksisveileders telefon"))
    epost: Epost | None = Field(None, title=N_("Praksisveileders e-post"))


class Praksisbestiller(_Del):
    virksomhet: Tekst | None = Field(None, title=N_("Praksisbestiller"))
    kontaktperson: Tekst | None = Field(None, title=N_("Kontaktperson hos praksisbestiller"))
    telefon: Telefon | None = Field(None, title=N_("Praksisbestillers telefon"))
    epost: Epost | None = Field(None, title=N_("Praksisbestillers e-post"))


class Krav(_Del):
    politiattest: JaNei = Field(False, title=N_("Krever politiattest"))
    mrsa_tuberkulose: JaNei = Field(False, title=N_("Krever egenerklæring MRSA/tuberkulose"))
    politiattest_hjemmel: Tekst | None = Field(None, title=N_("Hjemmel for politiattest"))


class Praksisplass(_Del):
    """One placement, validated. `id` is the source system's stable key (or a derived one)."""

    id: Annotated[str, Kind("text", 64)] = Field(title=N_("Id"))
    id_avledet: bool = Field(False, title=N_("Id avledet"), description="True when praksis derived the id")
    tiltak: Annotated[Tiltak, Kind("tiltak")] = Field(title=N_("Tiltak"))
    status: Annotated[Status, Kind("status")] = Field(title=N_("Status"))
    praktikant: Praktikant
    praksisenhet: Praksisenhet
    praksisveileder: Praksisveileder = Field(default_factory=Praksisveileder)
    praksisbestiller: Praksisbestiller = Field(default_factory=Praksisbestiller)
    hjemmeenhet: Hjemmeenhet = Field(default_factory=Hjemmeenhet)
    ansettelse: Ansettelse = Field(default_factory=Ansettelse)
    startdato: Dato = Field(title=N_("Startdato"))
    sluttdato: Dato = Field(title=N_("Sluttdato"))
    faktisk_sluttdato: Dato | None = Field(None, title=N_("Faktisk sluttdato"))
    timer_per_uke: Tall | None = Field(None, title=N_("Timer per uke"))
    arbeidstid: Tekst | None = Field(None, title=N_("Arbeidstid"))
    arbeidsoppgaver: Liste = Field(default_factory=list, title=N_("Arbeidsoppgaver"))
    yrkesmaal: Tekst | None = Field(None, title=N_("Yrkesmål"))
    maal: Liste = Field(default_factory=list, title=N_("Mål for praksisen"))
    tilrettelegging: LangTekst | None = Field(None, title=N_("Tilrettelegging"))
    krav: Krav = Field(default_factory=Krav)
    politiattest_fremvist: Dato | None = Field(None, title=N_("Politiattest fremvist"))
    mrsa_tuberkulose_fremvist: Dato | None = Field(None, title=N_("MRSA/tuberkulose fremvist"))
    oppstartsmoete: Dato | None = Field(None, title=N_("Oppstartsmøte"))
    midtveisevaluering: Dato | None = Field(None, title=N_("Midtveisevaluering"))
    avslutningsmoete: Dato | None = Field(None, title=N_("Avslutningsmøte"))
    fullfoert: JaNei | None = Field(None, title=N_("Fullført"))
    vurdering: LangTekst | None = Field(None, title=N_("Vurdering"))
    merknad: LangTekst | None = Field(None, title=N_("Merknad"))
    maalform: MaalformFelt | None = Field(None, title=N_("Målform"))
    """Bokmål or nynorsk for this placement's documents; None: the workspace's `[virksomhet] maalform`."""

    @property
    def gjeldende_sluttdato(self) -> date:
        """The real end date where the placement ended early, else the agreed one."""
        return self.faktisk_sluttdato or self.sluttdato


@dataclass(frozen=True)
class FieldSpec:
    """One leaf field of the record: its dotted path, kind, title and whether it is required."""

    path: str
    kind: Kind
    title: str
    required: bool


def _kind_of(annotation: Any, metadata: list[Any]) -> tuple[Kind | None, Any]:
    """Unwrap `X | None` and Annotated[...] to the Kind marker and the bare type.

    Pydantic moves the metadata of a plain `Annotated` field into `FieldInfo.metadata`,
    but leaves it inside the annotation of `Annotated[...] | None`: look in both.
    """
    args = get_args(annotation)
    if get_origin(annotation) is not None and type(None) in args:  # Optional[X]
        annotation = next(a for a in args if a is not type(None))
    kinds = [m for m in [*metadata, *getattr(annotation, "__metadata__", ())] if isinstance(m, Kind)]
    return (kinds[0] if kinds else None), annotation


def _walk(model: type[BaseModel], prefix: str, parent_required: bool) -> list[FieldSpec]:
    specs: list[FieldSpec] = []
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        kind, bare = _kind_of(info.annotation, info.metadata)
        required = parent_required and info.is_required()
        if kind is not None:
            specs.append(FieldSpec(path, kind, info.title or name, required))
        elif isinstance(bare, type) and issubclass(bare, BaseModel):
            specs.extend(_walk(bare, path + ".", parent_required and info.is_required()))
    return specs


FIELDS: dict[str, FieldSpec] = {spec.path: spec for spec in _walk(Praksisplass, "", True)}
"""Every field a source can fill in, by dotted path (`praktikant.navn`…)."""

REQUIRED_FIELDS: tuple[str, ...] = tuple(p for p, s in FIELDS.items() if s.required and p != "id")
"""Needed at every status (the id is derived where a source has none)."""
