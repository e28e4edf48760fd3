"""A scan whose modification time lies in the future (a camera or scanner with a wrong clock)
counts as arrived now: it is filed after `vent_sekunder`, not in decades."""

from __future__ import annotations

import os
import time

import pytest

from pipeline.common.config import load_config
from pipeline.common.workspace import Workspace
from tests.inbox.conftest import FAST, inbox_settings, wait_for, watching
from tests.signed.scans import scan
from tests.signed.test_intake import document

pytestmark = pytest.mark.slow


def test_a_scan_dated_in_the_future_is_filed_after_the_usual_wait(workspace_copy, warm_pool, tmp_path):
    workspace = Workspace(workspace_copy)
    inbox_settings(workspace, **FAST)
    text = workspace.config_file.read_text(encoding="utf-8")
    workspace.config_file.write_text(text.replace("vent_sekunder = 60.0", "vent_sekunder = 1.5"), encoding="utf-8")
    config = load_config(workspace)
    _saksnummer, pdf = document(workspace_copy)
    part = scan(pdf, tmp_path / "fremtid.pdf")
    in_2100 = 4102444800  # 1 January 2100
    os.utime(part, (in_2100, in_2100))
    with watching(config, warm_pool) as watcher:
        started = time.monotonic()
        part.rename(workspace.inbox / "signert" / "fremtid.pdf")
        wait_for(lambda: watcher.signed_results, timeout=60, what="the scan")
    assert watcher.signed_results[0].outcome == "arkivert"
    assert time.monotonic() - started < 60
