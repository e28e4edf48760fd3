"""Planning without LibreOffice: what a plan decides for a new placement and for one the
archive holds (built without LibreOffice, tests/archive/filed.py), and that planning writes
nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.archive.registry import Registry
from pipeline.archive.store import ArchiveStore
from pipeline.archive.writer import ArchiveWriter
from pipeline.common.config import Config
from pipeline.common.errors import CaseError
from pipeline.documents.facts import FactReader
from pipeline.documents.planning import Outcome, Planner, Rejected, due_documents
from pipeline.domain.record import Praksisplass, Status
from pipeline.domain.synthetic import sample_record, synthetic_fnr
from tests.archive.filed import file_plan


def tree(root: Path) -> dict[str, tuple[int, int]]:
    """Every file under the workspace with its size and mtime: what a write would change."""
    return {str(p.relative_to(root)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def planner(config: Config) -> Planner:
    return Planner(config, FactReader(config))


@pytest.fixture
def filed(config: Config, planner: Planner) -> Iterator[tuple[ArchiveWriter, Praksisplass]]:
    """A workspace with one placement filed (at Bekreftet), and its writer."""
    registry = Registry(config.workspace.registry)
    writer = ArchiveWriter(config, ArchiveStore(config.workspace.archive), registry)
    record = sample_record("arbeidspraksis", "Bekreftet")
    file_plan(config, writer, planner.plan(record, "liste.csv", "linje 2", None, None))
    try:
        yield writer, record
    finally:
        registry.close()


def test_a_new_placement_gets_every_document_due_and_nothing_is_written(config: Config, planner: Planner) -> None:
    before = tree(config.workspace.root)
    record = sample_record("arbeidspraksis", "Bekreftet")
    plan = planner.plan(record, "liste.csv", "linje 2", None, None)
    assert plan.kind is Outcome.NY_SAK and plan.saksnummer is None and plan.skipped == []
    assert [job.dokumenttype for job in plan.jobs] == due_documents(record, config.documents)
    assert all(job.version == 1 and job.reason == "Første versjon." and job.folder is None for job in plan.jobs)
    assert tree(config.workspace.root) == before  # no registry, no staging, no number reserved


def test_the_same_placement_again_makes_nothing_and_says_why(config: Config, planner: Planner,
                                                           filed: tuple[ArchiveWriter, Praksisplass]) -> None:
    writer, record = filed
    registered, existing = writer.case_for(record.id)
    before = tree(config.workspace.root)
    plan = planner.plan(record, "liste.csv", "linje 2", registered, existing)
    assert plan.kind is Outcome.INGEN_ENDRING and plan.jobs == []
    assert [s.dokumenttype for s in plan.skipped] == due_documents(record, config.documents)
    assert all("uendret" in s.reason and "versjon 1 gjelder" in s.reason for s in plan.skipped)
    assert registered is not None and plan.saksnummer == registered.saksnummer
    assert tree(config.workspace.root) == before


def test_a_longer_placement_gets_new_versions_with_the_reason(planner: Planner,
                                                              filed: tuple[ArchiveWriter, Praksisplass]) -> None:
    writer, record = filed
    longer = record.model_copy(update={"sluttdato": record.sluttdato.replace(year=record.sluttdato.year + 1)})
    plan = planner.plan(longer, "liste.csv", "linje 2", *writer.case_for(record.id))
    assert plan.kind is Outcome.OPPDATERT and plan.summary_changed and plan.jobs
    assert all(job.version == 2 for job in plan.jobs)
    old, new = record.sluttdato.strftime("%d.%m.%Y"), longer.sluttdato.strftime("%d.%m.%Y")
    assert all(job.reason == f"Forlenget: sluttdato flyttet fra {old} til {new}." for job in plan.jobs)


def test_another_person_under_the_same_id_is_rejected(planner: Planner,
                                                     filed: tuple[ArchiveWriter, Praksisplass]) -> None:
    writer, record = filed
    other = record.model_copy(update={"praktikant": record.praktikant.model_copy(
        update={"foedselsnummer": synthetic_fnr(record.startdato.replace(year=1985), 234)})})
    registered, existing = writer.case_for(record.id)
    with pytest.raises(Rejected) as rejected:
        planner.plan(other, "liste.csv", "linje 2", registered, existing)
    assert "annen person" in rejected.value.message and rejected.value.saksnummer == registered.saksnummer
    assert other.praktikant.foedselsnummer not in rejected.value.message


def test_a_status_going_back_is_rejected(planner: Planner, filed: tuple[ArchiveWriter, Praksisplass]) -> None:
    writer, record = filed
    with pytest.raises(Rejected, match="kan ikke gå tilbake fra «Bekreftet» til «Ny»"):
        planner.plan(record.model_copy(update={"status": Status.NY}), "liste.csv", "linje 2",
                     *writer.case_for(record.id))


def test_regenerate_plans_one_version_per_document_from_its_snapshot(planner: Planner,
                                                                     filed: tuple[ArchiveWriter, Praksisplass]) -> None:
    writer, record = filed
    _registered, case = writer.case_for(record.id)
    assert case is not None
    plans = planner.regenerate(case, ["praksisavtale"], "malfeil rettet")
    assert [(p.jobs[0].dokumenttype, p.jobs[0].version, p.jobs[0].reason) for p in plans] == \
        [("praksisavtale", 2, "Laget på nytt: malfeil rettet")]
    assert plans[0].record == record
    with pytest.raises(CaseError, match="har ikke praksisbevis"):
        planner.regenerate(case, ["praksisbevis"], "x")
