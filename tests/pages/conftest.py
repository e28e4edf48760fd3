"""Fixtures for the inbox pages: a warm LibreOffice pool for the whole-loop test."""

from tests.inbox.conftest import warm_pool  # noqa: F401 - fixture
