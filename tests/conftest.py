"""Shared fixtures: a fresh workspace made by `praksis init`, its config, a validator, and
helpers that build input files in code. Synthetic identities only."""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from pipeline.common.config import Config, load_config
from pipeline.domain.synthetic import placement_row, synthetic_fnr
from pipeline.validation.validator import Validator
from pipeline.common.workspace import PACKAGE_ROOT, Workspace, init_workspace

EXAMPLES = PACKAGE_ROOT / "examples"


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    return init_workspace(tmp_path / "ws")


@pytest.fixture
def config(workspace: Workspace) -> Config:
    return load_config(workspace)


@pytest.fixture
def validator(config: Config) -> Validator:
    return Validator(config)


def fnr_for(day: int, month: int, year: int) -> str:
    """A synthetic fødselsnummer for a birth date (the first individual number that works)."""
    for individ in range(100, 500):
        value = synthetic_fnr(date(year, month, day), individ)
        if value:
            return value
    raise AssertionError("no synthetic number")


def good_row(**changes: str) -> dict[str, str]:
    """A valid placement at status Ny, as text cells, with `changes` applied (canonical names)."""
    row = {
        "id": "T-1", "tiltak": "Arbeidspraksis", "status": "Ny", "praktikant.navn": "Test Testesen",
        "praktikant.foedselsnummer": fnr_for(10, 10, 1990), "praksisenhet.navn": "Bøgata skole",
        "praksisenhet.organisasjonsnummer": "975749118", "startdato": "01.03.2026", "sluttdato": "30.06.2026",
    }
    row.update(changes)
    return row


WriteCsv = Callable[..., Path]


@pytest.fixture
def write_csv(tmp_path: Path) -> WriteCsv:
    def write(rows: list[dict[str, str]], name: str = "liste.csv", delimiter: str = ";",
              encoding: str = "utf-8", headers: list[str] | None = None) -> Path:
        fields = headers or list(dict.fromkeys(k for row in rows for k in row))
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
        writer.writerow(fields)
        for row in rows:
            writer.writerow([row.get(f, "") for f in (headers and list(row) or fields)])
        path = tmp_path / name
        path.write_bytes(buffer.getvalue().encode(encoding))
        return path

    return write


@pytest.fixture
def generated_rows() -> list[dict[str, str]]:
    rng = random.Random(7)
    return [placement_row(rng, n) for n in range(40)]
