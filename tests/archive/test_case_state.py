"""What the event log says about a case's state in the receiving records system."""

from __future__ import annotations

from pipeline.archive.case_state import last_sent_closed


def test_a_case_is_reopened_when_its_last_export_may_have_closed_it():
    exported = {"type": "eksportert", "mal": "fiks-arkiv"}
    assert not last_sent_closed([], "fiks-arkiv")
    assert last_sent_closed([{**exported, "avsluttet": True}], "fiks-arkiv")
    assert not last_sent_closed([{**exported, "avsluttet": True}, {**exported, "avsluttet": False}], "fiks-arkiv")
    assert last_sent_closed([{**exported}], "fiks-arkiv")  # before exports recorded it: assume closed
    assert not last_sent_closed([{**exported, "mal": "annet"}], "fiks-arkiv")
