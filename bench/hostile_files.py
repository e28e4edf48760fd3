"""Hostile input files, built in code: for tests/reading/test_limits.py and bench/limits_bench.py.

Each builder writes one file and streams what it writes (a gigabyte-unpacking zip bomb is
made without holding a gigabyte), so the builders themselves stay small in memory.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from pipeline.domain.synthetic import synthetic_fnr

HEADER = ("Navn", "Fødselsnummer", "Praksisenhet", "Startdato")
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '{shared}</Types>')
_SHARED_TYPE = ('<Override PartName="/xl/sharedStrings.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
         'officeDocument" Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
             'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
             '<sheets><sheet name="Ark1" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WORKBOOK_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                  'relationships/worksheet" Target="worksheets/sheet1.xml"/>{shared}</Relationships>')
_SHARED_REL = ('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
               'relationships/sharedStrings" Target="sharedStrings.xml"/>')
SHEET_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')


def inline_cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def column(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def header_row() -> str:
    return '<row r="1">' + "".join(inline_cell(f"{column(i)}1", h) for i, h in enumerate(HEADER)) + "</row>"


def person_row(number: int, values: tuple[str, ...]) -> str:
    return (f'<row r="{number}">' + "".join(inline_cell(f"{column(i)}{number}", v) for i, v in enumerate(values))
            + "</row>")


def write_xlsx(path: Path, sheet: Iterable[str], shared: Iterable[str] | None = None) -> Path:
    """A minimal workbook whose sheet XML (and shared strings, if given) is the chunks given, deflated as
    they come."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES.format(shared=_SHARED_TYPE if shared else ""))
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS.format(shared=_SHARED_REL if shared else ""))
        for name, chunks in (("xl/worksheets/sheet1.xml", sheet), ("xl/sharedStrings.xml", shared)):
            if chunks is None:
                continue
            with archive.open(name, "w", force_zip64=True) as part:
                for chunk in chunks:
                    part.write(chunk.encode("utf-8"))
    return path


def _repeat(text: str, total_bytes: int) -> Iterable[str]:
    block = text * max(1, (1 << 20) // len(text))
    for _ in range(max(1, total_bytes // len(block))):
        yield block


def shared_strings_bomb(path: Path, unpacked_mb: int) -> Path:
    """Shared strings that unpack to `unpacked_mb` MB (openpyxl reads them all into memory first)."""
    shared = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
              *_repeat("<si><t>aaaaaaaaaaaaaaaa</t></si>", unpacked_mb << 20), "</sst>"]
    sheet = [SHEET_HEAD, "<sheetData>", header_row(), "</sheetData></worksheet>"]
    return write_xlsx(path, sheet, shared)


def rows_bomb(path: Path, unpacked_mb: int) -> Path:
    """A sheet of identical rows (no row numbers, which openpyxl allows) unpacking to `unpacked_mb` MB."""
    row = "<row>" + "".join(f'<c t="inlineStr"><is><t>{v}</t></is></c>' for v in ("Ola", "x", "y", "z")) + "</row>"
    return write_xlsx(path, [SHEET_HEAD, "<sheetData>", header_row(), *_repeat(row, unpacked_mb << 20),
                             "</sheetData></worksheet>"])


def one_cell_bomb(path: Path, unpacked_mb: int) -> Path:
    """One cell whose text unpacks to `unpacked_mb` MB."""
    return write_xlsx(path, [SHEET_HEAD, "<sheetData>", header_row(), '<row r="2"><c r="A2" t="inlineStr"><is><t>',
                             *_repeat("A", unpacked_mb << 20), "</t></is></c></row></sheetData></worksheet>"])


def stale_dimension(path: Path, rows: list[tuple[str, ...]], stated: str = "A1:D2") -> Path:
    """A sheet whose `<dimension>` says it ends at `stated`, with all of `rows` after the header."""
    return write_xlsx(path, [SHEET_HEAD, f'<dimension ref="{stated}"/><sheetData>', header_row(),
                             *(person_row(i, r) for i, r in enumerate(rows, start=2)), "</sheetData></worksheet>"])


def entity_sheet(path: Path, kind: str) -> Path:
    """A sheet with a DTD: «laughs» (billion laughs) or «external» (an external entity)."""
    if kind == "laughs":
        dtd = '<!DOCTYPE worksheet [<!ENTITY a0 "hahahahahahahahahaha">' + "".join(
            f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10)) + "]>"
        ref = "&a9;"
    else:
        dtd = '<!DOCTYPE worksheet [<!ENTITY ext SYSTEM "file:///etc/passwd">]>'
        ref = "&ext;"
    head = SHEET_HEAD.replace("<worksheet", dtd + "<worksheet", 1)
    return write_xlsx(path, [head, "<sheetData>", header_row(),
                             f'<row r="2"><c r="A2" t="inlineStr"><is><t>{ref}</t></is></c></row>',
                             "</sheetData></worksheet>"])


def deep_json(path: Path, depth: int, kind: str = "array") -> Path:
    """`[[[…]]]` or `{"a":{"a":…}}` nested `depth` deep."""
    with path.open("wb") as handle:
        if kind == "array":
            handle.write(b"[" * depth + b"]" * depth)
        else:
            handle.write(b'{"a":' * depth + b"1" + b"}" * depth)
    return path


def big_csv(path: Path, megabytes: float, row: str | None = None) -> Path:
    """A CSV with the usual header and the same row (a synthetic identity) repeated to `megabytes` MB."""
    if row is None:
        row = f"Ola Nordmann;{synthetic_fnr(date(1990, 2, 15), 123)};Eksempel skole;01.02.2026\r\n"
    target = int(megabytes * (1 << 20))
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(";".join(HEADER) + "\r\n")
        block = row * max(1, (1 << 20) // len(row))
        written = 0
        while written < target:
            handle.write(block)
            written += len(block.encode("utf-8"))
    return path
