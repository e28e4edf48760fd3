"""The QR reader: pages rasterised by pdfium (pypdfium2) and read by zxing-cpp.

The footer strip first (fast), then the whole page; zxing tolerates a slightly rotated,
noisy scan. Both are Python bindings of C++ libraries, so "the program" is two packages,
checked once against the versions praksis was tested with."""

from __future__ import annotations

import importlib.metadata
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import TypeVar

import pypdfium2
import zxingcpp

from . import versions

TESTED = {"pypdfium2": ("5",), "zxing-cpp": ("3",)}
T = TypeVar("T")


@cache
def _checked() -> None:
    for package, tested in TESTED.items():
        versions.check(package, importlib.metadata.version(package), tested)


def _texts_on(page: pypdfium2.PdfPage, dpi: int) -> Iterator[str]:
    image = page.render(scale=dpi / 72, grayscale=True).to_pil()
    width, height = image.size
    for crop in (image.crop((0, int(height * 0.8), width, height)), image):  # the footer strip, then the page
        for barcode in zxingcpp.read_barcodes(crop, formats=zxingcpp.BarcodeFormat.QRCode):
            yield barcode.text


def page_codes(path: Path, dpis: tuple[int, ...], parse: Callable[[str], T | None]) -> list[T | None]:
    """Per page, the first QR code `parse` makes something of (each dpi in turn), or None;
    [] if pdfium cannot open the file."""
    _checked()
    try:
        pdf = pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError:
        return []
    try:
        found: list[T | None] = []
        for index in range(len(pdf)):
            page = pdf[index]
            hit = None
            for dpi in dpis:
                hit = next((value for value in map(parse, _texts_on(page, dpi)) if value is not None), None)
                if hit is not None:
                    break
            found.append(hit)
            page.close()
        return found
    finally:
        pdf.close()
