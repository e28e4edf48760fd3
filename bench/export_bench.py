"""Export speed and memory: Fiks Arkiv bundles and a Noark 5 deposit package.

Builds a workspace whose archive holds N generated cases (metadata as ingest writes it, from
generated placements; two journal posts each with a small PDF/A file, all closed), then runs,
each in a fresh process so that peak RSS is that export's own:
  praksis export fiks-arkiv            (one zip per case)
  praksis export fiks-arkiv --samlet   (one zip)
  praksis export arkivuttrekk          (avleveringspakke, checked before it is kept)
  praksis export check                 (the depot's tests on it)
and prints seconds and peak RSS for N = 1,000 and 10,000.

Usage: python bench/export_bench.py [--cases 1000 10000]
Target: time linear in N; peak RSS under 200 MB at 10,000 cases.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date, datetime
from pathlib import Path

import pikepdf

from pipeline.archive import metadata as noark
from pipeline.archive.store import GRUNNLAG, JOURNALPOST, SAKSMAPPE, VERSJON, write_json
from pipeline.common.config import load_config
from pipeline.domain.synthetic import write_placements_csv
from pipeline.validation.validator import FileResult, Validator
from pipeline.common.workspace import sha256_file
from workspaces import roomy_workspace

PRAKSIS = str(Path(sys.executable).parent / "praksis")


def tiny_pdfa(path: Path) -> None:
    """A one-page PDF that claims PDF/A-1b (the checks read the claim; content is not the point)."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["pdfaid:part"] = "1"
        meta["pdfaid:conformance"] = "B"
    pdf.save(path)


def build(root: Path, cases: int) -> None:
    config = load_config(roomy_workspace(root, cases))
    source = root / "plasser.csv"
    write_placements_csv(source, cases, seed=9, encoding="utf-8")
    sample = root / "liten.pdf"
    tiny_pdfa(sample)
    pdf_sha, pdf_size = sha256_file(sample), sample.stat().st_size
    when = datetime(date.today().year, 3, 1, 12, 0).astimezone()
    year = when.year
    made = journal_number = 0
    for result in Validator(config).iter_file(source, FileResult(str(source))):
        if result.record is None:
            continue
        record = result.record
        made += 1
        saksnummer = f"{year}/{made}"
        folder = root / "archive" / str(year) / f"{year}-{made:05}"
        folder.mkdir(parents=True)
        meta = noark.saksmappe(record, saksnummer, str(uuid.uuid4()), "0" * 32, config, when, when)
        meta["saksstatus"] = "Avsluttet"
        write_json(folder / SAKSMAPPE, meta)
        for number, dokumenttype in enumerate(("praksisavtale", "taushetsloefte"), start=1):
            journal_number += 1
            spec = config.settings.dokumenter[dokumenttype]
            name = f"{number:03}-{dokumenttype}"
            journal = noark.journalpost(record, spec, dokumenttype, saksnummer, number, year, journal_number,
                                        str(uuid.uuid4()), str(uuid.uuid4()), config, when)
            (folder / name / "v1").mkdir(parents=True)
            write_json(folder / name / JOURNALPOST, journal)
            shutil.copyfile(sample, folder / name / "v1" / f"{dokumenttype}.pdf")
            (folder / name / "v1" / GRUNNLAG).write_text("{}", encoding="utf-8")
            write_json(folder / name / "v1" / VERSJON, {
                "versjonsnummer": 1, "dokumenttype": dokumenttype, "arsak": "Første versjon.",
                "opprettetDato": when.isoformat(), "opprettetAv": "praksis", "fakta_sha256": "0" * 64,
                "dokumentobjekt": [noark.dokumentobjekt(1, "Arkivformat", "fmt/354", "PDF/A-1b", f"{dokumenttype}.pdf",
                                                        f"{name}/v1/{dokumenttype}.pdf", pdf_sha, pdf_size, when)]})
        if made == cases:
            break


def measure(args: list[str]) -> tuple[float, float]:
    started = time.perf_counter()
    process = subprocess.Popen([PRAKSIS, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"praksis {' '.join(args)} failed: {process.stderr.read().decode() if process.stderr else ''}")
    return wall, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, nargs="+", default=[1000, 10000])
    options = parser.parse_args()
    year = date.today().year
    for cases in options.cases:
        tmp = Path(tempfile.mkdtemp(prefix="praksis-export-bench-"))
        try:
            root = tmp / "ws"
            started = time.perf_counter()
            build(root, cases)
            print(f"{cases} cases ({2 * cases} journal posts, {2 * cases} PDF files) generated in "
                  f"{time.perf_counter() - started:.1f} s")
            deposit = tmp / "uttrekk"
            for label, args in (
                ("fiks-arkiv, one zip per case", ["export", "fiks-arkiv"]),
                ("fiks-arkiv --samlet", ["export", "fiks-arkiv", "--samlet", "--siden", f"{year}-01-01"]),
                ("arkivuttrekk (incl. its check)", ["export", "arkivuttrekk", "--fra", f"{year}-01-01",
                                                    "--til", f"{year}-12-31", "--ut", str(deposit)]),
                ("export check", ["export", "check", str(deposit)]),
            ):
                wall, peak = measure(["--root", str(root), *args])
                print(f"  {label:<32} {wall:7.1f} s  {cases / wall:7.0f} cases/s  peak RSS {peak:6.0f} MB")
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
