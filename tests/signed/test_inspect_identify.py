"""Checking and identifying returned PDFs, without LibreOffice."""

from __future__ import annotations

import pikepdf
import pytest

from pipeline.documents.identity import DocumentIdentity
from pipeline.signed.identify import from_name, identify
from pipeline.signed.inspect import SignedRejected, inspect_pdf
from tests.signed.scans import blank_pdf


@pytest.mark.parametrize("name, expected", [
    ("2026-17_praksisavtale_v1.pdf", DocumentIdentity("praksisavtale", 1, "2026/17")),
    ("2026_17-taushetsloefte-v3.pdf", DocumentIdentity("taushetsloefte", 3, "2026/17")),
    ("Skann 2026-00017 praksisbevis v2.pdf", DocumentIdentity("praksisbevis", 2, "2026/17")),
    ("skann0001.pdf", None),
])
def test_the_id_in_a_file_name(name, expected):
    assert from_name(name) == expected


def test_a_page_without_qr_or_id_is_not_identified(tmp_path):
    found = identify(blank_pdf(tmp_path / "blank.pdf", pages=2))
    assert found.identity is None and found.page_ids == [None, None]


def test_inspect_counts_pages_and_rejects_what_it_must(tmp_path):
    assert inspect_pdf(blank_pdf(tmp_path / "ok.pdf", pages=3), 10**7, 10) == 3
    with pytest.raises(SignedRejected, match="grensen er 2"):
        inspect_pdf(tmp_path / "ok.pdf", 10**7, 2)
    (tmp_path / "tekst.pdf").write_text("hei")
    with pytest.raises(SignedRejected, match="ikke en PDF"):
        inspect_pdf(tmp_path / "tekst.pdf", 10**7, 10)
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        pdf.save(tmp_path / "låst.pdf", encryption=pikepdf.Encryption(owner="a", user="b"))
    with pytest.raises(SignedRejected, match="passordbeskyttet"):
        inspect_pdf(tmp_path / "låst.pdf", 10**7, 10)
