"""Free places («ledige plasser»): the sheet HR keep of what each unit offers.

One row per unit: how many places, tasks, requirements (politiattest, MRSA/tuberculosis),
the unit's public contact, and the period the offer is valid. Dropped in the inbox it is
recognised by its columns (a column «Antall plasser»), validated like a placement sheet
(every error with row, column and what to fix, in Norwegian) and answered with a receipt or
an error list. The latest offer of each unit is kept in `ledige_plasser.json` in the
workspace (written atomically; a unit named again replaces its earlier offer, units not in
the sheet keep theirs). It is not derived from archive/, so `reindex` leaves it alone.

No personal data belongs here: the contact is the unit's public contact (a role, a shared
e-mail, a switchboard number), and the page made from it (`ledige_plasser.html`) is meant
for the municipality's website. A column holding a fødselsnummer is rejected.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import ijson

from ..common.config import Config, Grenser, header_key
from ..common.errors import InputFileError
from ..domain.identifiers import mask_numbers_in
from ..domain.normalize import ValueProblem, converters, fold, is_blank
from ..reading import xlsx_reader
from .csv_reader import detect_delimiter, detect_encoding
from .json_reader import records_prefix
from .limits import check_size
from ..common.workspace import atomic_write_bytes
from ..domain.texts import N_, Texts

STORE = "ledige_plasser.json"
MAX_ROWS = 5000

# field → (kind, max length, required); the column names people write for each (folded)
FIELDS: dict[str, tuple[str, int, bool]] = {
    "enhet": ("text", 200, True),
    "antall": ("number", 0, True),
    "arbeidsoppgaver": ("list", 500, False),
    "krever_politiattest": ("bool", 0, False),
    "krever_mrsa": ("bool", 0, False),
    "kontakt": ("text", 200, True),
    "kontakt_epost": ("email", 254, False),
    "kontakt_telefon": ("phone", 30, False),
    "adresse": ("text", 200, False),
    "gyldig_fra": ("date", 0, False),
    "gyldig_til": ("date", 0, False),
}
TITLES = {"enhet": "Enhet", "antall": "Antall plasser", "arbeidsoppgaver": "Arbeidsoppgaver",
          "krever_politiattest": "Krever politiattest", "krever_mrsa": "Krever MRSA/tuberkulose",
          "kontakt": "Kontakt", "kontakt_epost": "Kontakt e-post", "kontakt_telefon": "Kontakt telefon",
          "adresse": "Adresse", "gyldig_fra": "Gyldig fra", "gyldig_til": "Gyldig til"}
ALIASES: dict[str, str] = {
    **{header_key(t): f for f, t in TITLES.items()}, **{header_key(f): f for f in FIELDS},
    "praksisenhet": "enhet", "arbeidssted": "enhet", "plasser": "antall", "ledige plasser": "antall",
    "antall ledige plasser": "antall", "oppgaver": "arbeidsoppgaver", "politiattest": "krever_politiattest",
    "krever politiattest": "krever_politiattest", "mrsa": "krever_mrsa", "mrsa/tuberkulose": "krever_mrsa",
    "krever mrsa": "krever_mrsa", "kontaktperson": "kontakt", "e-post": "kontakt_epost", "epost": "kontakt_epost",
    "telefon": "kontakt_telefon", "fra": "gyldig_fra", "til": "gyldig_til", "fra dato": "gyldig_fra",
    "til dato": "gyldig_til", "periode fra": "gyldig_fra", "periode til": "gyldig_til",
}
MARKER = "antall"
"""The column that makes a sheet a free-places sheet (no placement sheet has it)."""


@dataclass(frozen=True)
class Offer:
    """One unit's offer, as stored and shown (no personal data: the contact is the unit's)."""

    enhet: str
    antall: int
    arbeidsoppgaver: list[str]
    krever_politiattest: bool
    krever_mrsa: bool
    kontakt: str
    kontakt_epost: str | None
    kontakt_telefon: str | None
    adresse: str | None
    gyldig_fra: str | None  # ISO dates
    gyldig_til: str | None
    kilde: str = ""
    mottatt: str = ""

    def valid_on(self, day: date) -> bool:
        return ((self.gyldig_fra is None or date.fromisoformat(self.gyldig_fra) <= day)
                and (self.gyldig_til is None or day <= date.fromisoformat(self.gyldig_til)))


@dataclass(frozen=True)
class PlaceError:
    row: int
    column: str
    value: str
    message: str


@dataclass
class PlacesResult:
    unit: str  # linje, rad, post
    offers: list[tuple[int, Offer]] = field(default_factory=list)
    errors: list[PlaceError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    file_error: str | None = None

    @property
    def rejected_rows(self) -> set[int]:
        return {e.row for e in self.errors}


# --- reading ---------------------------------------------------------------------------------

def _csv_rows(path: Path) -> Iterator[tuple[int, list[Any]]]:
    encoding = detect_encoding(path)
    with path.open("r", encoding=encoding, newline="") as handle:
        first = next((line for line in handle if line.strip()), "")
        handle.seek(0)
        reader = csv.reader(handle, delimiter=detect_delimiter(first))
        last = 0
        for values in reader:
            start, last = last + 1, reader.line_num
            yield start, list(values)


def _json_rows(path: Path, limits: Grenser) -> Iterator[tuple[int, list[Any]]]:
    records_prefix(path, limits)  # syntax, depth and count in a streaming pass, before it is loaded whole
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputFileError(str(path), N_("Filen er ikke gyldig JSON: {feil}.", feil=exc)) from None
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise InputFileError(str(path), N_("Forventet en liste med ett objekt per enhet."))
    headers = list(dict.fromkeys(key for item in data for key in item))
    yield 0, headers
    for index, item in enumerate(data, start=1):
        yield index, [item.get(h) for h in headers]


def _rows(path: Path, limits: Grenser) -> tuple[str, Iterator[tuple[int, list[Any]]]]:
    """The sheet's rows, held to `[grenser]` like a placement sheet (the checks run as the
    first row is asked for)."""
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt"):
        return "linje", _checked(path, limits, _csv_rows(path))
    if suffix in (".xlsx", ".xlsm"):
        return "rad", _checked(path, limits, xlsx_reader.sheet_rows(path, limits))
    if suffix == ".json":
        return "post", _checked(path, limits, _json_rows(path, limits))
    raise InputFileError(str(path), N_("Filtypen «{type}» støttes ikke.", type=path.suffix))


def _checked(path: Path, limits: Grenser, rows: Iterator[tuple[int, list[Any]]]) -> Iterator[tuple[int, list[Any]]]:
    check_size(path, path.stat().st_size, limits)
    yield from rows


def _json_first_keys(path: Path, limits: Grenser) -> list[str] | None:
    """The keys of the first object of a JSON list, streamed (the rest of the file is not read;
    nesting deeper than `maks_dybde` gives None)."""
    keys: list[str] = []
    depth = 0
    with path.open("rb") as handle:
        for event, value in ijson.basic_parse(handle):
            if depth == 0 and event != "start_array":
                return None  # an object at the top: a placement file
            if event in ("start_map", "start_array"):
                depth += 1
                if depth > limits.maks_dybde:
                    return None
            elif event in ("end_map", "end_array"):
                depth -= 1
                if depth <= 1:
                    break
            elif event == "map_key" and depth == 2:
                keys.append(value)
    return keys


def _header(rows: Iterator[tuple[int, list[Any]]]) -> list[str] | None:
    for _number, values in rows:
        if any(not is_blank(v) for v in values):
            return ["" if v is None else str(v).strip() for v in values]
    return None


def is_places_sheet(path: Path, limits: Grenser) -> bool:
    """True when the file's header row has the column «Antall plasser». Only the header is
    read (a JSON's first object, streamed), and only from a file within `[grenser]`: every
    file dropped in the inbox is asked this before it is read as a placement sheet, which
    is where a file over a limit is answered."""
    try:
        if path.suffix.lower() == ".json":
            check_size(path, path.stat().st_size, limits)
            headers = _json_first_keys(path, limits)
        else:
            _unit, rows = _rows(path, limits)
            headers = _header(rows)
            rows.close()  # type: ignore[attr-defined]  # a generator: closes the file it reads
    except (InputFileError, OSError, UnicodeDecodeError, csv.Error, ijson.JSONError):
        return False
    return bool(headers) and any(ALIASES.get(header_key(h)) == MARKER for h in headers)


# --- validating ------------------------------------------------------------------------------

def read_places(path: Path, config: Config, received: datetime) -> PlacesResult:
    """Every row of a free-places sheet, validated: offers for the valid rows, errors for the rest."""
    _ = config.texts
    unit, rows = _rows(path, config.settings.grenser)
    result = PlacesResult(unit)
    convert = converters(config.settings.innlesing.listeskille)
    display = mask_numbers_in(path.name)
    try:
        headers = _header(rows)
        if headers is None:
            raise InputFileError(str(path), N_("Filen har ingen overskriftsrad og ingen rader."))
        columns: dict[int, str] = {}
        for index, header in enumerate(headers):
            if not header:
                continue
            name = ALIASES.get(header_key(header))
            if name is None:
                result.warnings.append(_("Kolonnen «{kolonne}» er ukjent og blir ikke lest.", kolonne=header))
            elif name in columns.values():
                raise InputFileError(str(path), N_("To kolonner betyr begge «{kolonne}». Fjern den ene.",
                                                   kolonne=TITLES[name]))
            else:
                columns[index] = name
        missing = [TITLES[f] for f, (_k, _l, required) in FIELDS.items() if required and f not in columns.values()]
        if missing:
            raise InputFileError(str(path), N_("Kolonnen(e) {kolonner} mangler.",
                                               kolonner=", ".join(f"«{m}»" for m in missing)))
        shown = {name: headers[i] for i, name in columns.items()}
        seen: dict[str, int] = {}
        count = 0
        for number, values in rows:
            if all(is_blank(v) for v in values):
                continue
            count += 1
            if count > MAX_ROWS:
                raise InputFileError(str(path), N_("Arket har mer enn {grense} rader; del det opp.", grense=MAX_ROWS))
            cells = {name: values[i] if i < len(values) else None for i, name in columns.items()}
            offer = _offer(number, cells, shown, convert, result, display, received, config.texts)
            if offer is None:
                continue
            key = fold(offer.enhet)
            if key in seen:
                result.errors.append(PlaceError(number, shown["enhet"], offer.enhet,
                                                _("Enheten står også på {plassering}. Slå radene sammen til én.",
                                                  plassering=f"{unit} {seen[key]}")))
                continue
            seen[key] = number
            result.offers.append((number, offer))
    except InputFileError as exc:
        result.file_error = config.texts.render(exc.reason)
    except (UnicodeDecodeError, csv.Error) as exc:
        result.file_error = _("Filen kan ikke leses: {feil}. Lagre den som «CSV UTF-8» eller .xlsx.", feil=exc)
    return result


def _offer(row: int, cells: dict[str, Any], shown: dict[str, str], convert: dict[str, Any], result: PlacesResult,
           source: str, received: datetime, texts: Texts) -> Offer | None:
    _ = texts
    values: dict[str, Any] = {}
    before = len(result.errors)
    for name, (kind, limit, required) in FIELDS.items():
        raw = cells.get(name)
        column = shown.get(name, TITLES[name])
        if is_blank(raw):
            if required:
                result.errors.append(PlaceError(row, column, "", _("«{kolonne}» må fylles ut.", kolonne=TITLES[name])))
            values[name] = None
            continue
        if isinstance(raw, str) and mask_numbers_in(raw) != raw:
            result.errors.append(PlaceError(row, column, mask_numbers_in(raw),
                                            _("Verdien ser ut til å inneholde et fødselsnummer. Ledige plasser skal "
                                              "ikke ha personopplysninger: bruk enhetens kontakt.")))
            continue
        try:
            values[name] = convert[kind](raw, limit or 200)
        except ValueProblem as exc:
            result.errors.append(PlaceError(row, column, mask_numbers_in(str(raw))[:80], texts.render(exc.message)))
    antall = values.get("antall")
    if antall is not None and (antall != int(antall) or not 0 <= antall <= 1000):
        result.errors.append(PlaceError(row, shown["antall"], str(cells.get("antall")),
                                        _("Antall plasser må være et helt tall fra 0 til 1000.")))
    start, end = values.get("gyldig_fra"), values.get("gyldig_til")
    if start and end and end < start:
        result.errors.append(PlaceError(row, shown.get("gyldig_til", "Gyldig til"), end.strftime("%d.%m.%Y"),
                                        _("«Gyldig til» er før «Gyldig fra». Sjekk datoene.")))
    if len(result.errors) > before:
        return None
    return Offer(values["enhet"], int(values["antall"]), values.get("arbeidsoppgaver") or [],
                 bool(values.get("krever_politiattest")), bool(values.get("krever_mrsa")), values["kontakt"],
                 values.get("kontakt_epost"), values.get("kontakt_telefon"), values.get("adresse"),
                 start.isoformat() if start else None, end.isoformat() if end else None,
                 source, received.isoformat(timespec="seconds"))


# --- storing ---------------------------------------------------------------------------------

def store_path(config: Config) -> Path:
    return config.workspace.root / STORE


def load_offers(config: Config) -> list[Offer]:
    """The stored offers, by unit name ([] when none has been received)."""
    path = store_path(config)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as exc:
        raise InputFileError(str(path), f"Kan ikke lese de lagrede ledige plassene: {exc}") from None
    offers = [Offer(**item) for item in data.get("enheter", {}).values()]
    return sorted(offers, key=lambda o: fold(o.enhet))


def save_offers(config: Config, offers: list[Offer]) -> None:
    """Add the offers, each replacing the earlier offer of its unit; written atomically."""
    current = {fold(o.enhet): o for o in load_offers(config)}
    current.update({fold(o.enhet): o for o in offers})
    data = {"enheter": {key: asdict(offer) for key, offer in sorted(current.items())}}
    atomic_write_bytes(store_path(config), (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))


# --- what HR read ----------------------------------------------------------------------------

def _when(moment: datetime) -> str:
    return moment.strftime("%d.%m.%Y kl. %H:%M:%S")


def receipt(name: str, sha256: str, received: datetime, result: PlacesResult, rejected_file: str | None,
            texts: Texts) -> str:
    _ = texts
    title = _("KVITTERING fra praksis: ledige plasser")
    lines = [title, "=" * len(title), "",
             _("Fil:        {fil}", fil=mask_numbers_in(name)), _("Mottatt:    {tid}", tid=_when(received)),
             _("Sjekksum:   SHA-256 {sjekksum}", sjekksum=sha256), "",
             _("{antall} enhet(er) lagret; hver erstatter enhetens forrige tilbud. Enheter som ikke står i arket, "
               "beholder sitt.", antall=len(result.offers)), ""]
    unit_title, places_title, needs_title = _("Enhet"), _("Plasser"), _("Krav")
    width = max([len(unit_title), *(len(o.enhet) for _r, o in result.offers)])
    lines.append(f"{result.unit.capitalize():<6} {unit_title:<{width}}  {places_title:>7}  {needs_title}")
    for row, offer in result.offers:
        needs = ", ".join(x for x, on in ((_("politiattest"), offer.krever_politiattest),
                                          ("MRSA/tuberkulose", offer.krever_mrsa)) if on) or "—"
        lines.append(f"{row:<6} {offer.enhet:<{width}}  {offer.antall:>7}  {needs}")
    if result.errors:
        lines += ["", _("{antall} {enheter} ble avvist og er IKKE lagret.", antall=len(result.rejected_rows),
                        enheter=_units(result.unit, texts))]
        if rejected_file:
            lines += [_("De ligger i {fil}, med feilene i {fil}.feil.txt.", fil=rejected_file)]
    if result.warnings:
        lines += ["", _("Merknader:"), *(f"  - {w}" for w in result.warnings)]
    lines += ["", _("Oversikten (oversikt.html) og ledige_plasser.html i innboksen er oppdatert.")]
    return "\n".join(lines) + "\n"


def error_list(name: str, sha256: str, received: datetime, result: PlacesResult, processed_as: str | None,
               texts: Texts) -> str:
    _ = texts
    title = _("FEIL: ledige plasser kunne ikke lagres")
    lines = [title, "=" * len(title), "",
             _("Fil:        {fil}", fil=mask_numbers_in(name)), _("Mottatt:    {tid}", tid=_when(received)),
             _("Sjekksum:   SHA-256 {sjekksum}", sjekksum=sha256), ""]
    if result.file_error:
        lines += [_("Hele filen er avvist:"), f"  {result.file_error}", "", _("Rett filen og legg den i innboksen igjen.")]
    else:
        if processed_as:
            lines += [_("Filen inneholder bare radene som ble avvist; resten er lagret (se kvitteringen {kvittering}).",
                        kvittering=processed_as), ""]
        lines += [_("{antall} {enheter} er avvist. For hver: kolonne, verdi og hva som må rettes.",
                    antall=len(result.rejected_rows), enheter=_units(result.unit, texts)), ""]
        for error in result.errors:
            where = f"{result.unit.capitalize()} {error.row}"
            lines.append(_("{hvor}, kolonne «{kolonne}» = «{verdi}»: {melding}", hvor=where, kolonne=error.column,
                           verdi=error.value, melding=error.message) if error.value
                         else _("{hvor}, kolonne «{kolonne}»: {melding}", hvor=where, kolonne=error.column,
                                melding=error.message))
        lines += ["", _("Rett feilene i filen og legg den i innboksen igjen.")]
    if result.warnings:
        lines += ["", _("Merknader:"), *(f"  - {w}" for w in result.warnings)]
    return "\n".join(lines) + "\n"


def _units(unit: str, texts: Texts) -> str:
    """«linje(r)»: as in the placement receipts (inbox/receipts.py)."""
    return texts.render({"linje": N_("linje(r)"), "rad": N_("rad(r)"), "post": N_("post(r)")}.get(unit, unit + "(r)"))
