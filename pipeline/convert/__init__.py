"""DOCX → PDF/A. LibreOffice does the work; this package keeps it warm, checks its output
and wraps the PDF/A validator. One module per external program (see docs/arkitektur.md)."""

from __future__ import annotations

from ..programs.errors import ConversionError, ConverterUnavailable
from .pdfa import PdfaLevel, pdfa_claim, require_pdfa
from .pool import ConverterPool, pool_from_config

__all__ = ["ConversionError", "ConverterPool", "ConverterUnavailable", "PdfaLevel", "pdfa_claim", "pool_from_config",
           "require_pdfa"]
