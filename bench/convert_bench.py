"""Convert the same rendered documents three ways and compare (issue: documents).

1. one `soffice --convert-to` process per file (what a simple script does),
2. one batch `soffice --convert-to` call with all files,
3. praksis' converter: warm LibreOffice instances (unoserver), one per core.

Usage: python bench/convert_bench.py [--docs 200] [--instances 2]
Target: (3) at least 10× faster than (1) and 1.3× faster than (2).
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
from pathlib import Path

from pipeline.common.config import load_config
from pipeline.convert import ConverterPool, PdfaLevel, pdfa_claim
from pipeline.programs.libreoffice import soffice_convert
from pipeline.documents.identity import DocumentIdentity
from pipeline.documents.render import Renderer
from pipeline.domain.synthetic import TILTAK, sample_record
from pipeline.common.workspace import init_workspace

DOCUMENTS = ("praksisavtale", "taushetsloefte", "oppfoelgingsplan", "praksisbevis")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--instances", type=int, default=2)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="praksis-bench-"))
    try:
        config = load_config(init_workspace(tmp / "ws"))
        renderer = Renderer(config)
        rng = random.Random(3)
        sources = tmp / "docx"
        t0 = time.perf_counter()
        for number in range(args.docs):
            tiltak = rng.choice(TILTAK).lower().replace(" ", "_").replace("å", "aa")
            name = DOCUMENTS[number % 4]
            renderer.render_to(sources / f"{number:04d}-{name}.docx", sample_record(tiltak), name,
                               DocumentIdentity(name, 1, f"2026/{number + 1}"))
        render_s = time.perf_counter() - t0
        files = sorted(sources.glob("*.docx"))
        print(f"rendered {len(files)} documents with docxtpl: {render_s / len(files):.3f} s/doc")

        out1 = tmp / "per-file"
        t0 = time.perf_counter()
        for path in files:
            soffice_convert([path], out1, 1, tmp / "profile-1")
        per_file = (time.perf_counter() - t0) / len(files)

        out2 = tmp / "batch"
        t0 = time.perf_counter()
        soffice_convert(files, out2, 1, tmp / "profile-2", timeout=3600)
        batch = (time.perf_counter() - t0) / len(files)

        out3 = tmp / "pool"
        t0 = time.perf_counter()
        with ConverterPool(args.instances, 60, PdfaLevel(1)) as pool:
            startup = time.perf_counter() - t0
            t1 = time.perf_counter()
            outcomes = pool.convert_many([(p, out3 / p.with_suffix(".pdf").name) for p in files])
            warm = (time.perf_counter() - t1) / len(files)
        failed = [o for o in outcomes if o.error]
        claims = {str(pdfa_claim(o.target)) for o in outcomes if not o.error}
        total_pool = (startup + warm * len(files)) / len(files)

        print(f"\n{'method':<44}{'s/doc':>8}{'docs/s':>9}")
        for label, seconds in (("1. soffice --convert-to per file", per_file),
                               ("2. one batch soffice call", batch),
                               (f"3. praksis pool, {args.instances} warm instances", warm),
                               ("   (3) incl. start-up of the instances", total_pool)):
            print(f"{label:<44}{seconds:>8.3f}{1 / seconds:>9.1f}")
        print(f"\npool start-up: {startup:.1f} s; failed: {len(failed)}; PDF/A claims: {', '.join(sorted(claims))}")
        print(f"ratio per-file / pool: {per_file / warm:.1f}x (target ≥ 10x)")
        print(f"ratio batch / pool:    {batch / warm:.2f}x (target ≥ 1.3x)")
        print(f"ratio batch / pool incl. start-up: {batch / total_pool:.2f}x")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
