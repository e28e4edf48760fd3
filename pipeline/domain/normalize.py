"""Turn values as people type them into typed values.

Every converter takes what a reader produced (a string from CSV, a number, date or string
from Excel, any JSON value) and the field's length limit, and returns the typed value, or
raises `ValueProblem` with a Norwegian message saying what to fix. Blank values never reach
them (the validator treats them as "not given"); a converter returns None where a value
turns out empty once cleaned (a list of only bullets). They run once per cell, so they are kept
short: the common case (a string) first, parsing of repeated texts cached.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from functools import lru_cache
from math import isfinite
from typing import Any

from .characters import FORBIDDEN, clean, forbidden_name
from .identifiers import fnr_problem, orgnr_problem
from .record import Maalform, Sektor, Status, Tiltak
from .texts import N_


class ValueProblem(ValueError):
    """A value that cannot be read; `message` says what to fix (Norwegian, a `texts.Message`)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def fold(text: str) -> str:
    """Case- and spelling-insensitive key: `" Språkpraksis "` → `"spraakpraksis"` (a soft hyphen
    or zero-width space pasted in does not count either)."""
    text = " ".join(clean(text).lower().split())
    return text.replace("å", "aa").replace("ø", "oe").replace("æ", "ae")


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _as_text(value: Any) -> str:
    if isinstance(value, (dict, list)):
        raise ValueProblem(N_("Forventet tekst, ikke en liste eller et objekt."))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def _check_characters(text: str) -> None:
    if text.isprintable():  # the usual case, at C speed (every forbidden character is unprintable)
        return
    found = FORBIDDEN.search(text)
    if found is not None:
        raise ValueProblem(N_("Teksten inneholder et usynlig tegn som ikke kan arkiveres: {tegn} etter {antall} tegn. "
                              "Skriv verdien inn på nytt uten å lime inn fra andre programmer.",
                              tegn=forbidden_name(found.group()), antall=found.start()))


def _too_long(length: int, limit: int) -> ValueProblem:
    return ValueProblem(N_("Teksten er {lengde} tegn lang; høyst {grense} tegn er tillatt. Kort den ned.",
                           lengde=length, grense=limit))


def _text(value: Any, limit: int) -> str | None:
    """One-line text: surrounding and repeated spaces (tab, no-break space, line breaks) removed;
    None where nothing but invisible characters was given."""
    raw = value if value.__class__ is str else _as_text(value)
    _check_characters(raw)
    text = " ".join(clean(raw).split())
    if len(text) > limit:
        raise _too_long(len(text), limit)
    return text or None


def _longtext(value: Any, limit: int) -> str | None:
    """Free text: line breaks kept."""
    text = clean(value if value.__class__ is str else _as_text(value)).strip()
    _check_characters(text)
    if len(text) > limit:
        raise _too_long(len(text), limit)
    return text or None


def _digits_from_number(value: Any, width: int) -> str | None:
    """Excel stores an identifier typed into a number cell as a number: restore the
    leading zeros the person typed (a fødselsnummer born on the 1st–9th loses one)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        if not value.is_integer():
            return None
        value = int(value)
    if isinstance(value, int):
        return str(value).zfill(width)
    return None


def _fnr(value: Any, limit: int) -> str:
    if value.__class__ is str and value.isdigit():  # the common case: 11 digits as typed
        digits: str = value
    else:
        restored = _digits_from_number(value, 11)
        digits = restored if restored is not None else re.sub(r"[\s.\-]", "", str(value))
    problem = fnr_problem(digits)
    if problem:
        raise ValueProblem(problem)
    return digits


def _orgnr(value: Any, limit: int) -> str:
    digits = _digits_from_number(value, 9)
    if digits is None:
        digits = re.sub(r"[\s.\-]|^NO|MVA$", "", str(value).strip().upper())
    problem = orgnr_problem(digits)
    if problem:
        raise ValueProblem(problem)
    return digits


_PHONE = re.compile(r"^\+?\d{5,15}$")


def _phone(value: Any, limit: int) -> str:
    if value.__class__ is str:
        compact = value.replace(" ", "")
        if len(compact) == 8 and compact.isdigit():  # the common case: 41234567
            return compact
    digits = _digits_from_number(value, 8)
    text = digits if digits is not None else re.sub(r"[\s\-().]", "", str(value))
    if text.startswith("00"):
        text = "+" + text[2:]
    if not _PHONE.match(text):
        raise ValueProblem(N_("Telefonnummeret ser ikke riktig ut: bruk bare sifre, gjerne med +47 foran."))
    if not text.startswith("+") and len(text) != 8:
        raise ValueProblem(N_("Et norsk telefonnummer har 8 siffer; utenlandske numre skrives med landskode (+…)."))
    if text.startswith("+47") and len(text) != 11:
        raise ValueProblem(N_("Et norsk telefonnummer har 8 siffer etter +47."))
    return text


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")


def _email(value: Any, limit: int) -> str:
    text = str(value).strip()
    _check_characters(text)
    if len(text) > limit or not _EMAIL.match(text):
        raise ValueProblem(N_("E-postadressen ser ikke riktig ut (forventet navn@domene.no)."))
    return text.lower() if text.isupper() else text


_DMY = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")


def _date(value: Any, limit: int) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return _date_text(str(value).strip())


@lru_cache(maxsize=16384)
def _date_text(text: str) -> date:
    """Dates repeat across a sheet: parsing each distinct text once is most of the speed."""
    try:
        if m := _DMY.match(text):
            day, month, year = int(m[1]), int(m[2]), int(m[3])
            if year < 100:
                year += 2000
            parsed = date(year, month, day)
        elif m := _ISO.match(text):
            parsed = date(int(m[1]), int(m[2]), int(m[3]))
        else:
            raise ValueProblem(N_("Datoen må skrives som dd.mm.åååå (f.eks. 05.01.2026) eller åååå-mm-dd."))
    except ValueError as exc:
        if isinstance(exc, ValueProblem):
            raise
        raise ValueProblem(N_("Datoen finnes ikke i kalenderen. Sjekk dag og måned.")) from None
    if not 1990 <= parsed.year <= 2100:
        raise ValueProblem(N_("Året ser feil ut (forventet mellom 1990 og 2100)."))
    return parsed


_TRUE = {"ja", "j", "yes", "y", "x", "true", "sann", "1", "✓", "✔"}
_FALSE = {"nei", "n", "no", "false", "usann", "0", "-"}


def _bool(value: Any, limit: int) -> bool:
    if value.__class__ is bool:
        return bool(value)
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueProblem(N_("Skriv «Ja» eller «Nei» (eller kryss av med x; tomt betyr nei)."))


def _number(value: Any, limit: int) -> float:
    if isinstance(value, bool):
        raise ValueProblem(N_("Forventet et tall, f.eks. 37,5."))
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        text = str(value).strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            raise ValueProblem(N_("Forventet et tall, f.eks. 37,5 (desimalkomma går fint).")) from None
    if not isfinite(number):  # "nan", "inf": float() reads them, but they are no number of hours
        raise ValueProblem(N_("Forventet et tall, f.eks. 37,5 (desimalkomma går fint)."))
    return number


def list_splitter(separator: str) -> Callable[[Any, int], list[str] | None]:
    """Lists: a JSON list, or one cell with one item per line (or `separator` between items)."""

    def _list(value: Any, limit: int) -> list[str] | None:
        if isinstance(value, list):
            items = [str(v) for v in value if not is_blank(v)]
        else:
            text = str(value).replace("\r\n", "\n")
            parts = text.split("\n")
            if separator:
                parts = [p for part in parts for p in part.split(separator)]
            items = [p for p in parts if p.strip()]
        for item in items:
            _check_characters(item)
        cleaned = [" ".join(clean(item).lstrip("•*-–· ").split()) for item in items]
        cleaned = [c for c in cleaned if c]
        if not cleaned:
            return None
        if len(cleaned) > 50:
            raise ValueProblem(N_("Listen har {antall} punkter; høyst 50 er tillatt.", antall=len(cleaned)))
        for item in cleaned:
            if len(item) > limit:
                raise ValueProblem(N_("Et punkt i listen er {lengde} tegn; høyst {grense} er tillatt.",
                                      lengde=len(item), grense=limit))
        return cleaned

    return _list


_TILTAK_ALIASES = {
    **{t.value: t for t in Tiltak},
    "arbeidspraksis (kommunal praksisplass)": Tiltak.ARBEIDSPRAKSIS,
    "kommunal praksisplass": Tiltak.ARBEIDSPRAKSIS,
    "praksisplass": Tiltak.ARBEIDSPRAKSIS,
    "spraktrening": Tiltak.SPRAAKPRAKSIS,
    "sprakpraksis": Tiltak.SPRAAKPRAKSIS,
    "traineeprogram": Tiltak.TRAINEE,
}


def _tiltak(value: Any, limit: int) -> Tiltak:
    return _tiltak_text(str(value))


@lru_cache(maxsize=1024)
def _tiltak_text(text: str) -> Tiltak:
    key = fold(text).replace("-", " ")
    found = _TILTAK_ALIASES.get(key) or _TILTAK_ALIASES.get(key.replace(" ", "_"))
    if found is None:
        allowed = ", ".join(t.visningsnavn.split(" (")[0] for t in Tiltak)
        raise ValueProblem(N_("Ukjent tiltak. Bruk et av: {tillatt}.", tillatt=allowed))
    return found


_STATUS_ALIASES = {fold(s.value): s for s in Status} | {"statusmote avtalt": Status.STATUSMOETE_AVTALT}


def _status(value: Any, limit: int) -> Status:
    return _status_text(str(value))


@lru_cache(maxsize=1024)
def _status_text(text: str) -> Status:
    found = _STATUS_ALIASES.get(fold(text).replace("_", " "))
    if found is None:
        raise ValueProblem(N_("Ukjent status. Bruk en av: {tillatt}.", tillatt=", ".join(s.value for s in Status)))
    return found


_SEKTOR_ALIASES = {
    **{s.value: s for s in Sektor},
    "helse og omsorg": Sektor.HELSE, "helse- og omsorg": Sektor.HELSE, "helse og omsorgstjenester": Sektor.HELSE,
    "helse- og omsorgstjenester": Sektor.HELSE, "omsorg": Sektor.HELSE, "sykehjem": Sektor.HELSE,
    "helsetjeneste": Sektor.HELSE, "oppvekst barnehage": Sektor.BARNEHAGE, "barnehager": Sektor.BARNEHAGE,
    "grunnskole": Sektor.SKOLE, "skoler": Sektor.SKOLE, "opplaering": Sektor.SKOLE, "oppvekst skole": Sektor.SKOLE,
    "barneverntjenesten": Sektor.BARNEVERN, "barnevernstjenesten": Sektor.BARNEVERN, "barnevernet": Sektor.BARNEVERN,
    "nav-kontor": Sektor.NAV, "nav kontor": Sektor.NAV, "annet": Sektor.ANNEN, "andre": Sektor.ANNEN,
}


def _sektor(value: Any, limit: int) -> Sektor:
    return _sektor_text(str(value))


@lru_cache(maxsize=256)
def _sektor_text(text: str) -> Sektor:
    key = fold(text).strip()
    found = _SEKTOR_ALIASES.get(key) or _SEKTOR_ALIASES.get(key.replace("-", " ").replace("  ", " "))
    if found is None:
        raise ValueProblem(N_("Ukjent sektor. Bruk en av: {tillatt}.", tillatt=", ".join(s.value for s in Sektor)))
    return found


MAALFORM_ALIASES = {
    "bokmaal": Maalform.BOKMAAL, "bokmal": Maalform.BOKMAAL, "nb": Maalform.BOKMAAL, "nob": Maalform.BOKMAAL,
    "nb-no": Maalform.BOKMAAL, "nynorsk": Maalform.NYNORSK, "nn": Maalform.NYNORSK, "nno": Maalform.NYNORSK,
    "nn-no": Maalform.NYNORSK,
}
"""How people write the two written standards («Bokmål», «bokmal», «NB», «Nynorsk», «nn»…), folded."""


def _maalform(value: Any, limit: int) -> Maalform:
    return maalform_text(str(value))


@lru_cache(maxsize=64)
def maalform_text(text: str) -> Maalform:
    """«Bokmål»/«nb»/«nynorsk»/«NN» (any case) → Maalform; anything else: what to write instead."""
    found = MAALFORM_ALIASES.get(fold(text).replace("_", "-"))
    if found is None:
        raise ValueProblem(N_("Ukjent målform. Bruk «bokmål» eller «nynorsk» (også «nb» eller «nn»)."))
    return found


Converter = Callable[[Any, int], Any]


def converters(list_separator: str) -> dict[str, Converter]:
    """The converter for each `Kind.name`; call it as `convert(value, kind.max_length)`."""
    return {
        "text": _text,
        "longtext": _longtext,
        "fnr": _fnr,
        "orgnr": _orgnr,
        "phone": _phone,
        "email": _email,
        "date": _date,
        "bool": _bool,
        "number": _number,
        "list": list_splitter(list_separator),
        "tiltak": _tiltak,
        "status": _status,
        "sektor": _sektor,
        "maalform": _maalform,
    }
