"""The version check every wrapper makes once, when its program is first used: a version
praksis was not tested with is named in the log with what to do, and the work goes on."""

from __future__ import annotations

import logging
import re
from functools import cache

log = logging.getLogger("praksis.programmer")


@cache
def check(program: str, found: str, tested: tuple[str, ...]) -> bool:
    """True if `found` begins with one of the `tested` versions, compared as numbers (10.00.0
    is 10.0); else a warning, once per program and version (the work goes on, and its results
    are still checked: PDF/A claims, Preflight, signatures)."""
    numbers = _numbers(found)
    if numbers and any(numbers[:len(_numbers(version))] == _numbers(version) for version in tested):
        return True
    log.warning("%s %s er ikke prøvd med praksis (prøvd: %s). Kontroller resultatene, eller installer en "
                "prøvd versjon (make setup); kjør «make test» etter en oppgradering.",
                program, found or "(ukjent versjon)", ", ".join(tested))
    return False


def _numbers(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version.split(" ")[0]))
