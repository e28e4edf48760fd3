"""`praksis export fiks-arkiv`: import bundles for a live records system (KS Fiks Arkiv v1).

An arkivmelding («opprett») holds at most one mappe and one registrering, so a case becomes a
series of messages, in order:

    01/arkivmelding.xml      the saksmappe and its first journal post, with that post's file
    01/praksisavtale-v2.pdf
    02/arkivmelding.xml      the next journal post, placed in the case by its external key
    02/taushetsloefte-v1.pdf
    manifest.json            the messages in order, their files, sizes and checksums

A zip holds one case (`2026-00017.zip`) or, with `fiks_arkiv_bunt = "samlet"`, every case of
the export under `<2026-00017>/`. Each journal post carries the archival format (PDF/A) of its
latest version. Every mappe, journal post and document carries a referanseEksternNoekkel
(fagsystem + the placement's id), so a case sent again updates the records system's copy
instead of making a second one. Each message is validated against the XSD before the zip is
written; an invalid one stops the export with the schema's message and leaves no zip behind.
"""

from __future__ import annotations

import json
import os
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..archive.metadata import SAKSSTATUS_AVSLUTTET
from ..archive.reindex import open_registry
from ..archive.store import ArchiveStore, CaseFiles
from ..common.config import Config
from ..common.localtime import local_date
from ..common.localtime import now as oslo_now
from ..archive.locking import workspace_lock
from ..common.workspace import file_mode
from ..archive.registry import Registry
from . import history
from .errors import ExportError
from .arkivmelding import MESSAGE_TYPE, TARGET, FiksArkivWriter, Message
from .xmlwrite import UnwritableText

LEFT_OUT_REMEDY = ("Saken ble arkivert før slike tegn ble avvist ved innlesing, og er ikke tatt med. Rett verdien "
                   "i kildearket og legg det inn på nytt (det lager en ny versjon); da tas saken med i neste eksport.")



@dataclass
class FiksExport:
    bundles: list[Path] = field(default_factory=list)
    cases: list[str] = field(default_factory=list)
    messages: int = 0
    files: int = 0
    unchanged: int = 0  # cases skipped because nothing changed since their last export
    left_out: list[tuple[str, str]] = field(default_factory=list)
    """(case, why): cases whose archived values XML cannot hold (archived before validation
    refused such characters). They are not recorded as exported, so every run names them
    again until a new version is filed, but no run stops at them."""


class Bundle:
    """A zip written to a temp file beside its final name and renamed when complete."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")  # see remove_leftovers
        os.fchmod(fd, file_mode())  # the group reads the bundle too (mkstemp makes 0600)
        os.close(fd)
        self.tmp = Path(tmp)
        self.zip = zipfile.ZipFile(self.tmp, "w", compression=zipfile.ZIP_DEFLATED)
        # the manifest's case entries are spooled to a file: a combined bundle of 10,000 cases
        # would otherwise hold them all in memory until the end
        self.manifest = tempfile.TemporaryFile("w+", encoding="utf-8")
        self.cases = 0

    def add_case(self, prefix: str, saksnummer: str, messages: list[Message]) -> int:
        files = 0
        entries = []
        for message in messages:
            folder = f"{prefix}{message.folder}"
            self.zip.writestr(f"{folder}/arkivmelding.xml", message.xml)
            listed = []
            for name, source, obj in message.files:
                self.zip.write(source, f"{folder}/{name}", compress_type=zipfile.ZIP_STORED)  # PDFs are compressed
                listed.append({"fil": f"{folder}/{name}", "sjekksum": obj["sjekksum"],
                               "sjekksumAlgoritme": obj["sjekksumAlgoritme"], "filstoerrelse": obj["filstoerrelse"]})
                files += 1
            entries.append({"mappe": folder, "meldingstype": message.kind, "arkivmelding": f"{folder}/arkivmelding.xml",
                            "filer": listed})
        self.manifest.write(("," if self.cases else "") + json.dumps(
            {"saksnummer": saksnummer, "meldinger": entries}, ensure_ascii=False, indent=2) + "\n")
        self.cases += 1
        return files

    def finish(self, system: str, when: datetime) -> Path:
        head = json.dumps({"system": system, "laget": when.isoformat(), "meldingstype": MESSAGE_TYPE,
                           "rekkefoelge": "Send meldingene i rekkefølge per sak: den første oppretter saksmappen."},
                          ensure_ascii=False, indent=2)
        with self.zip.open("manifest.json", "w") as out:
            out.write((head[:-2] + ',\n  "saker": [\n').encode("utf-8"))
            self.manifest.seek(0)
            while block := self.manifest.read(1 << 16):
                out.write(block.encode("utf-8"))
            out.write(b"]\n}\n")
        self.manifest.close()
        self.zip.close()
        with self.tmp.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(self.tmp, self.path)
        return self.path

    @staticmethod
    def remove_leftovers(folder: Path) -> int:
        """Remove the temp files of bundles an export killed mid-way left in `folder`
        (`.<name>.zip.<random>.tmp`); called under the workspace lock, so none is being written."""
        removed = 0
        if folder.is_dir():
            for leftover in folder.glob(".*.zip.*.tmp"):
                leftover.unlink(missing_ok=True)
                removed += 1
        return removed

    def discard(self) -> None:
        self.manifest.close()
        self.zip.close()
        self.tmp.unlink(missing_ok=True)


def select_cases(store: ArchiveStore, registry: Registry, target: str, saker: list[str] | None,
                 since: date | None) -> Iterator[tuple[CaseFiles, str, bool]]:
    """(case, its signature, wanted) for the cases asked for: named ones, those updated on or
    after `since`, or by default every case not exported as it is now. The signature is read
    once here and recorded after the export."""
    if saker:
        for saksnummer in saker:
            case = store.load_case(saksnummer)
            if case is None:
                raise ExportError(f"Fant ingen sak {saksnummer}. Se sakene med «praksis list».")
            yield case, history.signature(case), True
        return
    for case in store.iter_cases():
        sig = history.signature(case)
        if since is not None:
            yield case, sig, local_date(case.meta["oppdatertDato"]) >= since
        else:
            yield case, sig, history.exported_as(registry, case.saksnummer, target) != sig


def export_fiks_arkiv(config: Config, out: Path | None = None, saker: list[str] | None = None,
                      since: date | None = None, per: str | None = None,
                      progress: Any = None) -> FiksExport:
    settings = config.settings.eksport
    out = out or (config.workspace.root / settings.mappe / TARGET)
    per = per or settings.fiks_arkiv_bunt
    when = oslo_now()
    writer = FiksArkivWriter(config)
    store = ArchiveStore(config.workspace.archive)
    result = FiksExport()
    with workspace_lock(config.workspace.root, "export fiks-arkiv"):
        Bundle.remove_leftovers(out)
        registry = open_registry(config.workspace)
        try:
            combined: Bundle | None = None
            exported: list[tuple[Path, str, str, bool]] = []  # (folder, case, signature, sent closed): memory stays flat
            try:
                for case, sig, wanted in select_cases(store, registry, TARGET, saker, since):
                    if not wanted:
                        result.unchanged += 1
                        continue
                    try:
                        messages = writer.messages(case)  # validated; raises before anything is written
                    except UnwritableText as exc:
                        result.left_out.append((case.saksnummer, f"{exc.message}. {LEFT_OUT_REMEDY}"))
                        continue
                    sent_closed = case.meta["saksstatus"] == SAKSSTATUS_AVSLUTTET  # its last message closes it
                    folder = case.folder.name  # 2026-00017, as in archive/
                    if per == "samlet":
                        if combined is None:
                            combined = Bundle(out / f"praksis-fiks-arkiv-{when.strftime('%Y%m%d-%H%M%S')}.zip")
                        result.files += combined.add_case(f"{folder}/", case.saksnummer, messages)
                        exported.append((case.folder, case.saksnummer, sig, sent_closed))  # recorded once the zip is whole
                    else:
                        bundle = Bundle(out / f"{folder}.zip")
                        try:
                            result.files += bundle.add_case("", case.saksnummer, messages)
                        except BaseException:
                            bundle.discard()
                            raise
                        result.bundles.append(bundle.finish(settings.system, when))
                        history.record(store, registry, case.folder, case.saksnummer, sig, TARGET,
                                       result.bundles[-1].name, when, sent_closed)
                    result.cases.append(case.saksnummer)
                    result.messages += len(messages)
                    if progress and len(result.cases) % 500 == 0:
                        progress(f"  {len(result.cases)} saker …")
                if combined is not None:
                    result.bundles.append(combined.finish(settings.system, when))
                    for case_folder, saksnummer, sig, sent_closed in exported:
                        history.record(store, registry, case_folder, saksnummer, sig, TARGET,
                                       result.bundles[-1].name, when, sent_closed)
            except BaseException:
                if combined is not None:
                    combined.discard()
                raise
        finally:
            registry.close()
    return result
