"""Fixtures for the inbox pages: a warm LibreOffice pool for the whole-loop test, and an
ingested example workspace for the case lists (list, show, mangler)."""

from tests.archive.conftest import ingested, workspace_copy  # noqa: F401 - fixtures
from tests.inbox.conftest import warm_pool  # noqa: F401 - fixture
