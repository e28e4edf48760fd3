"""An ingested example workspace per module (real PDF/A documents to sign)."""

from tests.archive.conftest import ingested, workspace_copy  # noqa: F401 - fixtures
from tests.inbox.conftest import warm_pool  # noqa: F401 - fixture
