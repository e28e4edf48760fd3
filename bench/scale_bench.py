"""Ten years of a big municipality: the commands and the watcher on archives of N cases.

Builds a workspace with N cases in the real archive format through praksis' own filing code
(`Ingest` planning, reserving, staging, renaming and syncing; `file_signed` for the signed
copies), with one thing replaced: documents are not rendered and converted by LibreOffice.
One real DOCX and one real PDF/A (LibreOffice, once per build) are given each document's
identity in place (the DOCX's zip comment; the PDF/A's XMP DocumentID, same length, so
every offset stays valid) and written where the renderer and converter would write them.

The cases are spread over the last ten years, each year built by a process of its own (`--jobs`
at a time) and then moved into one archive, which `praksis reindex` indexes. The life of a
case, as in real life: every placement first arrives at «Bekreftet» or
earlier (praksisavtale and taushetsløfte v1), then again at its final status (most are
«Avsluttet» after ten years: oppfølgingsplan and praksisbevis; some are extended, which
makes a praksisavtale v2); most documents due for signing then get a signed scan as a
later version. The workspace is checked with `praksis verify` (must be clean).

Then each command runs as a child process (wall time; CPU time and peak RSS from os.wait4):
`list --json`, `mangler --json`, `oversikt`, `show` of one case, `verify`, `reindex`,
`export fiks-arkiv --samlet` (run once first, the timed run has nothing new), and the
watcher's drop-to-result for one new placement and for one signed scan (a child process
that runs the real watcher with a warm LibreOffice; the time spent rendering and converting
— LibreOffice, Ghostscript and the PDF/A check — is measured there and shown apart).

Usage:
    python bench/scale_bench.py [--cases 1000,10000,30000] [--keep DIR] [--jobs J] [--only reindex,list,...]
    python bench/scale_bench.py --build-only --cases N [--jobs J] DIR
Targets (issue #20): per-file work at most 1.5x slower at 30,000 than at 1,000; whole-archive
commands at most 35x for 30x the cases; list and mangler under 2 s at 30,000; reindex under
5 minutes; peak RSS under 300 MB everywhere.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import re
import shutil
import sqlite3
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if not os.environ.get("PYTHONPATH"):  # PYTHONPATH=<another checkout> times that code (e.g. before a change)
    sys.path.insert(0, str(ROOT))

from pipeline.common.config import Config, load_config  # noqa: E402
from pipeline.documents.identity import DocumentIdentity  # noqa: E402
from pipeline.ingest import CasePlan, DocumentJob, Ingest  # noqa: E402
from pipeline.domain.synthetic import placement_row  # noqa: E402
from pipeline.domain.vilkaar import probation_months_allowed  # noqa: E402
from pipeline.common.workspace import init_workspace  # noqa: E402

BATCH = 1000
"""Placements per generated sheet (each sheet is one input kept in archive/kilder/)."""

FINAL_STATUS = [("Avsluttet", 0.86), ("Startet", 0.06), ("Bekreftet", 0.04), ("Statusmøte avtalt", 0.02), ("Ny", 0.02)]
EXTENDED = 0.15
SIGNED = 0.9


# --- placeholder documents ------------------------------------------------------------------------


IDENTITY_WIDTH = 100
"""Bytes of the XMP packet's padding (whitespace meant for in-place edits) that carry the id."""


MINIMAL_DOCX = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>',
    "word/document.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:body><w:p/></w:body></w:document>',
}


class Placeholders:
    """One real DOCX and one real PDF/A, given a per-document identity without re-rendering:
    an XML comment in the XMP packet's padding (same length, so the xref stays right), and the
    DOCX's zip comment."""

    def __init__(self, docx: bytes, pdf: bytes) -> None:
        self.docx = docx
        match = re.search(rb"</x:xmpmeta>\s( {%d})" % IDENTITY_WIDTH, pdf)
        if match is None:
            raise SystemExit("the reference PDF/A has no XMP padding to give identity to")
        self.pdf_head, self.pdf_tail = pdf[:match.start(1)], pdf[match.end(1):]
        end = docx.rfind(b"PK\x05\x06")
        if end < 0 or len(docx) - end != 22:
            raise SystemExit("the reference DOCX has a zip comment already")
        self.docx_end = end

    def docx_for(self, identity: str) -> bytes:
        comment = identity.encode()
        eocd = self.docx[self.docx_end:self.docx_end + 20] + struct.pack("<H", len(comment))
        return self.docx[:self.docx_end] + eocd + comment

    def pdf_for(self, identity: str) -> bytes:
        comment = f"<!-- {identity} -->".ljust(IDENTITY_WIDTH).encode()
        if len(comment) != IDENTITY_WIDTH:
            raise ValueError(f"identity too long for the XMP padding: {identity}")
        return self.pdf_head + comment + self.pdf_tail

    @classmethod
    def make(cls, config: Config, folder: Path) -> Placeholders:
        """A minimal DOCX (no text, so the PDF/A embeds no font) converted once by the real
        LibreOffice: a few kB each, where a rendered agreement is some 100 kB. Its PDF/A claim is
        checked; not its accessibility (a page with no text has no title, heading or language
        to check, which `ConverterPool.convert` would rightly refuse)."""
        from pipeline.convert import PdfaLevel
        from pipeline.convert.pdfa import require_pdfa
        from pipeline.convert.pool import UnoInstance
        folder.mkdir(parents=True, exist_ok=True)
        docx, pdf = folder / "referanse.docx", folder / "referanse.pdf"
        with zipfile.ZipFile(docx, "w", zipfile.ZIP_DEFLATED) as package:
            for name, text in MINIMAL_DOCX.items():
                package.writestr(name, text)
        settings = config.settings.konvertering
        level = PdfaLevel.parse(settings.pdfa)
        instance = UnoInstance(0, folder, settings.tidsavbrudd_sekunder)
        instance.start()
        try:
            instance.convert(docx.resolve(), pdf.resolve(), level.part)
        finally:
            instance.stop()
        require_pdfa(pdf, level, docx.name)
        return cls(docx.read_bytes(), pdf.read_bytes())


class PlaceholderIngest(Ingest):
    """praksis' own ingest, with rendering and conversion replaced by the placeholders."""

    def __init__(self, config: Config, placeholders: Placeholders) -> None:
        super().__init__(config)
        self.placeholders = placeholders

    def _make_documents(self, jobs: list[tuple[CasePlan, DocumentJob]]) -> None:
        for plan, job in jobs:
            identity = DocumentIdentity(job.dokumenttype, job.version, plan.saksnummer).id
            job.folder.mkdir(parents=True, exist_ok=True)
            job.docx.write_bytes(self.placeholders.docx_for(identity))
            job.pdf.write_bytes(self.placeholders.pdf_for(identity))


# --- building -------------------------------------------------------------------------------------


def life_of(rng: random.Random, number: int) -> tuple[dict[str, str], dict[str, str]]:
    """(the row as first sent, the row at its final status) for placement `number`."""
    final = placement_row(rng, number)
    start = date(2017, 1, 2) + timedelta(days=rng.randrange(0, 3600))
    weeks = rng.choice([8, 12, 26, 52])
    if final["tiltak"] == "Trainee":  # a trainee's fixed term is long enough for a probation (12 months typical)
        weeks = max(weeks, 26)
    end = start + timedelta(weeks=weeks)
    final["startdato"], final["sluttdato"] = start.strftime("%d.%m.%Y"), end.strftime("%d.%m.%Y")
    if final["tiltak"] == "Trainee":  # the probation the new period allows (the row's was for its own dates)
        final["ansettelse.proevetid_maaneder"] = str(probation_months_allowed(start, end) or "")
    if final["politiattest_fremvist"]:
        final["politiattest_fremvist"] = (start - timedelta(days=7)).strftime("%d.%m.%Y")
    status = rng.choices([s for s, _ in FINAL_STATUS], [w for _, w in FINAL_STATUS])[0]
    final["status"] = status
    final["oppstartsmoete"] = start.strftime("%d.%m.%Y") if status in ("Startet", "Avsluttet") else ""
    final["fullfoert"] = ("Ja" if rng.random() < 0.8 else "Nei") if status == "Avsluttet" else ""
    first = dict(final)
    if status in ("Startet", "Avsluttet"):
        first.update(status="Bekreftet", oppstartsmoete="", fullfoert="")
    if status in ("Startet", "Avsluttet") and rng.random() < EXTENDED:
        final["sluttdato"] = (end + timedelta(weeks=8)).strftime("%d.%m.%Y")
    return first, final


def write_sheet(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter=";", lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)


def sign_documents(config: Config, placeholders: Placeholders, rng: random.Random, folder: Path) -> int:
    """A signed scan for most documents due for signing, filed by praksis' own `file_signed`."""
    from pipeline.archive.store import ArchiveStore
    from pipeline.convert import PdfaLevel
    from pipeline.archive.locking import workspace_lock
    from pipeline.archive.registry import Registry
    from pipeline.archive.writer import ArchiveWriter
    from pipeline.signed.filing import SignedCopy, file_signed
    level = PdfaLevel.parse(config.settings.konvertering.pdfa).image_only  # as the intake files a scan
    signable = {name for name, spec in config.settings.dokumenter.items() if spec.signeres_av}
    store = ArchiveStore(config.workspace.archive)
    signed = 0
    folder.mkdir(parents=True, exist_ok=True)
    with workspace_lock(config.workspace.root, "scale bench"):
        registry = Registry(config.workspace.registry)
        try:
            targets = registry.db.execute(  # the latest version of each document, and whether it is signed
                "SELECT saksnummer, dokumenttype, max(versjon) AS v, signert FROM versjon "
                "GROUP BY saksnummer, dokumenttype ORDER BY saksnummer, dokumenttype").fetchall()
            for row in targets:
                if row["dokumenttype"] not in signable or rng.random() > SIGNED or row["signert"]:
                    continue
                identity = DocumentIdentity(row["dokumenttype"], row["v"], row["saksnummer"])
                archival, scan = folder / "arkiv.pdf", folder / "skann.pdf"
                archival.write_bytes(placeholders.pdf_for(identity.id + ":signert"))
                scan.write_bytes(placeholders.pdf_for(identity.id + ":skann"))
                file_signed(ArchiveWriter(config, store, registry),
                            SignedCopy(identity, archival, [("skann.pdf", scan)], "skannet", "qr"), level)
                signed += 1
        finally:
            registry.close()
    return signed


YEARS = 10
"""The cases are spread over the last ten years (case numbers 2017/1 … 2026/n), each year built
by a process of its own into a workspace of its own, then moved into one archive."""


def _unsynced() -> None:
    """Build without waiting for the disk: fsync is a no-op in this process and SQLite does
    not sync (a crash while building means building again; the files and the registry are
    the same as praksis makes them, which is what the bench is about)."""
    from pipeline.archive.registry import Registry
    os.fsync = lambda _fd: None
    synced_init = Registry.__init__

    def unsynced_init(registry: Registry, path: Path) -> None:
        synced_init(registry, path)
        registry.db.execute("PRAGMA synchronous=OFF")

    Registry.__init__ = unsynced_init  # type: ignore[method-assign]


def _in_year(year: int) -> None:
    """praksis' clock (`archive.events`, which ingest and the signed filing read) set back to
    this day of `year`: case numbers, journal numbers and dates are then that year's."""
    import pipeline.archive.events as events
    real = events.oslo_now

    def then() -> Any:
        moment = real()
        return moment.replace(year=year, day=min(moment.day, 28) if moment.month == 2 else moment.day)

    events.oslo_now = then


def build_year(folder: Path, config_dir: Path, placeholders_dir: Path, year: int, cases: int, first_number: int,
               seed: int) -> dict[str, int]:
    """One year's cases, in a workspace of its own (with the main workspace's configuration
    and id key), through praksis' own filing code: each placement first as sent, then at its
    final status, then a signed scan for most documents due for signing."""
    _unsynced()
    if year != date.today().year:
        _in_year(year)
    config = load_config(init_workspace(folder))
    shutil.copytree(config_dir, config.workspace.config_dir, dirs_exist_ok=True)
    config = load_config(config.workspace)
    placeholders = Placeholders((placeholders_dir / "referanse.docx").read_bytes(),
                                (placeholders_dir / "referanse.pdf").read_bytes())
    work = folder / "bench-arbeid"
    work.mkdir()
    rng = random.Random(seed * 10_000 + year)
    lives = [life_of(rng, n) for n in range(first_number, first_number + cases)]
    documents = 0
    started = time.perf_counter()
    for phase in (0, 1):
        for first in range(0, cases, BATCH):
            rows = [life[phase] for life in lives[first:first + BATCH]]
            sheet = work / f"plasser-{phase}-{first:06d}.csv"
            write_sheet(sheet, rows)
            report = PlaceholderIngest(load_config(config.workspace), placeholders).run([sheet])
            rejected = report.count("avvist")
            if rejected:
                first_bad = next(o for o in report.outcomes if o.kind == "avvist")
                raise SystemExit(f"{rejected} rejected while building: {first_bad.message}")
            documents += report.documents
            sheet.unlink()
            print(f"  {year}: pass {phase + 1}, {first + len(rows)} of {cases} placements "
                  f"({time.perf_counter() - started:.0f} s)", flush=True)
    signed = sign_documents(config, placeholders, rng, work / "signert")
    shutil.rmtree(work)
    print(f"  {year}: {cases} cases, {documents} documents, {signed} signed copies "
          f"({time.perf_counter() - started:.0f} s)", flush=True)
    return {"documents": documents, "signed": signed}


def build(target: Path, cases: int, seed: int = 20, jobs: int = 2) -> dict[str, Any]:
    """N cases over the last ten years: each year built by its own child process, `jobs` at a
    time (one archive has one writer; ten years are ten archives until they are moved into
    one), then the year folders and kept inputs moved into `target` and its registry and
    inbox pages made by `praksis reindex`, the command that rebuilds them from the files."""
    if target.exists() and any(target.iterdir()):
        raise SystemExit(f"{target} is not empty")
    started = time.perf_counter()
    config = load_config(init_workspace(target))
    work = target / "bench-arbeid"
    Placeholders.make(config, work / "referanse")
    last = date.today().year
    years = list(range(last - min(YEARS, cases) + 1, last + 1))
    shares = [cases // len(years) + (1 if i >= len(years) - cases % len(years) else 0) for i in range(len(years))]
    firsts = [sum(shares[:i]) for i in range(len(years))]
    pending = list(zip(years, shares, firsts))
    running: list[tuple[subprocess.Popen[bytes], int]] = []
    while pending or running:
        while pending and len(running) < jobs:
            year, share, first = pending.pop(0)
            argv = [sys.executable, __file__, "--build-year", str(year), "--cases", str(share), "--first", str(first),
                    "--seed", str(seed), str(work / f"aar-{year}")]
            running.append((subprocess.Popen(argv), year))  # noqa: S603
        process, year = running.pop(0)
        if process.wait() != 0:
            raise SystemExit(f"building {year} failed")
    return merge_years(target, years, started)


def merge_years(target: Path, years: list[int], started: float) -> dict[str, Any]:
    """The built years (target/bench-arbeid/aar-<year>) moved into `target`'s archive, then
    `praksis reindex` makes its registry and inbox pages from the files."""
    work = target / "bench-arbeid"
    cases = documents = signed = 0
    (target / "archive" / "kilder").mkdir(parents=True, exist_ok=True)
    for year in years:
        shard = work / f"aar-{year}"
        summary = json.loads((shard / "bygd.json").read_text(encoding="utf-8"))
        documents, signed = documents + summary["documents"], signed + summary["signed"]
        os.rename(shard / "archive" / str(year), target / "archive" / str(year))
        cases += sum(1 for _ in (target / "archive" / str(year)).iterdir())
        for kept in (shard / "archive" / "kilder").iterdir():
            os.rename(kept, target / "archive" / "kilder" / kept.name)
    shutil.rmtree(work)
    praksis = Path(sys.executable).parent / "praksis"
    subprocess.run([str(praksis), "--root", str(target), "reindex"], check=True, stdout=subprocess.DEVNULL)  # noqa: S603
    seconds = time.perf_counter() - started
    files = sum(len(names) for _d, _s, names in os.walk(target / "archive"))
    size = sum(os.path.getsize(os.path.join(d, n)) for d, _s, names in os.walk(target / "archive") for n in names)
    print(f"built {cases} cases, {documents} documents and {signed} signed copies ({files} files, "
          f"{size / 1e6:.0f} MB) in {seconds:.0f} s", flush=True)
    return {"cases": cases, "documents": documents, "signed": signed, "files": files, "bytes": size,
            "seconds": seconds}


# --- timing children ------------------------------------------------------------------------------


def timed(argv: list[str], cwd: Path, allowed: tuple[int, ...] = (0,),
          keep_output: bool = False) -> tuple[float, float, str, float]:
    """Run `argv`, reaping it with os.wait4 for its own peak RSS (ru_maxrss, kB on Linux).
    Linux counts the parent's resident memory at fork into the child's ru_maxrss, so this
    process keeps no command's output unless asked (a 30,000-case `list --json` is 50 MB)."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(argv, cwd=cwd, stdout=out, stderr=err)
        _pid, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        stdout = ""
        if keep_output:
            out.seek(0)
            stdout = out.read().decode()
        if process.returncode not in allowed:
            err.seek(0)
            raise SystemExit(f"{' '.join(argv)} exited {process.returncode}:\n{err.read().decode()[-2000:]}")
    return wall, usage.ru_maxrss / 1024, stdout, usage.ru_utime + usage.ru_stime


def timed_median(argv: list[str], cwd: Path, runs: int = 3) -> tuple[float, float, str, float]:
    """The median of `runs` runs (for short commands, which one busy second on a shared
    machine would otherwise decide), with the largest peak RSS."""
    results = [timed(argv, cwd) for _ in range(runs)]
    walls, cpus = sorted(result[0] for result in results), sorted(result[3] for result in results)
    return walls[runs // 2], max(result[1] for result in results), "", cpus[runs // 2]


WATCH_CHILD = r"""
import json, shutil, sys, threading, time
from pathlib import Path
from pipeline.common.config import load_config
from pipeline.ingest import Ingest
from pipeline.common.workspace import workspace_from
from pipeline.inbox.watcher import InboxWatcher
import pipeline.signed.intake as intake

spent = {"konvertering": 0.0}
def measured(function):
    def wrapper(*args, **kwargs):
        begun = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent["konvertering"] += time.perf_counter() - begun
    return wrapper
Ingest._make_documents = measured(Ingest._make_documents)  # render + LibreOffice
intake.to_pdfa = measured(intake.to_pdfa)  # Ghostscript
intake.check_pdfa = measured(intake.check_pdfa)  # the PDF/A claim check

config = load_config(workspace_from(sys.argv[1]))
drops = Path(sys.argv[2])
watcher = InboxWatcher(config)
thread = threading.Thread(target=watcher.run, daemon=True)
thread.start()
if not watcher.started.wait(180):
    raise SystemExit("the watcher did not start")
out = {}
for name, folder, results in (("plass", watcher.inbox, watcher.results),
                              ("skann", watcher.signed, watcher.signed_results)):
    for path in sorted(drops.glob(name + "*")):
        before, spent["konvertering"] = len(results), 0.0
        t0 = time.perf_counter()
        path.rename(folder / path.name)
        while len(results) == before:
            if not thread.is_alive() or time.perf_counter() - t0 > 300:
                raise SystemExit(f"no result for {path.name}")
            time.sleep(0.005)
        result = results[-1]
        out.setdefault(name, []).append({"sekunder": time.perf_counter() - t0, "konvertering": spent["konvertering"],
                                         "utfall": result.outcome})
watcher.request_stop()
thread.join(120)
print(json.dumps(out))
"""


def watcher_drops(workspace: Path, python: str) -> dict[str, Any]:
    """The real watcher (child process): one new placement and one signed scan, each dropped
    twice (the first warms caches); returns the second drop's times and the child's peak RSS.
    The workspace's wait for further scanned parts is set to 1 s (default 60 s), so that the
    figure is the work and not that wait."""
    from pipeline.archive.registry import Registry
    config_file = workspace / "config" / "praksis.toml"
    config_file.write_text(re.sub(r"(?m)^vent_sekunder = [0-9.]+", "vent_sekunder = 1.0",
                                  config_file.read_text(encoding="utf-8")), encoding="utf-8")
    drops = Path(tempfile.mkdtemp(prefix="drops-", dir=workspace))
    registry = Registry(workspace / "registry.sqlite")
    try:
        cases = registry.db.execute("SELECT count(*) FROM sak").fetchone()[0]
    finally:
        registry.close()
    rng, number = random.Random(cases), 1_000_000 + cases  # new placements on every run
    for i in range(2):
        row = placement_row(rng, number + i)
        row.update(status="Bekreftet", oppstartsmoete="", fullfoert="")
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(row), delimiter=";", lineterminator="\r\n")
        writer.writeheader()
        writer.writerow(row)
        (drops / f"plass-{i}.csv").write_bytes(buffer.getvalue().encode("utf-8"))
    registry = Registry(workspace / "registry.sqlite")
    try:  # two unsigned praksisavtaler of cases in the middle of the archive
        unsigned = registry.db.execute(
            "SELECT v.saksnummer, max(v.versjon) AS v FROM versjon v JOIN sak USING (saksnummer) "
            "WHERE v.dokumenttype = 'praksisavtale' GROUP BY v.saksnummer HAVING max(v.signert) = 0 "
            "ORDER BY sak.sakssekvensnummer").fetchall()
        rows = unsigned[len(unsigned) // 2:][:2]
    finally:
        registry.close()
    scan = scan_pdf(workspace / "bench-skann.pdf")
    for i, row in enumerate(rows):
        year, sequence = row["saksnummer"].split("/")
        shutil.copyfile(scan, drops / f"skann-{i}-{year}-{sequence}_praksisavtale_v{row['v']}.pdf")
    scan.unlink()
    wall, rss, out, _cpu = timed([python, "-c", WATCH_CHILD, str(workspace), str(drops)], workspace, keep_output=True)
    shutil.rmtree(drops)
    found = json.loads(out.strip().splitlines()[-1])
    return {"plass": found["plass"][-1], "skann": found["skann"][-1] if "skann" in found else None, "rss": rss,
            "wall": wall}  # a small archive may have no unsigned praksisavtale left to scan


def scan_pdf(path: Path) -> Path:
    """A small plain (not PDF/A) one-page PDF, as a scanner makes it: the signed copy."""
    import pikepdf
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    pdf.pages[0].Contents = pdf.make_stream(b"BT /F1 12 Tf 72 760 Td (Signert) Tj ET")
    pdf.pages[0].Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(
        F1=pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)))
    pdf.save(path)
    return path


def measure(workspace: Path, only: set[str]) -> dict[str, Any]:
    """Each command as a child process: (seconds, peak RSS in MB, a note) by command. `only`:
    the commands to time (all when empty; verify first, as the check of the workspace)."""
    python = sys.executable
    praksis = [str(Path(python).parent / "praksis"), "--root", str(workspace)]
    figures: dict[str, Any] = {}

    def wanted(name: str) -> bool:
        return not only or name in only

    if wanted("verify"):
        wall, rss, out, cpu = timed([*praksis, "verify", "--json"], ROOT, allowed=(0, 1), keep_output=True)
        problems = json.loads(out)
        if problems.get("avvik"):
            raise SystemExit(f"verify found problems in the built workspace: {problems['avvik'][:3]}")
        size = sum(os.path.getsize(os.path.join(d, n)) for d, _s, names in os.walk(workspace / "archive") for n in names)
        figures["verify"] = (wall, rss, f"{size / 1e6 / wall:.0f} MB/s over {size / 1e6:.0f} MB; {problems['saker']} "
                                        f"cases, {problems['filer']} files checked by checksum", cpu)
    if wanted("reindex"):
        wall, rss, _out, cpu = timed([*praksis, "reindex"], ROOT)
        figures["reindex"] = (wall, rss, "", cpu)
    wall, rss, _out, cpu = timed_median([*praksis, "--version"], ROOT)
    figures["--version (start-up only)"] = (wall, rss, "", cpu)
    for name, argv in (("list --json", ["list", "--json"]), ("mangler --json", ["mangler", "--json"])):
        if wanted(name.split()[0]):
            wall, rss, _out, cpu = timed_median([*praksis, *argv], ROOT)
            figures[name] = (wall, rss, "median of 3", cpu)
    if wanted("oversikt"):  # the inbox's pages and til_signering/, from the registry (nothing new to copy)
        wall, rss, _out, cpu = timed_median([*praksis, "oversikt"], ROOT)
        figures["oversikt (inbox pages)"] = (wall, rss, "median of 3", cpu)
    registry = sqlite3.connect(workspace / "registry.sqlite")
    try:
        count = registry.execute("SELECT count(*) FROM sak").fetchone()[0]
        middle = registry.execute("SELECT saksnummer FROM sak ORDER BY saksaar, sakssekvensnummer LIMIT 1 OFFSET ?",
                                  (count // 2,)).fetchone()[0]
        exported = registry.execute("SELECT count(*) FROM eksport").fetchone()[0]
    finally:
        registry.close()
    if wanted("show"):
        wall, rss, _out, cpu = timed_median([*praksis, "show", middle], ROOT)
        figures["show"] = (wall, rss, f"{middle}, median of 3", cpu)
    if wanted("export"):
        out_dir = workspace / "bench-eksport"
        note = "nothing new (exported before)"
        if not exported:  # the first export of the whole archive, once per workspace
            first = timed([*praksis, "export", "fiks-arkiv", "--samlet", "--ut", str(out_dir)], ROOT)
            note = f"nothing new (first export of all: {first[0]:.0f} s, {first[1]:.0f} MB)"
        wall, rss, _out, cpu = timed([*praksis, "export", "fiks-arkiv", "--samlet", "--ut", str(out_dir)], ROOT)
        figures["export fiks-arkiv --samlet"] = (wall, rss, note, cpu)
        shutil.rmtree(out_dir, ignore_errors=True)
    if not wanted("watch"):
        return figures
    drops = watcher_drops(workspace, python)
    for name, label in (("plass", "watch: new placement"), ("skann", "watch: signed scan")):
        item = drops[name]
        if item is None:
            continue
        figures[label] = (item["sekunder"] - item["konvertering"], drops["rss"],
                          f"{item['sekunder']:.2f} s in all, {item['konvertering']:.2f} s converting; {item['utfall']}", None)
    return figures


def print_table(results: dict[int, dict[str, Any]], load: dict[int, str]) -> None:
    """Wall time, CPU time (user + system: on a shared machine the wall time is mostly waiting
    for a core) and peak RSS per command and size, with the growth factors of both times."""
    sizes = sorted(results)
    names = list(results[sizes[0]])
    print()
    print(f"{'':32}" + "".join(f"{f'{n:,} cases: wall, cpu, RSS':>36}" for n in sizes)
          + (f"{'growth ' + format(sizes[0], ',') + '→' + format(sizes[-1], ',') + ' wall, cpu':>32}"
             if len(sizes) > 1 else ""))
    for name in names:
        cells = ""
        for n in sizes:
            if name not in results[n]:
                cells += f"{'—':>36}"
                continue
            wall, rss, _note, cpu = results[n][name]
            cells += f"{wall:>12.2f} s {'—' if cpu is None else format(cpu, '.2f') + ' s':>11} {rss:>6.0f} MB "
        growth = ""
        if len(sizes) > 1 and name in results[sizes[0]] and name in results[sizes[-1]]:
            first, last = results[sizes[0]][name], results[sizes[-1]][name]
            growth = f"{last[0] / first[0]:>23.1f}x" + (f"{last[3] / first[3]:>8.1f}x" if first[3] else "")
        print(f"{name:<32}{cells}{growth}")
    print("notes:")
    for n in sizes:
        for name in names:
            if name in results[n] and results[n][name][2]:
                print(f"  {n:,} {name}: {results[n][name][2]}")
        print(f"  {n:,} load: {load[n]}")
    print("(watch rows: drop-to-result less the time spent rendering and converting, which is shown in the notes;"
          " it includes the 1 s stability delay; their CPU time is the watcher's and LibreOffice's together, not shown)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=lambda text: [int(n) for n in text.split(",")], default=[1000, 10_000, 30_000],
                        help="archive sizes, comma separated (default 1000,10000,30000)")
    parser.add_argument("--build-only", action="store_true", help="only build the workspace in DIR")
    parser.add_argument("--jobs", type=int, default=2, help="years built at the same time (default 2)")
    parser.add_argument("--build-year", type=int, help=argparse.SUPPRESS)  # one year of a build, in a child
    parser.add_argument("--first", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--seed", type=int, default=20, help=argparse.SUPPRESS)
    parser.add_argument("--keep", type=Path, help="build the workspaces under this folder and keep them")
    parser.add_argument("--json-out", type=Path, help="also write the figures to this file as JSON")
    parser.add_argument("--only", default="", help="time only these (comma separated): reindex, list, mangler, "
                                                   "oversikt, show, export, watch, verify (default: all)")
    parser.add_argument("dir", nargs="?", type=Path)
    args = parser.parse_args()
    if args.build_year:
        folder = args.dir.resolve()
        work = folder.parent
        summary = build_year(folder, work.parent / "config", work / "referanse", args.build_year, args.cases[0],
                             args.first, args.seed)
        (folder / "bygd.json").write_text(json.dumps(summary), encoding="utf-8")
        return
    if args.build_only:
        if args.dir is None or len(args.cases) != 1:
            parser.error("--build-only takes one --cases N and a DIR")
        build(args.dir.resolve(), args.cases[0], jobs=args.jobs)
        return
    base = (args.keep or Path(tempfile.mkdtemp(prefix="praksis-scale-"))).resolve()
    results: dict[int, dict[str, Any]] = {}
    load: dict[int, str] = {}
    try:
        for n in args.cases:
            workspace = base / f"ws-{n}"
            if not (workspace / "registry.sqlite").exists():  # built by a child: this process stays small,
                subprocess.run([sys.executable, __file__, "--build-only", "--cases", str(n), "--jobs", str(args.jobs),  # noqa: S603
                                str(workspace)],
                               check=True)  # as Linux counts it into every later child's ru_maxrss
            load[n] = " ".join(f"{x:.2f}" for x in os.getloadavg())
            results[n] = measure(workspace, set(filter(None, args.only.split(","))))
            print(f"measured {n:,} cases (load average {load[n]})", flush=True)
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)
    print_table(results, load)
    if args.json_out:
        args.json_out.write_text(json.dumps({"results": results, "load": load}, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
