from __future__ import annotations

from ..common.errors import ExitCode, PraksisError


class ConverterUnavailable(PraksisError):
    """LibreOffice (or its Python bridge) is not installed or will not start."""

    exit_code = ExitCode.USAGE


class ConversionError(PraksisError):
    """One document could not be converted to a valid PDF/A."""

    exit_code = ExitCode.INPUT_REJECTED

    def __init__(self, document: str, message: str) -> None:
        super().__init__(f"{document}: {message}")
        self.document = document
