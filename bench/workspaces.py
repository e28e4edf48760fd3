"""A new workspace for a bench whose generated sheets are larger than a municipality's list.

`[grenser] maks_rader` (5,000 by default, issue #14) turns away a file with more placements,
which is right for the inbox and wrong for a bench that validates 100,000 rows to measure
throughput: the bench raises the row and size limits in its own workspace's praksis.toml.
"""

from __future__ import annotations

import re
from pathlib import Path

from pipeline.common.workspace import Workspace, init_workspace


def roomy_workspace(root: Path, rows: int) -> Workspace:
    """`praksis init` at `root`, with room for a sheet of `rows` placements."""
    workspace = init_workspace(root)
    text = workspace.config_file.read_text(encoding="utf-8")
    before, marker, rest = text.partition("\n[grenser]\n")
    section, next_section, after = rest.partition("\n[")
    for setting, value in (("maks_rader", str(max(rows, 5_000))), ("maks_mb", "2000.0")):
        section, found = re.subn(rf"(?m)^{setting} = [\d.]+", f"{setting} = {value}", section)
        if not marker or found != 1:
            raise SystemExit(f"[grenser] {setting} not found in {workspace.config_file}: has the section changed?")
    workspace.config_file.write_text(before + marker + section + next_section + after, encoding="utf-8")
    return workspace
