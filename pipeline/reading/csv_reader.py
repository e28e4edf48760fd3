"""CSV as Excel writes it in Norway: `;` (or `,`/tab), UTF-8, UTF-8 with BOM or Windows-1252."""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from ..config import Config
from ..errors import InputFileError
from . import HeaderMap, RawRecord, Source

_CHUNK = 1 << 20
# The csv module refuses fields over 128 KiB and then loses the rest of the file. Allow large
# ones so that the validator can say which cell is too long (its caps are far lower).
csv.field_size_limit(64 << 20)


def detect_encoding(path: Path) -> str:
    """BOM first; else UTF-8 if the whole file decodes as UTF-8 (checked in chunks), else cp1252."""
    with path.open("rb") as handle:
        head = handle.read(4)
        if head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        handle.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            while chunk := handle.read(_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8"


def detect_delimiter(first_line: str) -> str:
    """The most frequent of `;`, `,` and tab outside quotes in the header line."""
    counts = {";": 0, ",": 0, "\t": 0}
    quoted = False
    for ch in first_line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(counts, key=lambda c: counts[c])
    return best if counts[best] else ";"


def open_csv(path: Path, config: Config) -> Source:
    display = str(path)
    encoding = detect_encoding(path)
    try:
        with path.open("r", encoding=encoding, newline="") as handle:
            first = ""
            for line in handle:
                if line.strip():
                    first = line
                    break
    except UnicodeDecodeError:
        raise InputFileError(display, "Tegnkodingen kan ikke leses. Lagre filen som «CSV UTF-8» i Excel.") from None
    if not first:
        raise InputFileError(display, "Filen har ingen overskriftsrad og ingen rader.")
    if "\x00" in first:
        raise InputFileError(display, "Filen ser ut som en binærfil, ikke CSV. Lagre arket som CSV eller .xlsx.")
    delimiter = detect_delimiter(first)
    source = Source(path, "linje")
    handle = path.open("r", encoding=encoding, newline="")
    reader = csv.reader(handle, delimiter=delimiter)
    header_map: HeaderMap | None = None
    try:
        for values in reader:  # the header, read now so that its problems come before any record
            if any(v.strip() for v in values):
                header_map = HeaderMap(values, config, display)
                break
    except (csv.Error, UnicodeDecodeError) as exc:
        handle.close()
        raise _unreadable(display, exc, reader.line_num) from None
    except BaseException:
        handle.close()
        raise
    if header_map is None:
        handle.close()
        raise InputFileError(display, "Filen har ingen overskriftsrad og ingen rader.")
    source.warnings.extend(header_map.warnings)
    source._records = _records(handle, reader, header_map, reader.line_num, display)
    return source


def _unreadable(display: str, exc: Exception, line: int) -> InputFileError:
    if isinstance(exc, UnicodeDecodeError):
        return InputFileError(display, "Tegnkodingen kan ikke leses. Lagre filen som «CSV UTF-8» i Excel.")
    return InputFileError(display, f"CSV-feil på linje {line}: {exc}. Sjekk anførselstegnene.")


def _records(handle: TextIO, reader: Any, header_map: HeaderMap, last_line: int, display: str) -> Iterator[RawRecord]:
    with handle:
        try:
            for values in reader:
                start, last_line = last_line + 1, reader.line_num
                if not (values and values[0].strip()) and not "".join(values).strip():  # a blank row
                    continue  # (the first cell decides for almost every row: this runs per row)
                yield header_map.record(display, start, values)
        except (csv.Error, UnicodeDecodeError) as exc:
            raise _unreadable(display, exc, reader.line_num) from None
