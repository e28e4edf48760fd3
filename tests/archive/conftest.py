"""An ingested workspace, made once per test module and copied for each test."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from tests.conftest import EXAMPLES

VALID_EXAMPLES = [EXAMPLES / "praksisplasser.json", EXAMPLES / "praksisliste.csv", EXAMPLES / "praksisliste.xlsx"]


def praksis(root: Path, *args: str):
    return CliRunner().invoke(main, ["--root", str(root), *args], catch_exceptions=False)


def tree(root: Path) -> dict[str, str]:
    """Every file under archive/ with its SHA-256 (staging excluded)."""
    archive = root / "archive"
    return {str(p.relative_to(archive)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(archive.rglob("*")) if p.is_file() and ".staging" not in p.parts}


@pytest.fixture(scope="module")
def ingested(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("base") / "ws"
    CliRunner().invoke(main, ["init", str(root)])
    result = praksis(root, "ingest", *map(str, VALID_EXAMPLES))
    assert result.exit_code == 0, result.output
    return root


@pytest.fixture
def workspace_copy(ingested: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "ws"
    shutil.copytree(ingested, copy)
    return copy
