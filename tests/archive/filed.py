"""An archive built without LibreOffice, for tests where conversion is not the point.

The DOCX is rendered by praksis' own renderer; the «PDF/A» beside it is a real one-page PDF
made by pikepdf, not by LibreOffice, so these archives prove the filing, not the conversion
(tests/convert/ and the slow ingest tests prove that)."""

from __future__ import annotations

from pipeline.archive.events import event, now
from pipeline.archive.store import ArchiveStore
from pipeline.archive.writer import ArchiveWriter, NewVersion
from pipeline.common.config import Config
from pipeline.documents.identity import DocumentIdentity
from pipeline.documents.planning import CasePlan
from pipeline.documents.render import Renderer
from tests.convert.test_pdfa import plain_pdf


def file_plan(config: Config, writer: ArchiveWriter, plan: CasePlan) -> None:
    """What ingest does with a plan (reserve, make, file), with a blank PDF for the conversion."""
    if plan.saksnummer is None:
        plan.saksnummer, plan.system_id = writer.reserve_case(plan.record, plan.person)
    assert plan.system_id is not None
    writer.reserve_journals(plan.saksnummer, plan.existing, [job.dokumenttype for job in plan.jobs])
    renderer, versions = Renderer(config), []
    for job in plan.jobs:
        job.folder = writer.staging(job.version)
        job.folder.mkdir()
        renderer.render_to(job.docx, plan.record, job.dokumenttype,
                           DocumentIdentity(job.dokumenttype, job.version, plan.saksnummer))
        plain_pdf(job.pdf)
        version = NewVersion(job.dokumenttype, job.version, job.reason, job.facts_sha, job.folder)
        writer.finish_made(plan.saksnummer, plan.record, version, job.docx, job.pdf, now())
        versions.append(version)
    received = [event(plan.saksnummer, "mottatt", f"test|{plan.where}", status=plan.record.status.value)]
    if plan.existing is None:
        writer.file_new_case(plan.record, plan.saksnummer, plan.system_id, plan.person, versions, received, now())
    else:
        writer.file_versions(plan.record, plan.saksnummer, versions, received, now(), (plan.system_id, plan.person))


def store_of(config: Config) -> ArchiveStore:
    return ArchiveStore(config.workspace.archive)
