"""Typed errors. The library raises these; the CLI turns them into messages and exit codes."""

from __future__ import annotations

from enum import IntEnum

from ..domain.texts import N_


class ExitCode(IntEnum):
    """Exit codes of the `praksis` command."""

    OK = 0
    INPUT_REJECTED = 1  # some input (a record, a file) was rejected
    USAGE = 2  # usage or configuration error


class PraksisError(Exception):
    """Base class: `message` is Norwegian text for the person running praksis (often a
    `texts.Message`, which the CLI shows in the workspace's målform)."""

    exit_code: ExitCode = ExitCode.USAGE

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ConfigError(PraksisError):
    """The workspace or its configuration is missing or wrong."""

    exit_code = ExitCode.USAGE


class InputFileError(PraksisError):
    """A whole input file cannot be read (unsupported type, broken encoding, no records)."""

    exit_code = ExitCode.INPUT_REJECTED

    def __init__(self, path: str, message: str) -> None:
        super().__init__(N_("{fil}: {melding}", fil=path, melding=message))
        self.path = path
        self.reason = message


class CaseError(PraksisError):
    """A command named a case or document that does not exist."""
