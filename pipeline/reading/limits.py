"""Resource limits on input files (`[grenser]` in praksis.toml), checked before the work.

A shared inbox takes files from anyone: a 200 KB JSON nested 100,000 deep, or a 3 MB .xlsx
that unpacks to a gigabyte, must be turned away at once with the limit named, not read until
the machine runs out of memory. What can be known without reading the content is checked
first (the file size; an .xlsx's zip directory: unpacked sizes and ratios); what needs a pass
(JSON depth and record count, CSV line count) is checked in the cheap pass each reader makes
anyway before any record is handed out; the rest (rows and columns of a sheet) as it is read.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ..common.config import Grenser
from ..common.errors import InputFileError
from ..domain.texts import N_

MB = 1 << 20
RATIO_FLOOR = MB
"""Parts smaller than this unpacked are not held to the ratio (tiny XML compresses very well)."""


class LimitExceeded(InputFileError):
    """A file over one of the `[grenser]` limits: rejected at once, never worth waiting for.
    Its message always names the limit as «([grenser] <key>)»."""


def is_limit_message(reason: str) -> bool:
    """Whether a file error (as kept in a FileResult) is a limit: waiting will not help."""
    return "([grenser] " in reason


def _mb(size: float) -> str:
    return f"{size / MB:.1f}".replace(".", ",") + " MB"


def check_size(path: Path, size: int, limits: Grenser) -> None:
    if size > limits.maks_mb * MB:
        raise LimitExceeded(str(path), N_("Filen er {stoerrelse}; grensen er {grense} ([grenser] maks_mb). "
                                          "Del den opp i flere filer.", stoerrelse=_mb(size),
                                          grense=_mb(limits.maks_mb * MB)))


def check_zip(path: Path, limits: Grenser) -> None:
    """An .xlsx's zip directory, before openpyxl unpacks anything. (zipfile itself stops a part
    at the size its directory entry states, so a part cannot unpack to more than is checked here.)"""
    display = str(path)
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a zip at all: the reader says so in its own words
    if len(entries) > 10_000:
        raise LimitExceeded(display, N_("Arbeidsboken har {antall} deler; et vanlig regneark har under hundre. "
                                        "Lagre arket på nytt fra Excel.", antall=len(entries)))
    total = sum(e.file_size for e in entries)
    if total > limits.maks_utpakket_mb * MB:
        raise LimitExceeded(display, N_("Arbeidsboken er {stoerrelse} pakket ut; grensen er {grense} ([grenser] "
                                        "maks_utpakket_mb). Del arket opp i flere filer.", stoerrelse=_mb(total),
                                        grense=_mb(limits.maks_utpakket_mb * MB)))
    for entry in entries:
        if entry.filename.lower().endswith("sharedstrings.xml") and entry.file_size > limits.maks_delte_tekster_mb * MB:
            raise LimitExceeded(display, N_("Tekstene i arbeidsboken er {stoerrelse} pakket ut; grensen er {grense} "
                                            "([grenser] maks_delte_tekster_mb). Del arket opp i flere filer.",
                                            stoerrelse=_mb(entry.file_size), grense=_mb(limits.maks_delte_tekster_mb * MB)))
        if entry.file_size >= RATIO_FLOOR and entry.file_size > limits.maks_pakkeforhold * max(entry.compress_size, 1):
            ratio = entry.file_size / max(entry.compress_size, 1)
            raise LimitExceeded(display, N_("Delen «{del_}» pakkes ut {forhold:.0f} ganger større; grensen er "
                                            "{grense:.0f} ([grenser] maks_pakkeforhold). Filen ser ut som en zip-bombe, "
                                            "ikke et regneark lagret fra Excel.", del_=entry.filename, forhold=ratio,
                                            grense=limits.maks_pakkeforhold))


_ROW = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s>/]")
_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s>/]")
_TAIL = 16
"""Bytes kept from one chunk to the next, so that a tag cut between them is counted once."""


def count_sheet(archive: zipfile.ZipFile, name: str, display: str, limits: Grenser) -> None:
    """Count the `<row>` and `<c>` tags of the sheet that will be read, unpacking it as bytes
    (no XML parsing; its size is already checked), so that a sheet over the row or cell
    limit is turned away before any record is read (ingest files records as it goes),
    whatever its `<dimension>` says. Raises what zipfile raises on a damaged part."""
    rows = cells = 0
    tail = b""
    with archive.open(name) as part:
        while chunk := part.read(MB):
            data = tail + chunk
            whole = data[:len(data) - _TAIL]
            rows += len(_ROW.findall(whole))
            cells += len(_CELL.findall(whole))
            tail = data[len(data) - _TAIL:]
            if rows > limits.maks_rader + 1:
                raise too_many_rows(display, rows, "rad", limits)
            if cells > limits.maks_celler:
                raise too_many_cells(display, cells, limits)
    rows += len(_ROW.findall(tail))
    cells += len(_CELL.findall(tail))
    if rows > limits.maks_rader + 1:
        raise too_many_rows(display, rows, "rad", limits)
    if cells > limits.maks_celler:
        raise too_many_cells(display, cells, limits)


def too_many_cells(display: str, count: int, limits: Grenser) -> LimitExceeded:
    return LimitExceeded(display, N_("Regnearket har mer enn {grense} celler ({antall} så langt); grensen er "
                                     "{grense} ([grenser] maks_celler). Slett tomme og overflødige kolonner, eller "
                                     "del arket opp i flere filer.", grense=limits.maks_celler, antall=count))


UNITS = {"linje": N_("linjer"), "rad": N_("rader"), "post": N_("poster")}
"""What a record is in each kind of file (`Source.unit`), in the plural."""


def too_many_rows(display: str, count: int, unit: str, limits: Grenser) -> LimitExceeded:
    return LimitExceeded(display, N_("Filen har mer enn {grense} {enheter} ({antall} så langt); grensen er {grense} "
                                     "([grenser] maks_rader). Del den opp i flere filer.", grense=limits.maks_rader,
                                     enheter=UNITS.get(unit, unit + "r"), antall=count))


def too_many_lines(display: str, lines: int, limits: Grenser) -> LimitExceeded:
    return LimitExceeded(display, N_("Filen har {antall} rader; grensen er {grense} rader pluss overskriften "
                                     "([grenser] maks_rader). Del den opp i flere filer.", antall=lines,
                                     grense=limits.maks_rader))


def too_many_columns(display: str, count: int, limits: Grenser) -> LimitExceeded:
    return LimitExceeded(display, N_("Overskriftsraden har {antall} kolonner; grensen er {grense} "
                                     "([grenser] maks_kolonner). Fjern tomme eller overflødige kolonner.", antall=count,
                                     grense=limits.maks_kolonner))


def too_deep(display: str, limits: Grenser) -> LimitExceeded:
    return LimitExceeded(display, N_("JSON-filen har objekter eller lister mer enn {grense} nivåer inni hverandre; "
                                     "grensen er {grense} ([grenser] maks_dybde). En praksisplass trenger bare noen få "
                                     "nivåer.", grense=limits.maks_dybde))


def cell_too_long(display: str, where: str, length: int, limits: Grenser) -> LimitExceeded:
    return LimitExceeded(display, N_("{hvor}: en celle har {antall} tegn; grensen er {grense} ([grenser] "
                                     "maks_celle_tegn).", hvor=where, antall=length, grense=limits.maks_celle_tegn))
