import json

import pytest

from pipeline.archive.metadata import case_titles, masked
from pipeline.archive.store import HENDELSER, ArchiveStore
from pipeline.documents.facts import FactReader, changed, digest
from pipeline.archive.locking import WorkspaceBusy, workspace_lock
from pipeline.archive.registry import Registry
from pipeline.domain.synthetic import sample_record


def test_sequences_are_per_year_and_survive_reopening(tmp_path) -> None:
    registry = Registry(tmp_path / "r.sqlite")
    with registry.transaction():
        assert [registry.next_number("sak", 2026) for _ in range(3)] == [1, 2, 3]
        assert registry.next_number("sak", 2027) == 1
    registry.close()
    registry = Registry(tmp_path / "r.sqlite")
    with registry.transaction():
        assert registry.next_number("sak", 2026) == 4


def test_a_failed_transaction_hands_out_nothing(tmp_path) -> None:
    registry = Registry(tmp_path / "r.sqlite")
    with pytest.raises(RuntimeError), registry.transaction():
        registry.next_number("sak", 2026)
        raise RuntimeError("crash")
    with registry.transaction():
        assert registry.next_number("sak", 2026) == 1


def test_event_log_is_append_only_and_idempotent(tmp_path) -> None:
    store = ArchiveStore(tmp_path)
    first = {"id": "a", "tid": "t", "type": "mottatt"}
    assert store.append_events(tmp_path, [first]) == [first]
    assert store.append_events(tmp_path, [first]) == []
    # a line cut off by a crash is ignored, and the next append starts on a new line
    with (tmp_path / HENDELSER).open("a", encoding="utf-8") as handle:
        handle.write('{"id": "b", "ti')
    second = {"id": "c", "tid": "t", "type": "arkivert"}
    store.append_events(tmp_path, [second])
    assert [e["id"] for e in store.events(tmp_path)] == ["a", "c"]
    lines = (tmp_path / HENDELSER).read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[-1])["id"] == "c"


def test_public_title_masks_every_word_of_the_name() -> None:
    record = sample_record()
    title, public = case_titles(record)
    assert record.praktikant.navn in title
    assert not set(public.split()) & set(record.praktikant.navn.split())
    assert masked("Kari Anne Nordmann") == "***** ***** *****"


def test_facts_are_what_the_template_prints(config) -> None:
    reader = FactReader(config)
    record = sample_record()
    bevis = reader.facts(record, "praksisbevis")
    assert "praktikant.foedselsdato" in bevis and "praktikant.foedselsnummer" not in bevis
    other_mail = record.model_copy(update={"praktikant": record.praktikant.model_copy(update={"epost": "x@y.no"})})
    assert digest(reader.facts(other_mail, "praksisbevis")) == digest(bevis)
    assert digest(reader.facts(other_mail, "praksisavtale")) != digest(reader.facts(record, "praksisavtale"))
    assert changed(reader.facts(record, "praksisavtale"), reader.facts(other_mail, "praksisavtale")) == ["praktikant.epost"]


def test_one_writer_per_workspace(tmp_path) -> None:
    with workspace_lock(tmp_path, "ingest"):
        with pytest.raises(WorkspaceBusy, match="praksis ingest"), workspace_lock(tmp_path, "reindex"):
            pass
    with workspace_lock(tmp_path, "reindex"):
        pass
