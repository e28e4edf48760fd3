"""Fiks Arkiv code lists (schemas/fiks-arkiv/v1/kodelister): from the full Noark names praksis
stores («Journalført») to the kode/beskrivelse pairs an arkivmelding carries («J»)."""

from __future__ import annotations

import json
from functools import lru_cache

from ..common.errors import ConfigError
from .schemas import FIKS_ARKIV


@lru_cache(maxsize=None)
def code_list(name: str) -> dict[str, str]:
    """kodebeskrivelse → kodeverdi for the list `name` (e.g. "journalstatus")."""
    path = FIKS_ARKIV / "kodelister" / f"no.ks.fiks.arkiv.v1.kodelister.{name}" / f"no.ks.fiks.arkiv.v1.kodelister.{name}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return {item["kodebeskrivelse"]: item["kodeverdi"] for item in data["kodeliste"]}


def code(name: str, beskrivelse: str) -> tuple[str, str]:
    """(kode, beskrivelse) for a full name; ConfigError naming the list when it is not in it."""
    values = code_list(name)
    if beskrivelse in values:
        return values[beskrivelse], beskrivelse
    if beskrivelse in values.values():  # given as a code already
        return beskrivelse, next(b for b, k in values.items() if k == beskrivelse)
    raise ConfigError(f"«{beskrivelse}» finnes ikke i Fiks Arkiv-kodelisten {name} "
                      f"(gyldige: {', '.join(values)}).")
