"""`[dokumenter]` of praksis.toml: each document's spec, and the set of them with which are due
for each tiltak at each status."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import field_validator

from ..domain.normalize import ValueProblem, converters
from ..domain.record import FIELDS, Maalform, Status, Tiltak
from .config_section import Section

PARTIES = ("praktikant", "praksisenhet", "praksisveileder", "praksisbestiller", "hjemmeenhet")


class DokumentSpec(Section):
    """One document of the document set: which template, from which status, for which tiltak."""

    tittel: str
    mal: str
    fra_status: Status
    tiltak: list[Tiltak]
    krever: list[str] = []
    betingelse: str | None = None
    signeres_av: list[str] = []
    tillat_foedselsnummer: bool = False
    """Only a document type that sets this gets the fødselsnummer at all (none does): every other
    template gets the birth date only, and `templates check` refuses one that names the number."""
    uten_foedselsnummer: bool | None = None
    """Obsolete: the fødselsnummer is given only where `tillat_foedselsnummer` is set (#13).
    Accepted, and ignored, so a praksis.toml written before still loads."""
    tittel_nynorsk: str | None = None
    """The title in nynorsk documents (in their heading, footer and PDF title); None: `tittel`."""
    noark_dokumenttype: str = "Dokument"
    """The Noark dokumenttype in exports (a name from the Fiks Arkiv list, e.g. Avtale)."""
    spraak: Literal["nb-NO", "nn-NO"] | None = None
    """Obsolete: a document's language follows its målform (nb-NO for bokmål, nn-NO for nynorsk).
    Accepted, and ignored, so a praksis.toml written before still loads."""

    def title(self, maalform: Maalform) -> str:
        """The title in the document's written standard."""
        return (self.tittel_nynorsk or self.tittel) if maalform is Maalform.NYNORSK else self.tittel

    @field_validator("fra_status", mode="before")
    @classmethod
    def _status(cls, value: Any) -> Any:
        try:
            return converters("")["status"](value, FIELDS["status"].kind.max_length)
        except ValueProblem as exc:
            raise ValueError(exc.message) from None

    @field_validator("krever")
    @classmethod
    def _known_fields(cls, value: list[str]) -> list[str]:
        unknown = [f for f in value if f not in FIELDS]
        if unknown:
            raise ValueError(f"ukjente felt: {', '.join(unknown)}")
        return value

    @field_validator("betingelse")
    @classmethod
    def _bool_field(cls, value: str | None) -> str | None:
        if value is not None and (value not in FIELDS or FIELDS[value].kind.name != "bool"):
            raise ValueError(f"«{value}» er ikke et ja/nei-felt i praksisposten")
        return value

    @field_validator("signeres_av")
    @classmethod
    def _parties(cls, value: list[str]) -> list[str]:
        unknown = [p for p in value if p not in PARTIES]
        if unknown:
            raise ValueError(f"ukjente parter: {', '.join(unknown)} (bruk {', '.join(PARTIES)})")
        return value


class DocumentSet:
    """The configured documents, with which are due for each tiltak at each status precomputed,
    and the workspace's målform, in which the texts HR read name them."""

    def __init__(self, specs: dict[str, DokumentSpec], maalform: Maalform = Maalform.BOKMAAL) -> None:
        self.specs = specs
        self.maalform = maalform
        self._due = {
            (tiltak, status): [
                (name, spec) for name, spec in specs.items()
                if tiltak in spec.tiltak and status.rang >= spec.fra_status.rang
            ]
            for tiltak in Tiltak
            for status in Status
        }
        self._needed = {
            key: tuple(dict.fromkeys(path for _, spec in due for path in spec.krever)) for key, due in self._due.items()
        }

    def title(self, name: str) -> str:
        """What the texts HR read call document `name`: its title in the workspace's målform, as
        the documents are headed (the name itself for a document no longer configured)."""
        spec = self.specs.get(name)
        return spec.title(self.maalform) if spec is not None else name

    def needed(self, tiltak: Tiltak, status: Status) -> tuple[str, ...]:
        """Every field a document due for this tiltak at this status may require (whatever its
        `betingelse`): where all are given, no document lacks anything."""
        return self._needed[(tiltak, status)]

    def due(self, tiltak: Tiltak, status: Status) -> list[tuple[str, DokumentSpec]]:
        """Documents whose status has come for this tiltak (their `betingelse` not yet checked)."""
        return self._due[(tiltak, status)]
