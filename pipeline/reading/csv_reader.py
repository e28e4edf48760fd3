"""CSV as Excel writes it in Norway: `;` (or `,`/tab), UTF-8, UTF-8 with BOM or Windows-1252."""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from pathlib import Path

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
    source._records = _records(path, encoding, delimiter, config, source)
    # Read the header now, so that header problems are reported before any record.
    first_record = next(source._records, None)
    source._records = _chain(first_record, source._records)
    return source


def _chain(first: RawRecord | None, rest: Iterator[RawRecord]) -> Iterator[RawRecord]:
    if first is not None:
        yield first
        yield from rest


def _records(path: Path, encoding: str, delimiter: str, config: Config, source: Source) -> Iterator[RawRecord]:
    display = str(path)
    with path.open("r", encoding=encoding, newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        header_map: HeaderMap | None = None
        last_line = 0
        try:
            for values in reader:
                start, last_line = last_line + 1, reader.line_num
                if not any(v.strip() for v in values):
                    continue
                if header_map is None:
                    header_map = HeaderMap(values, config, display)
                    source.warnings.extend(header_map.warnings)
                    continue
                yield header_map.record(display, start, values)
        except csv.Error as exc:
            raise InputFileError(display, f"CSV-feil på linje {reader.line_num}: {exc}. Sjekk anførselstegnene.") from None
        except UnicodeDecodeError:
            raise InputFileError(display, "Tegnkodingen kan ikke leses. Lagre filen som «CSV UTF-8» i Excel.") from None
