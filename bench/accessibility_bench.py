"""What the accessibility check costs per produced PDF (issue #16).

Reads PDFs already made (e.g. by `praksis render --alle`), and times, per file, what the
converter does after LibreOffice: the PDF/A claim, the title and language of the DOCX, and
`problems` (pikepdf: catalogue, structure tree, every page's content stream for images);
and, separately, `reading_order` (pdfium text per MCID), which only tests and people run.

Usage: python bench/accessibility_bench.py FOLDER [--passes 5]
(FOLDER holds NAME.pdf beside NAME.docx, as `praksis render` writes them.)
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from pipeline.convert.accessibility import expected_from_docx, problems, reading_order
from pipeline.convert.pdfa import pdfa_claim


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--passes", type=int, default=5)
    args = parser.parse_args()
    pdfs = sorted(p for p in args.folder.rglob("*.pdf") if p.with_suffix(".docx").exists())
    if not pdfs:
        raise SystemExit(f"ingen PDF-er med DOCX ved siden av i {args.folder}")
    check, check_cpu, order, order_cpu = [], [], [], []
    for _ in range(args.passes):
        started, cpu = time.perf_counter(), time.process_time()
        for pdf in pdfs:
            pdfa_claim(pdf)
            problems(pdf, expected_from_docx(pdf.with_suffix(".docx")))
        check.append((time.perf_counter() - started) / len(pdfs))
        check_cpu.append((time.process_time() - cpu) / len(pdfs))
        started, cpu = time.perf_counter(), time.process_time()
        for pdf in pdfs:
            reading_order(pdf)
        order.append((time.perf_counter() - started) / len(pdfs))
        order_cpu.append((time.process_time() - cpu) / len(pdfs))
    print(f"{len(pdfs)} PDF-er, {args.passes} gjennomganger (median per fil; CPU-tid flytter seg mindre med maskinens last)")
    print(f"  kontroll ved omforming (claim + DOCX + problems): {statistics.median(check) * 1000:6.1f} ms, "
          f"CPU {statistics.median(check_cpu) * 1000:6.1f} ms")
    print(f"  leserekkefølge (reading_order, bare tester):       {statistics.median(order) * 1000:6.1f} ms, "
          f"CPU {statistics.median(order_cpu) * 1000:6.1f} ms")


if __name__ == "__main__":
    main()
