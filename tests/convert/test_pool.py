"""The converter pool against real LibreOffice: conversion, PDF/A, a crashed and a hung instance."""

import os
import signal
from datetime import date
from pathlib import Path

import pytest

from pipeline.convert import ConverterPool, ConverterUnavailable, PdfaLevel, pdfa_claim
from pipeline.programs import libreoffice
from pipeline.programs.preflight import preflight
from pipeline.documents.identity import DocumentIdentity
from pipeline.documents.render import Renderer
from pipeline.domain.synthetic import sample_record

pytestmark = pytest.mark.slow


@pytest.fixture
def docx_files(config, tmp_path: Path) -> list[Path]:
    renderer = Renderer(config)
    paths = []
    for number, name in enumerate(("praksisavtale", "praksisbevis", "taushetsloefte")):
        path = tmp_path / f"{number}-{name}.docx"
        renderer.render_to(path, sample_record(), name, DocumentIdentity(name, 1, "2026/3"), date(2026, 1, 5))
        paths.append(path)
    return paths


def test_converts_to_valid_pdfa_1b(docx_files: list[Path], tmp_path: Path) -> None:
    with ConverterPool(2, 60, PdfaLevel(1)) as pool:
        outcomes = pool.convert_many([(p, p.with_suffix(".pdf")) for p in docx_files])
    assert [o.error for o in outcomes] == [None, None, None]
    pdfs = [o.target for o in outcomes]
    assert all(pdfa_claim(p) == PdfaLevel(1, "B") for p in pdfs)
    assert [r.valid for r in preflight(pdfs)] == [True, True, True]
    assert not list(tmp_path.glob(".*.tmp.pdf"))  # no partial files left behind


def test_pdfa_2b_when_configured(docx_files: list[Path]) -> None:
    with ConverterPool(1, 60, PdfaLevel(2)) as pool:
        target = pool.convert(docx_files[0], docx_files[0].with_suffix(".pdf"))
    assert pdfa_claim(target) == PdfaLevel(2, "B")


def test_a_crashed_instance_is_restarted(docx_files: list[Path]) -> None:
    with ConverterPool(1, 60, PdfaLevel(1)) as pool:
        instance = pool._instances[0]
        os.kill(instance.process.pid, signal.SIGKILL)
        instance.process.wait()
        target = pool.convert(docx_files[0], docx_files[0].with_suffix(".pdf"))
        assert pdfa_claim(target) == PdfaLevel(1, "B")
        assert pool.restarts == 1


def _soffice_pids(group: int) -> list[int]:
    """The soffice.bin processes in a process group (the instance's LibreOffice)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() == "soffice.bin" and os.getpgid(int(entry.name)) == group:
                    found.append(int(entry.name))
            except (OSError, ProcessLookupError):
                continue
    return found


def test_a_hung_instance_times_out_and_the_document_is_retried(docx_files: list[Path]) -> None:
    with ConverterPool(1, 4, PdfaLevel(1)) as pool:
        instance = pool._instances[0]
        hung = _soffice_pids(instance.process.pid)
        assert hung
        for pid in hung:
            os.kill(pid, signal.SIGSTOP)  # LibreOffice hangs: no answer until the timeout
        target = pool.convert(docx_files[1], docx_files[1].with_suffix(".pdf"))
        assert pdfa_claim(target) == PdfaLevel(1, "B")
        assert instance.restarts == 1
    assert not any(Path(f"/proc/{pid}").exists() for pid in hung)  # the hung LibreOffice was killed


def test_missing_libreoffice_is_a_clear_error(monkeypatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setenv("PRAKSIS_SOFFICE", "/nonexistent/soffice")
    monkeypatch.setattr(libreoffice, "SOFFICE_LOCATIONS", ())
    libreoffice.find_soffice.cache_clear()
    try:
        with pytest.raises(ConverterUnavailable, match="make setup"):
            ConverterPool(1).start()
    finally:
        libreoffice.find_soffice.cache_clear()
