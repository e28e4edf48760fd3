"""The example workspace, ingested once per module (real documents, real PDF/A)."""

from tests.archive.conftest import ingested, workspace_copy  # noqa: F401 - fixtures
