"""The staging folders of `praksis export arkivuttrekk`: a package is written in a
`.avleveringspakke-*` folder beside its final name and moved there once checked; what an export
killed mid-way left behind is removed by the next."""

from __future__ import annotations

import shutil
from pathlib import Path

STAGING_PREFIX = ".avleveringspakke-"


def remove_leftovers(base: Path, default_location: bool) -> int:
    """Remove what an export killed mid-way left behind: its staging folders (`.avleveringspakke-*`)
    beside the finished packages, in `base` and, in the default location, in every other
    period's folder too. Runs under the workspace lock, so no export is writing them now.
    Returns how many were removed."""
    folders = [base]
    if default_location and base.parent.is_dir():
        folders = [p for p in base.parent.iterdir() if p.is_dir() and not p.name.startswith(".")]
    removed = 0
    for folder in folders:
        if not folder.is_dir():
            continue
        for leftover in folder.glob(f"{STAGING_PREFIX}*"):
            shutil.rmtree(leftover, ignore_errors=True)
            removed += 1
        if folder != base and not any(folder.iterdir()):
            folder.rmdir()  # a period folder holding nothing but a leftover
    return removed
