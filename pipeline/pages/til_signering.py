"""inbox/til_signering/: the archival PDF of every document that waits for its signed copy.

HR print from here instead of digging in archive/. Each file is named by its identity in the
form the signed intake reads from a file name (`2026-17_praksisavtale_v1.pdf`, see
signed/identify.py) and holds the archival PDF's exact bytes. `sync` makes the folder equal
to what the registry says: a file appears when its version is filed, goes when its signed
copy is filed, and a new version replaces the older one.

Nothing is lost: a file in the folder that praksis did not put there (or that was changed),
and whose bytes are not an archived PDF, is moved to the inbox's avvist/ with a note rather
than deleted. A file whose bytes are an archived PDF is only a copy, and is removed or
replaced. A manifest (`.praksis-til-signering.json`: name → SHA-256, size, mtime) spares
hashing the files that have not been touched since praksis wrote them.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..common.config import Config
from ..domain.identifiers import mask_numbers_in
from ..common.workspace import atomic_write_bytes, file_mode, sha256_file
from ..common.folders import free_name, move_no_clobber, write_text

log = logging.getLogger("praksis.til_signering")

MANIFEST = ".praksis-til-signering.json"


@dataclass(frozen=True)
class Waiting:
    """One document version waiting for its signed copy."""

    saksnummer: str
    dokumenttype: str
    versjon: int
    pdf: str  # below archive/
    pdf_sha256: str

    @property
    def file_name(self) -> str:
        year, number = self.saksnummer.split("/")
        return f"{year}-{number}_{self.dokumenttype}_v{self.versjon}.pdf"


@dataclass
class SyncResult:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    set_aside: list[str] = field(default_factory=list)
    kept: int = 0


def waiting_documents(db: sqlite3.Connection, config: Config) -> list[Waiting]:
    """Every document to be signed (`signeres_av` in the document set) whose current version
    has no signed copy yet, in case order (the registry's overview rows, see pages/state.py)."""
    from ..archive.overview_state import ensure_tables
    ensure_tables(db)
    to_sign = {name for name, spec in config.settings.dokumenter.items() if spec.signeres_av}
    cursor = db.cursor()
    cursor.row_factory = None  # plain tuples: thousands of rows
    rows = cursor.execute("""SELECT d.saksnummer, d.dokumenttype, d.gjeldende, d.pdf, d.pdf_sha256
                         FROM oversikt_dokument d JOIN sak s ON s.saksnummer = d.saksnummer
                         WHERE d.venter = 1 ORDER BY s.saksaar, s.sakssekvensnummer, d.dokumenttype""")
    return [Waiting(r[0], r[1], r[2], r[3], r[4]) for r in rows if r[1] in to_sign and r[3]]


def folder(config: Config) -> Path:
    return config.inbox / config.settings.innboks.til_signering


def _read_manifest(path: Path) -> dict[str, list]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _stamp(path: Path) -> list[int]:
    info = path.stat()
    return [info.st_size, info.st_mtime_ns]


def _copy_atomic(source: Path, target: Path, expected_sha: str) -> bool:
    """Copy `source` to `target` via a temp file and a rename; False (nothing written) when
    the copy's SHA-256 is not the archived one (the archive is damaged: «praksis verify»)."""
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out, source.open("rb") as src:
            shutil.copyfileobj(src, out, 1 << 20)
            out.flush()
            os.fsync(out.fileno())
        if sha256_file(Path(tmp)) != expected_sha:
            Path(tmp).unlink()
            return False
        os.chmod(tmp, file_mode())
        os.replace(tmp, target)
        return True
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _is_archived_pdf(db: sqlite3.Connection, sha: str) -> bool:
    return db.execute("SELECT 1 FROM versjon WHERE pdf_sha256 = ? LIMIT 1", (sha,)).fetchone() is not None


def _set_aside(config: Config, path: Path) -> str:
    """Move a file praksis did not put in til_signering/ to the inbox's avvist/, with a note."""
    rejected = config.inbox / config.settings.innboks.avvist
    target = free_name(rejected, path.name)
    write_text(rejected / f"{target}.feil.txt", "\n".join([
        "FLYTTET fra til_signering/", "=" * 26, "",
        f"Fil:        {mask_numbers_in(path.name)}",
        f"Flyttet:    {datetime.now().astimezone():%d.%m.%Y kl. %H:%M:%S}", "",
        f"Filen lå i {config.settings.innboks.til_signering}/, men er ikke et dokument praksis la der, "
        "eller den er endret etterpå.",
        "Mappen lages av praksis og viser bare dokumentene som venter på signert kopi.",
        f"Er dette en signert kopi, legg den i «{config.settings.signering.mappe}/» i innboksen.",
        "", "Filen er flyttet hit urørt."]) + "\n")
    move_no_clobber(path, rejected, target)
    return target


def _check(config: Config, db: sqlite3.Connection, entry: os.DirEntry[str], known: list | None,
           item: Waiting | None, result: SyncResult) -> list | None:
    """One file found in the folder: its manifest entry if it is the wanted file as it should
    be; otherwise it is removed (a copy of an archived PDF) or set aside, and None returned."""
    name = entry.name
    info = entry.stat(follow_symlinks=False)
    stamp = [info.st_size, info.st_mtime_ns]
    untouched = known is not None and known[1:] == stamp
    sha = known[0] if untouched else sha256_file(Path(entry.path))  # type: ignore[index]
    if item is not None and sha == item.pdf_sha256:
        result.kept += 1
        return [sha, *stamp]
    path = Path(entry.path)
    if untouched or _is_archived_pdf(db, sha):
        path.unlink()  # a copy of an archived PDF: nothing is lost
        if item is None:
            result.removed.append(name)
    else:
        result.set_aside.append(_set_aside(config, path))
        log.warning("til_signering: %s var ikke lagt der av praksis og er flyttet til %s/",
                    mask_numbers_in(name), config.settings.innboks.avvist)
    return None


def sync(config: Config, db: sqlite3.Connection) -> SyncResult:
    """Make til_signering/ hold exactly the waiting documents' archival PDFs."""
    where = folder(config)
    where.mkdir(parents=True, exist_ok=True)
    archive = config.workspace.archive
    manifest_path = where / MANIFEST
    manifest = _read_manifest(manifest_path)
    wanted = {w.file_name: w for w in waiting_documents(db, config)}
    result = SyncResult()
    fresh: dict[str, list] = {}
    for entry in os.scandir(where):
        name = entry.name
        if name.startswith(".") or name.startswith("~$") or not entry.is_file(follow_symlinks=False):
            continue  # the manifest, temp files, lock files of a viewer: not ours to touch
        try:
            kept = _check(config, db, entry, manifest.get(name), wanted.get(name), result)
        except FileNotFoundError:
            continue  # another command's refresh removed it meanwhile (both make the same folder)
        if kept is not None:
            fresh[name] = kept
    for name, item in wanted.items():
        if name in fresh:
            continue
        target = where / name
        try:
            copied = _copy_atomic(archive / item.pdf, target, item.pdf_sha256)
        except FileNotFoundError:
            copied = False
        if copied:
            fresh[name] = [item.pdf_sha256, *_stamp(target)]
            result.written.append(name)
        else:  # the page still lists the document; the archive needs looking at
            log.error("til_signering: arkivkopien av %s mangler eller har feil sjekksum; kjør «praksis verify»", name)
    if fresh != manifest:
        atomic_write_bytes(manifest_path, json.dumps(fresh).encode("utf-8"))
    return result


def waiting_by_case(config: Config, db: sqlite3.Connection, cases: set[str]) -> dict[str, list[tuple[str, str]]]:
    """The folder synced, then for each of `cases` its files there with the documents' titles
    (for the receipt of the sheet that filed them)."""
    sync(config, db)
    found: dict[str, list[tuple[str, str]]] = {}
    for item in waiting_documents(db, config):
        if item.saksnummer in cases:
            found.setdefault(item.saksnummer, []).append((item.file_name, config.documents.title(item.dokumenttype)))
    return found
