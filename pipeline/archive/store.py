"""The case files on disk: layout, staging, atomic moves, the event log, reading a case back.

    archive/2026/2026-00001/                 saksmappe 2026/1 (no name or fødselsnummer in any path)
        saksmappe.json                       Noark metadata of the case
        hendelser.jsonl                      append-only event log
        001-praksisavtale/                   journalpost 2026/1-1
            journalpost.json                 journalpost + dokumentbeskrivelse
            v1/                              one version: made whole in staging, moved in by one rename
                praksisavtale.docx           Produksjonsformat
                praksisavtale.pdf            Arkivformat (PDF/A)
                grunnlag.json                the validated record the version was made from
                versjon.json                 the dokumentobjekt metadata, reason, checksums
                hendelser.jsonl              this version's events, copied into the case log
    archive/kilder/<sha256>.csv              every input file byte for byte, named by its checksum:
                                             one copy however many cases it fed («mottatt» events
                                             point to it), and no person's name in the path
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..common.errors import PraksisError
from ..common.workspace import atomic_write_bytes, sha256_file
from ..domain.texts import N_

SAKSMAPPE = "saksmappe.json"
JOURNALPOST = "journalpost.json"
VERSJON = "versjon.json"
GRUNNLAG = "grunnlag.json"
HENDELSER = "hendelser.jsonl"
STAGING = ".staging"
SOURCES = "kilder"


class ArchiveError(PraksisError):
    """The archive holds something praksis cannot read; the message names the file."""


class ChangedSource(PraksisError):
    """An input file changed between being read and being copied into the archive."""


@dataclass
class VersionFiles:
    number: int
    folder: Path
    meta: dict[str, Any]


@dataclass
class JournalFiles:
    dokumenttype: str
    folder: Path
    meta: dict[str, Any]
    versions: list[VersionFiles] = field(default_factory=list)

    @property
    def latest(self) -> VersionFiles | None:
        return self.versions[-1] if self.versions else None


@dataclass
class CaseFiles:
    saksnummer: str
    folder: Path
    meta: dict[str, Any]
    journals: dict[str, JournalFiles] = field(default_factory=dict)


def read_json(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ArchiveError(f"Kan ikke lese {path}: {exc}. Kjør «praksis verify».") from None


def write_json(path: Path, data: dict[str, Any]) -> None:
    atomic_write_bytes(path, (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class ArchiveStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    # --- layout ------------------------------------------------------------------------------

    def case_folder(self, saksnummer: str) -> Path:
        year, sequence = saksnummer.split("/")
        return self.root / year / f"{year}-{int(sequence):05d}"

    @staticmethod
    def journal_folder_name(number: int, dokumenttype: str) -> str:
        return f"{number:03d}-{dokumenttype}"

    # --- staging and atomic moves ------------------------------------------------------------

    def new_staging(self) -> Path:
        folder = self.root / STAGING / uuid.uuid4().hex
        folder.mkdir(parents=True)
        return folder

    def clean_staging(self) -> int:
        """Remove what an interrupted run left half-made; returns how many were removed."""
        staging = self.root / STAGING
        if not staging.is_dir():
            return 0
        leftovers = list(staging.iterdir())
        for leftover in leftovers:
            shutil.rmtree(leftover, ignore_errors=True)
        return len(leftovers)

    def keep_source(self, path: Path, sha256: str) -> str:
        """Copy an input file into archive/kilder/ (once); returns its path inside archive/.
        Raises ChangedSource if the file no longer has the checksum it was read with."""
        target = self.root / SOURCES / f"{sha256}{path.suffix.lower()}"
        if not target.exists():
            staged = self.new_staging() / target.name
            shutil.copyfile(path, staged)
            if sha256_file(staged) != sha256:
                shutil.rmtree(staged.parent, ignore_errors=True)
                raise ChangedSource(N_("{fil} ble endret mens den ble lest. Legg filen inn på nytt.", fil=path.name))
            with staged.open("rb") as handle:
                os.fsync(handle.fileno())
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged, target)
            _fsync_dir(target.parent)
            staged.parent.rmdir()
        return target.relative_to(self.root).as_posix()

    def move_into_place(self, staged: Path, final: Path) -> None:
        """One rename: the folder appears whole or not at all."""
        final.parent.mkdir(parents=True, exist_ok=True)
        os.rename(staged, final)
        _fsync_dir(final.parent)

    # --- the event log -----------------------------------------------------------------------

    @staticmethod
    def events(case_folder: Path) -> list[dict[str, Any]]:
        """The case's events; a last line cut off by a crash is ignored (it is re-appended)."""
        path = case_folder / HENDELSER
        if not path.exists():
            return []
        found = []
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                found.append(json.loads(line))
            except ValueError:
                continue
        return found

    def append_events(self, case_folder: Path, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Append events not yet in the log (by id, each once however often it is given);
        returns those appended. Append-only."""
        present = {e.get("id") for e in self.events(case_folder)}
        new = []
        for item in events:
            if item["id"] not in present:
                present.add(item["id"])
                new.append(item)
        if not new:
            return []
        path = case_folder / HENDELSER
        data = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in new).encode("utf-8")
        if path.exists() and path.stat().st_size and not path.read_bytes().endswith(b"\n"):
            data = b"\n" + data  # a line cut off by a crash stays on its own line
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
        try:
            os.write(fd, data)
            os.fsync(fd)
        except OSError as exc:  # say which file (a full disk names no file by itself)
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        finally:
            os.close(fd)
        return new

    # --- reading cases back ------------------------------------------------------------------

    def has_case(self, saksnummer: str) -> bool:
        return (self.case_folder(saksnummer) / SAKSMAPPE).exists()

    def load_case(self, saksnummer: str) -> CaseFiles | None:
        folder = self.case_folder(saksnummer)
        if not (folder / SAKSMAPPE).exists():
            return None
        return self._load(folder)

    def _load(self, folder: Path) -> CaseFiles:
        meta = read_json(folder / SAKSMAPPE)
        case = CaseFiles(meta["saksnummer"], folder, meta)
        for journal_folder in sorted(p for p in folder.iterdir() if p.is_dir() and (p / JOURNALPOST).exists()):
            journal_meta = read_json(journal_folder / JOURNALPOST)
            journal = JournalFiles(journal_meta["praksis"]["dokumenttype"], journal_folder, journal_meta)
            numbered = []
            for version_folder in journal_folder.iterdir():
                if version_folder.is_dir() and version_folder.name.startswith("v") and version_folder.name[1:].isdigit():
                    numbered.append((int(version_folder.name[1:]), version_folder))
            for number, version_folder in sorted(numbered):
                journal.versions.append(VersionFiles(number, version_folder, read_json(version_folder / VERSJON)))
            case.journals[journal.dokumenttype] = journal
        return case

    def case_numbers_on_disk(self) -> Iterator[tuple[int, int]]:
        """(year, sequence) of every case folder in archive/ (whole or not): numbers in use."""
        if not self.root.is_dir():
            return
        for year in self.root.iterdir():
            if not (year.name.isdigit() and year.is_dir()):
                continue
            prefix = f"{year.name}-"
            for entry in os.scandir(year):
                tail = entry.name[len(prefix):]
                if entry.name.startswith(prefix) and tail.isdigit() and entry.is_dir():
                    yield int(year.name), int(tail)

    def iter_cases(self) -> Iterator[CaseFiles]:
        if not self.root.is_dir():
            return
        for year in sorted(p for p in self.root.iterdir() if p.is_dir() and p.name.isdigit()):
            for folder in sorted(year.iterdir()):
                if (folder / SAKSMAPPE).exists():
                    yield self._load(folder)
