"""The archive writer on an archive built without LibreOffice (tests/archive/filed.py): the
layout, metadata and events it writes, the registry it syncs, and a signed copy filed by it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.archive.fixity import verify_workspace
from pipeline.archive.registry import Registry
from pipeline.archive.store import HENDELSER, ArchiveStore, read_json
from pipeline.archive.writer import ArchiveWriter
from pipeline.common.config import Config
from pipeline.common.workspace import sha256_file
from pipeline.convert import PdfaLevel
from pipeline.documents.facts import FactReader
from pipeline.documents.identity import DocumentIdentity
from pipeline.documents.planning import Planner
from pipeline.domain.synthetic import sample_record
from pipeline.signed.filing import SignedCopy, file_signed
from tests.archive.filed import file_plan
from tests.convert.test_pdfa import plain_pdf


@pytest.fixture
def writer(config: Config) -> Iterator[ArchiveWriter]:
    registry = Registry(config.workspace.registry)
    try:
        yield ArchiveWriter(config, ArchiveStore(config.workspace.archive), registry)
    finally:
        registry.close()


def kinds(case_folder: Path) -> list[str]:
    return [e["type"] for e in ArchiveStore.events(case_folder)]


def test_a_new_case_is_filed_whole_with_metadata_checksums_events_and_registry(config: Config,
                                                                              writer: ArchiveWriter) -> None:
    record = sample_record("arbeidspraksis", "Bekreftet")
    plan = Planner(config, FactReader(config)).plan(record, "liste.csv", "linje 2", None, None)
    file_plan(config, writer, plan)
    assert plan.saksnummer is not None
    case = writer.store.load_case(plan.saksnummer)
    assert case is not None and sorted(case.journals) == sorted(job.dokumenttype for job in plan.jobs)
    for job in plan.jobs:
        version = case.journals[job.dokumenttype].latest
        assert version is not None and version.number == 1
        objects = {o["filnavn"]: o for o in version.meta["dokumentobjekt"]}
        assert objects[f"{job.dokumenttype}.docx"]["sjekksum"] == sha256_file(version.folder / f"{job.dokumenttype}.docx")
        assert objects[f"{job.dokumenttype}.pdf"]["variantformat"] == "Arkivformat"
        assert version.meta["arsak"] == "Første versjon." and version.meta["fakta_sha256"] == job.facts_sha
    assert kinds(case.folder)[:2] == ["mottatt", "opprettet"]
    assert kinds(case.folder).count("arkivert") == len(plan.jobs)
    rows = writer.registry.db.execute("SELECT count(*) FROM versjon WHERE saksnummer = ?", (plan.saksnummer,))
    assert rows.fetchone()[0] == len(plan.jobs)
    assert verify_workspace(config).problems == []  # every file against its stored checksum
    staging = config.workspace.archive / ".staging"  # emptied folders only: the session removes them
    assert not [path for path in staging.rglob("*") if path.is_file()]


def test_a_changed_fact_files_a_new_version_and_a_sync_again_adds_nothing(config: Config,
                                                                          writer: ArchiveWriter) -> None:
    planner = Planner(config, FactReader(config))
    record = sample_record("arbeidspraksis", "Bekreftet")
    file_plan(config, writer, planner.plan(record, "liste.csv", "linje 2", None, None))
    longer = record.model_copy(update={"sluttdato": record.sluttdato.replace(year=record.sluttdato.year + 1)})
    registered, existing = writer.case_for(record.id)
    plan = planner.plan(longer, "liste.csv", "linje 2", registered, existing)
    assert plan.jobs and all(job.version == 2 and job.reason.startswith("Forlenget") for job in plan.jobs)
    file_plan(config, writer, plan)
    case_folder = writer.store.case_folder(plan.saksnummer or "")
    assert read_json(case_folder / "saksmappe.json")["praksis"]["sluttdato"] == longer.sluttdato.isoformat()
    log = (case_folder / HENDELSER).read_bytes()
    writer.sync(writer.store.load_case(plan.saksnummer or ""))
    assert (case_folder / HENDELSER).read_bytes() == log
    assert verify_workspace(config).problems == []


def test_a_signed_copy_is_filed_by_the_same_writer_and_settles_the_journal_post(config: Config,
                                                                               writer: ArchiveWriter,
                                                                               tmp_path: Path) -> None:
    record = sample_record("arbeidspraksis", "Bekreftet")
    plan = Planner(config, FactReader(config)).plan(record, "liste.csv", "linje 2", None, None)
    file_plan(config, writer, plan)
    identity = DocumentIdentity("praksisavtale", 1, plan.saksnummer)
    scan = plain_pdf(tmp_path / "skann.pdf")
    copy = SignedCopy(identity, plain_pdf(tmp_path / "arkiv.pdf"), [("skann.pdf", scan)], "skannet", "qr")
    assert file_signed(writer, copy, PdfaLevel.parse("1b")) == (plan.saksnummer, 2)
    assert file_signed(writer, copy, PdfaLevel.parse("1b")) == (plan.saksnummer, 2)  # the same files again
    case = writer.store.load_case(plan.saksnummer or "")
    assert case is not None
    journal = case.journals["praksisavtale"]
    assert journal.meta["journalstatus"] == "Arkivert" and [v.number for v in journal.versions] == [1, 2]
    signed = journal.versions[1]
    assert signed.meta["signert"] is True and signed.meta["signerer_versjon"] == 1
    assert (signed.folder / "grunnlag.json").read_bytes() == (journal.versions[0].folder / "grunnlag.json").read_bytes()
    events = kinds(case.folder)
    assert events.count("signert mottatt") == 1 and events[-1] == "status endret"
    assert json.loads((signed.folder / "versjon.json").read_text())["dokumentobjekt"][1]["variantformat"] == \
        "Produksjonsformat"
    assert verify_workspace(config).problems == []
