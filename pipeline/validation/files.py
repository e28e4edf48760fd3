"""`praksis validate`: whole files validated, streaming, each record handed to a report as it
is read (records are not kept: a sheet of any length takes the same memory)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from ..common.errors import InputFileError
from .validator import FileResult, RecordResult, Validator


class FileReport(Protocol):
    """Where the results go: a table for people or JSON for machines (report/validation.py)."""

    def start_file(self, path: str) -> None: ...

    def header(self, unit: str) -> None: ...

    def record(self, result: RecordResult) -> None: ...

    def finish_file(self, result: FileResult) -> None: ...

    def summary(self, results: list[FileResult]) -> None: ...


def validate_files(validator: Validator, paths: Iterable[Path], report: FileReport) -> list[FileResult]:
    """Every file's records validated and reported; a file that cannot be read is reported as
    rejected whole (its reason in `file_error`) and the others still go on."""
    results: list[FileResult] = []
    for path in paths:
        result = FileResult(str(path))
        results.append(result)
        report.start_file(str(path))
        try:
            for i, record in enumerate(validator.iter_file(path, result)):
                if i == 0:
                    report.header(result.unit)
                result.count(record)
                report.record(record)
        except InputFileError as exc:
            result.file_error = validator.texts.render(exc.reason)
        report.finish_file(result)
    report.summary(results)
    return results
