"""The typed errors of the external programs: each message says what is wrong and what to do."""

from __future__ import annotations

from ..common.errors import ExitCode, PraksisError


class ProgramMissing(PraksisError):
    """A program praksis needs is not installed (or cannot start): the message says what to install."""

    exit_code = ExitCode.USAGE


class ProgramFailed(PraksisError):
    """A program ran and failed, or took longer than its time limit."""

    exit_code = ExitCode.USAGE

    def __init__(self, message: str, timeout: bool = False) -> None:
        super().__init__(message)
        self.timeout = timeout


class ConverterUnavailable(ProgramMissing):
    """LibreOffice (or its Python bridge) is not installed or will not start."""


class ConversionError(PraksisError):
    """One document could not be converted to a valid PDF/A."""

    exit_code = ExitCode.INPUT_REJECTED

    def __init__(self, document: str, message: str) -> None:
        super().__init__(f"{document}: {message}")
        self.document = document
