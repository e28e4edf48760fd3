"""A real watcher (watchdog observer, warm LibreOffice) on a temporary workspace."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest

from pipeline.common.config import Config, load_config
from pipeline.convert import ConverterPool, PdfaLevel
from pipeline.inbox.watcher import InboxWatcher
from pipeline.common.workspace import Workspace


@pytest.fixture(scope="session")
def warm_pool() -> Iterator[ConverterPool]:
    """One LibreOffice pool for every watcher test (a watcher keeps its pool warm the same way)."""
    pool = ConverterPool(2, 60, PdfaLevel(1))
    pool.start()
    yield pool
    pool.close()


def inbox_settings(workspace: Workspace, **values: object) -> Config:
    """Change `[innboks]` values in the workspace's praksis.toml and load the config."""
    text = workspace.config_file.read_text(encoding="utf-8")
    for key, value in values.items():
        rendered = repr(value) if not isinstance(value, list) else "[" + ", ".join(f'"{v}"' for v in value) + "]"
        text, n = re.subn(rf"(?m)^{key} = .*$", f"{key} = {rendered}", text)
        assert n == 1, key
    workspace.config_file.write_text(text, encoding="utf-8")
    return load_config(workspace)


FAST = {"stabil_sekunder": 0.3, "uleselig_vent_sekunder": 1.0, "ny_gjennomgang_sekunder": 2.0}


@contextmanager
def watching(config: Config, pool: ConverterPool, polling: bool = False) -> Iterator[InboxWatcher]:
    watcher = InboxWatcher(config, polling=polling, pool=pool)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            watcher.run()
        except BaseException as exc:  # surfaced in the test
            errors.append(exc)
            watcher.started.set()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert watcher.started.wait(30), "the watcher did not start"
    try:
        if errors:
            raise errors[0]
        yield watcher
    finally:
        watcher.request_stop()
        thread.join(60)
        assert not thread.is_alive(), "the watcher did not stop"
    if errors:
        raise errors[0]


def wait_for(condition: Callable[[], object], timeout: float = 30.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or condition}")
        time.sleep(0.05)
