"""Workspace configuration (config/praksis.toml + the column aliases), read once and passed down."""

from __future__ import annotations

import tomllib
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .arbeidsgiver import Arbeidsgiver
from .config_section import Section
from .document_set import DocumentSet, DokumentSpec
from .errors import ConfigError
from ..domain.normalize import ValueProblem, fold, maalform_text
from .permissions import DEFAULT_FILE_MODE, apply_file_mode, parse_mode
from ..domain.record import FIELDS, Maalform, Praksisplass
from ..domain.retention import Bevaring
from ..domain.texts import CatalogueMissing, Texts
from .workspace import Workspace, clean_temp, load_or_create_id_key


class Virksomhet(Section):
    navn: str
    organisasjonsnummer: str
    adresse: str
    telefon: str = ""
    epost: str = ""
    nettside: str = ""
    logo: str = ""
    maalform: Maalform = Maalform.BOKMAAL
    """The workspace's written standard: its documents (a placement's own «Målform» overrides it for
    that placement's documents) and the texts HR read (receipts, error lists, `validate`, `list`,
    `mangler`, the inbox pages; see domain/texts.py)."""

    @field_validator("maalform", mode="before")
    @classmethod
    def _maalform(cls, value: Any) -> Any:
        if isinstance(value, str):
            try:
                return maalform_text(value)
            except ValueProblem as exc:
                raise ValueError(exc.message) from None
        return value


def maalform_of(record: Praksisplass, virksomhet: Virksomhet) -> Maalform:
    """The written standard of a placement's documents: its own, else the workspace's."""
    return record.maalform or virksomhet.maalform


class Innlesing(Section):
    listeskille: str = "|"
    kolonnealiaser: str = "kolonner.toml"


class Arkiv(Section):
    administrativ_enhet: str
    saksansvarlig: str
    ordningsprinsipp: str = "Arkivkode"
    klassifikasjon: str = "P"
    klassifikasjon_tittel: str = "Personalforvaltning"
    tilgangsrestriksjon: str = "Unntatt offentlighet"
    tilgangsrestriksjon_nynorsk: str = "Unnateke offentlegheit"
    """The same, as nynorsk documents print it in the screening line (the Noark value stays `tilgangsrestriksjon`)."""
    skjermingshjemmel: str = "Offl. § 13 jf. fvl. § 13 første ledd nr. 1"
    tilgangskode: str = "13"
    """The tilgangsrestriksjon as a code, for Fiks Arkiv (13 = taushetsplikt)."""
    arkivdel: str = "PRAKSIS"
    """The records system's arkivdel for these cases (its code, sent in Fiks Arkiv messages)."""
    arkivdel_navn: str = "Praksisplasser"
    administrativ_enhet_id: str = ""
    """The unit's identifier in the records system (sent beside its name), e.g. «HR»."""
    saksansvarlig_initialer: str = ""
    """The case officer's initials or user id in the records system (sent beside the name)."""


def _folder_name(value: str) -> str:
    """A folder inside the inbox: one plain name (a path would move files out of the inbox)."""
    if not value or "/" in value or "\\" in value or value.startswith("."):
        raise ValueError("må være et mappenavn uten skråstrek som ikke begynner med punktum")
    return value


class Innboks(Section):
    """The watched inbox (`praksis watch`): where files arrive and where they go afterwards."""

    mappe: str = "inbox"
    """Relative to the workspace, or an absolute path (e.g. a mounted network share)."""
    behandlet: str = "behandlet"
    avvist: str = "avvist"
    duplikater: str = "duplikater"
    stabil_sekunder: float = Field(1.0, ge=0)
    """A file is taken when its size and time have been unchanged this long."""
    uleselig_vent_sekunder: float = Field(10.0, ge=0)
    """A stable file that does not parse yet gets this long (since its last change) to become whole."""
    ny_gjennomgang_sekunder: float = Field(30.0, gt=0)
    """How often the whole folder is listed again, for events that were missed."""
    ignorer: list[str] = []
    """Extra file name patterns to leave alone (fnmatch, e.g. "*.bak"), besides the built-in ones."""
    til_signering: str = "til_signering"
    """Folder inside the inbox: the archival PDF of every document waiting for its signed copy."""
    oversikt: str = "oversikt.html"
    """The overview page in the inbox (personal data: names, never a fødselsnummer)."""
    ledige_plasser: str = "ledige_plasser.html"
    """The free-places page in the inbox, with no personal data (for the municipality's website)."""

    @field_validator("behandlet", "avvist", "duplikater", "til_signering", "oversikt", "ledige_plasser")
    @classmethod
    def _folders(cls, value: str) -> str:
        return _folder_name(value)


class Signering(Section):
    """Signed copies coming back (`praksis signert`, and inbox/signert/ under `praksis watch`)."""

    mappe: str = "signert"
    """A folder inside the inbox (and inside it, the inbox's behandlet/ and avvist/ names)."""
    vent_sekunder: float = Field(60.0, ge=0)
    """Scanned parts of one document are merged once no new part has come for this long."""
    maks_mb: float = Field(200.0, gt=0)
    maks_sider: int = Field(200, gt=0)
    klarerte_sertifikater: list[str] = []
    """Root certificates (PEM or DER files in config/) that e-signatures must chain to to count as trusted."""
    til_kontroll: str = "til_kontroll"
    """Folder inside `mappe`: scans praksis does not trust on its own wait there for a person (signed/trust.py)."""

    @field_validator("mappe", "til_kontroll")
    @classmethod
    def _folder(cls, value: str) -> str:
        return _folder_name(value)


class Eksport(Section):
    """`praksis export`: where bundles go and how Fiks Arkiv bundles are cut."""

    mappe: str = "eksport"
    """Relative to the workspace, or absolute."""
    fiks_arkiv_bunt: Literal["sak", "samlet"] = "sak"
    """One zip per case, or one zip for everything exported at once."""
    system: str = "praksis"
    """The system name in arkivmelding and arkivuttrekk (fagsystem of the external keys)."""


class Tilgang(Section):
    """Who may read what praksis writes (pipeline/permissions.py)."""

    filmodus: str = DEFAULT_FILE_MODE
    """Files: owner reads and writes, the group reads, nobody else; folders get x where files have r."""

    @field_validator("filmodus")
    @classmethod
    def _mode(cls, value: str) -> str:
        parse_mode(value)
        return value

    @property
    def file_mode(self) -> int:
        return parse_mode(self.filmodus)


class Konvertering(Section):
    pdfa: Literal["1a", "1b", "2b"] = "1a"
    """PDF/A level of generated documents (1a: tagged, accessible). The old numbers 1 and 2 mean 1b and 2b."""
    instanser: int = Field(2, ge=1, le=16)
    tidsavbrudd_sekunder: float = Field(60, gt=0)

    @field_validator("pdfa", mode="before")
    @classmethod
    def _old_pdfa_numbers(cls, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            return {1: "1b", 2: "2b"}.get(value, value)
        return value.lower() if isinstance(value, str) else value


class Grenser(Section):
    """Resource limits on every input file, checked before the work (see pipeline/reading/limits.py)."""

    maks_mb: float = Field(50.0, gt=0)
    """The file itself."""
    maks_utpakket_mb: float = Field(100.0, gt=0)
    """An .xlsx: all its zip parts unpacked together."""
    maks_delte_tekster_mb: float = Field(10.0, gt=0)
    """An .xlsx: its shared-strings part unpacked (read whole into memory)."""
    maks_pakkeforhold: float = Field(200.0, gt=1)
    """An .xlsx: unpacked size / packed size of one part (parts under 1 MB unpacked not counted)."""
    maks_dybde: int = Field(32, ge=4)
    """JSON: how deep objects and lists may nest."""
    maks_rader: int = Field(5_000, gt=0)
    """Records in one file (a municipality's whole placement list is a few hundred to a few
    thousand rows; see docs/innboks.md for what a larger limit costs)."""
    maks_kolonner: int = Field(200, gt=0)
    maks_celler: int = Field(250_000, gt=0)
    """An .xlsx: cells (`<c>`) in the sheet that is read: 5,000 rows of 50 columns."""
    maks_celle_tegn: int = Field(32_767, gt=0)
    """Characters in one cell (Excel's own limit)."""


class Settings(Section):
    virksomhet: Virksomhet
    arbeidsgiver: Arbeidsgiver = Arbeidsgiver()
    innlesing: Innlesing = Innlesing()
    arkiv: Arkiv
    konvertering: Konvertering = Konvertering()
    innboks: Innboks = Innboks()
    eksport: Eksport = Eksport()
    signering: Signering = Signering()
    tilgang: Tilgang = Tilgang()
    grenser: Grenser = Grenser()
    dokumenter: dict[str, DokumentSpec]
    bevaring: Bevaring = Bevaring()

    @model_validator(mode="after")
    def _retention_names_documents(self) -> Settings:
        unknown = sorted(set(self.bevaring.dokumenter) - set(self.dokumenter))
        if unknown:
            raise ValueError(f"[bevaring.dokumenter] nevner dokumenter som ikke er i [dokumenter]: {', '.join(unknown)}")
        return self


class Config(BaseModel):
    """Everything a command needs to know about its workspace."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    workspace: Workspace
    settings: Settings
    aliases: dict[str, str]
    """Folded column header → field path (canonical names included)."""
    id_key: bytes

    @property
    def inbox(self) -> Path:
        """The watched inbox: `[innboks] mappe`, relative to the workspace unless absolute."""
        return self.workspace.root / self.settings.innboks.mappe

    @cached_property
    def documents(self) -> DocumentSet:
        """Made once per configuration: ingest asks for it for every record."""
        return DocumentSet(self.settings.dokumenter, self.settings.virksomhet.maalform)

    @cached_property
    def texts(self) -> Texts:
        """The HR-facing texts in the workspace's målform (`[virksomhet] maalform`)."""
        try:
            return Texts.load(self.settings.virksomhet.maalform)
        except CatalogueMissing as exc:
            raise ConfigError(str(exc)) from None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"Fant ikke konfigurasjonsfilen {path}.") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: feil i TOML-syntaksen: {exc}") from None


def _describe(exc: ValidationError, path: Path) -> str:
    lines = [f"{path}: konfigurasjonen har feil:"]
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"])
        lines.append(f"  [{where}] {err['msg']}")
    return "\n".join(lines)


def header_key(header: str) -> str:
    """How column headers are compared: case, spacing, æøå spelling and a trailing ':' ignored."""
    return fold(header).rstrip(":*. ").strip()


def load_aliases(path: Path) -> dict[str, str]:
    raw = _read_toml(path).get("aliaser", {})
    aliases = {header_key(field): field for field in FIELDS}
    for header, field in raw.items():
        if field not in FIELDS:
            raise ConfigError(f"{path}: «{header}» peker på ukjent felt «{field}».")
        aliases[header_key(header)] = field
    return aliases


def load_config(workspace: Workspace) -> Config:
    """Read and check the workspace's configuration; raises ConfigError with what to fix."""
    workspace.require()
    raw = _read_toml(workspace.config_file)
    try:
        settings = Settings.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(_describe(exc, workspace.config_file)) from None
    apply_file_mode(settings.tilgang.file_mode)  # before anything is written, the id key included
    clean_temp(workspace)  # temp files with personal data that a killed run left behind
    aliases = load_aliases(workspace.config_dir / settings.innlesing.kolonnealiaser)
    config = Config(
        workspace=workspace,
        settings=settings,
        aliases=aliases,
        id_key=load_or_create_id_key(workspace),
    )
    config.texts  # noqa: B018 (a nynorsk catalogue that is missing is a configuration error, said at once)
    return config
