"""Signed copies: seconds per scanned page to identify (QR found), and per merged document.

Ingests the example CSV into a fresh workspace (real documents), makes scans of them as
tests do (200 dpi, rotated 1.5°, speckle noise, JPEG), then
1. identifies every page of every scan (rasterise + QR read), reporting s/page and how many
   pages were identified;
2. files each document from two scanned parts (merge with pikepdf, PDF/A by Ghostscript,
   PDFBox Preflight, filed as a new version), reporting s/document.

Usage: python bench/signed_bench.py
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

import pikepdf

from pipeline.archive.store import ArchiveStore
from pipeline.common.config import load_config
from pipeline.ingest import Ingest
from pipeline.signed.identify import identify
from pipeline.inbox.signed_folder import SignedFolder
from pipeline.common.workspace import PACKAGE_ROOT, init_workspace

sys.path.insert(0, str(PACKAGE_ROOT))  # the tests' scan maker: the same scans the tests use
from tests.signed.scans import scan  # noqa: E402


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="praksis-signed-bench-"))
    try:
        config = load_config(init_workspace(tmp / "ws"))
        Ingest(config).run([PACKAGE_ROOT / "examples" / "praksisliste.csv", PACKAGE_ROOT / "examples" / "praksisplasser.json"])
        documents = [(journal.latest.folder / f"{name}.pdf") for case in ArchiveStore(config.workspace.archive).iter_cases()
                     for name, journal in case.journals.items() if journal.latest]
        scans = []
        for index, pdf in enumerate(documents):
            with pikepdf.open(pdf) as source:
                pages = len(source.pages)
            split = max(1, pages // 2)
            first = scan(pdf, tmp / f"{index:03}-a.pdf", pages=list(range(split)), seed=index)
            rest = scan(pdf, tmp / f"{index:03}-b.pdf", pages=list(range(split, pages)), rotate=-1.5, seed=index + 99) \
                if pages > split else None
            scans.append([p for p in (first, rest) if p])
        total_pages = found = 0
        started = time.perf_counter()
        for parts in scans:
            for part in parts:
                ids = identify(part).page_ids
                total_pages += len(ids)
                found += sum(1 for i in ids if i is not None)
        identify_time = time.perf_counter() - started
        print(f"identify: {total_pages} scanned pages in {identify_time:.2f} s = {identify_time / total_pages:.3f} s/page; "
              f"QR found on {found} of {total_pages} pages")
        intake = SignedFolder(config)
        started = time.perf_counter()
        filed = 0
        for parts in scans:
            results = intake.file_given(parts)
            filed += sum(1 for r in results if r.outcome == "arkivert")
        file_time = time.perf_counter() - started
        print(f"merge + PDF/A + Preflight + file: {filed} documents ({total_pages} pages, {sum(len(p) for p in scans)} parts) "
              f"in {file_time:.1f} s = {file_time / filed:.2f} s/document (identification included)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
