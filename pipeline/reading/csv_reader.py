"""CSV as Excel writes it in Norway: `;` (or `,`/tab), UTF-8, UTF-8 with BOM or Windows-1252."""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from ..common.config import Config, Grenser
from ..common.errors import InputFileError
from ..domain.texts import N_
from . import HeaderMap, RawRecord, Source
from .limits import cell_too_long, too_many_lines, too_many_rows

_CHUNK = 1 << 20


_CP1252_UNDEFINED = tuple(bytes([b]) for b in (0x81, 0x8D, 0x8F, 0x90, 0x9D))


def _has_utf8_multibyte(chunk: bytes) -> bool:
    """Whether `chunk` holds a valid UTF-8 multibyte sequence: decoded with each invalid byte
    kept as one character, a valid sequence of n bytes becomes one character, so the text is
    shorter than the bytes exactly when there is one (C speed; a regex is ten times slower)."""
    return len(chunk.decode("utf-8", "surrogateescape")) != len(chunk)


def detect_encoding(path: Path) -> str:
    return scan_bytes(path)[0]


def _records_in(path: Path) -> int:
    """Line breaks outside quotes: the pieces between quote characters alternate outside/inside
    a quoted cell (an escaped "" toggles twice, so the parity holds)."""
    records, quoted = 0, False
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            pieces = chunk.split(b'"')
            records += sum(piece.count(b"\n") for piece in pieces[1 if quoted else 0::2])
            quoted ^= (len(pieces) - 1) % 2 == 1
    return records


def scan_bytes(path: Path, limit: int | None = None) -> tuple[str, int]:
    """(encoding, records), in one pass over the bytes before any record is read. `records` is
    the number of line breaks: an upper bound, counted exactly (outside quotes: a cell may hold
    line breaks) only if it exceeds `limit`, in a second pass such a large file alone pays for.

    Encoding: BOM first; else UTF-8 if the whole file decodes as UTF-8 (checked in chunks); else
    Windows-1252 only if it decodes as that and holds no UTF-8 multibyte sequence at all.
    A UTF-8 file with one bad byte is rejected with its line, never re-read as Windows-1252
    (that would archive «Ã…se» for «Åse» without a word)."""
    display = str(path)
    with path.open("rb") as handle:
        head = handle.read(4)
        if head.startswith(codecs.BOM_UTF8):
            encoding = "utf-8-sig"
        elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16", 0  # (lines counted as the file is read)
        else:
            encoding = "utf-8"
        handle.seek(0)
        decoder = codecs.getincrementaldecoder(encoding)()
        lines = 0
        multibyte = False  # a valid UTF-8 multibyte sequence seen
        undefined = False  # a byte Windows-1252 does not define seen (from the first bad byte on)
        bad: UnicodeDecodeError | None = None
        while chunk := handle.read(_CHUNK):
            if bad is None:
                try:
                    decoder.decode(chunk)
                    # it decoded: any non-ASCII byte is part of a multibyte sequence (but for an
                    # incomplete one at the end, which the decoder holds for the next chunk)
                    pending = len(decoder.getstate()[0])
                    multibyte = multibyte or not chunk[:len(chunk) - pending].isascii()
                except UnicodeDecodeError as exc:
                    bad = exc
                    bad_line = lines + bytes(exc.object[:exc.start]).count(b"\n") + 1
            if bad is not None:  # only a file that is not UTF-8 pays for these
                multibyte = multibyte or _has_utf8_multibyte(chunk)
                undefined = undefined or any(byte in chunk for byte in _CP1252_UNDEFINED)
            lines += chunk.count(b"\n")
        if bad is None:
            try:
                decoder.decode(b"", final=True)
                return encoding, _records_in(path) if limit is not None and lines > limit else lines
            except UnicodeDecodeError as exc:
                bad, bad_line = exc, lines + 1
    if encoding == "utf-8-sig" or multibyte:
        raise InputFileError(display, N_("Filen er lagret som UTF-8, men linje {linje} har et ugyldig tegn (byte "
                                         "0x{byte:02X}). Rett eller slett tegnet på den linjen, "
                                         "eller lagre filen på nytt som «CSV UTF-8» i Excel.",
                                         linje=bad_line, byte=bad.object[bad.start]))
    if undefined:
        raise InputFileError(display, N_("Tegnkodingen kan ikke leses (linje {linje} er verken UTF-8 eller "
                                         "Windows-1252). Lagre filen som «CSV UTF-8» i Excel.", linje=bad_line))
    return "cp1252", _records_in(path) if limit is not None and lines > limit else lines


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
    limits = config.settings.grenser
    encoding, lines = scan_bytes(path, limits.maks_rader + 1)
    if lines > limits.maks_rader + 1:  # + the header
        raise too_many_lines(display, lines, limits)
    try:
        with path.open("r", encoding=encoding, newline="") as handle:
            first = ""
            for line in handle:
                if line.strip():
                    first = line
                    break
    except UnicodeDecodeError:
        raise InputFileError(display, N_("Tegnkodingen kan ikke leses. Lagre filen som «CSV UTF-8» i Excel.")) from None
    if not first:
        raise InputFileError(display, N_("Filen har ingen overskriftsrad og ingen rader."))
    if "\x00" in first:
        raise InputFileError(display, N_("Filen ser ut som en binærfil, ikke CSV. Lagre arket som CSV eller .xlsx."))
    delimiter = detect_delimiter(first)
    # The csv module's own cell limit (process-wide; 128 KiB by default) set to the configured
    # one, so that a longer cell is answered with the limit and its line.
    csv.field_size_limit(limits.maks_celle_tegn)
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
        raise _unreadable(display, exc, reader.line_num, limits) from None
    except BaseException:
        handle.close()
        raise
    if header_map is None:
        handle.close()
        raise InputFileError(display, N_("Filen har ingen overskriftsrad og ingen rader."))
    source.warnings.extend(header_map.warnings)
    source._records = _records(handle, reader, header_map, reader.line_num, display, limits)
    return source


def _unreadable(display: str, exc: Exception, line: int, limits: Grenser) -> InputFileError:
    if isinstance(exc, csv.Error) and "field larger than field limit" in str(exc):
        return cell_too_long(display, N_("Linje {linje}", linje=line), limits.maks_celle_tegn + 1, limits)
    if isinstance(exc, UnicodeDecodeError):
        return InputFileError(display, N_("Tegnkodingen kan ikke leses. Lagre filen som «CSV UTF-8» i Excel."))
    return InputFileError(display, N_("CSV-feil på linje {linje}: {feil}. Sjekk anførselstegnene.", linje=line, feil=exc))


def _records(handle: TextIO, reader: Any, header_map: HeaderMap, last_line: int, display: str,
             limits: Grenser) -> Iterator[RawRecord]:
    rows_left = limits.maks_rader
    with handle:
        try:
            for values in reader:
                start, last_line = last_line + 1, reader.line_num
                if not (values and values[0].strip()) and not "".join(values).strip():  # a blank row
                    continue  # (the first cell decides for almost every row: this runs per row)
                rows_left -= 1
                if rows_left < 0:
                    raise too_many_rows(display, limits.maks_rader + 1, "linje", limits)
                yield header_map.record(display, start, values)
        except (csv.Error, UnicodeDecodeError) as exc:
            raise _unreadable(display, exc, reader.line_num, limits) from None
