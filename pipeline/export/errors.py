"""Errors of the exports; the CLI turns them into a message and an exit code."""

from __future__ import annotations

from ..common.errors import ExitCode, PraksisError


class ExportError(PraksisError):
    """An export that cannot be made (no such case, nothing in the period, a package exists)."""


class SchemaInvalid(PraksisError):
    """An XML document does not validate against its schema; nothing was written."""

    exit_code = ExitCode.INPUT_REJECTED
