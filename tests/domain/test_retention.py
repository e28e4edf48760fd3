"""Retention decisions from config: every tiltak has one, a period where something is discarded,
and the stricter of a document's and its tiltak's decision."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from pipeline.common.config import load_config
from pipeline.common.errors import ConfigError
from pipeline.domain.retention import Bevaring, case_decision, decision, kassasjon
from pipeline.common.workspace import init_workspace


def test_defaults_keep_employees_and_discard_placements_after_ten_years():
    rules = Bevaring()
    assert decision(rules, "trainee").vedtak == "Bevares"
    assert decision(rules, "intern_arbeidstrening").vedtak == "Bevares"
    rule = decision(rules, "arbeidstrening")
    assert (rule.vedtak, rule.bevaringstid) == ("Kasseres", 10)
    metadata = kassasjon(rule, date(2028, 2, 29))
    assert metadata.kasseres and metadata.kassasjonsdato == date(2038, 2, 28)  # no 29 February in 2038
    assert kassasjon(rule, None).kassasjonsdato is None  # open: the period has not started
    assert not kassasjon(decision(rules, "trainee"), date(2026, 1, 1)).kasseres


def test_the_stricter_decision_wins():
    rules = Bevaring.model_validate({
        "tiltak": {**{t: {"vedtak": "Kasseres", "bevaringstid": 5, "hjemmel": "plan"} for t in
                      ("arbeidstrening", "aktivitetsplass", "spraakpraksis", "arbeidspraksis")},
                   "trainee": {"vedtak": "Bevares", "hjemmel": "§ 7-26"},
                   "intern_arbeidstrening": {"vedtak": "Bevares", "hjemmel": "§ 7-26"}},
        "dokumenter": {"praksisbevis": {"vedtak": "Kasseres", "bevaringstid": 20, "hjemmel": "plan"},
                       "taushetsloefte": {"vedtak": "Bevares", "hjemmel": "lokal plan"}}})
    assert decision(rules, "arbeidstrening", "praksisbevis").bevaringstid == 20
    assert decision(rules, "arbeidstrening", "praksisavtale").bevaringstid == 5
    assert decision(rules, "trainee", "praksisbevis").vedtak == "Bevares"
    assert case_decision(rules, "arbeidstrening", ["praksisavtale", "praksisbevis"]).bevaringstid == 20
    assert case_decision(rules, "arbeidstrening", ["taushetsloefte"]).vedtak == "Bevares"


def test_bad_decisions_are_config_errors_that_say_what_to_fix():
    with pytest.raises(ValidationError, match="bevaringstid"):
        Bevaring.model_validate({"dokumenter": {"praksisbevis": {"vedtak": "Kasseres", "hjemmel": "plan"}}})
    with pytest.raises(ValidationError, match="mangler bevaringsvedtak for tiltak: .*trainee"):
        Bevaring.model_validate({"tiltak": {"arbeidstrening": {"vedtak": "Bevares", "hjemmel": "x"}}})
    with pytest.raises(ValidationError):
        Bevaring.model_validate({"dokumenter": {"praksisbevis": {"vedtak": "Kanskje", "hjemmel": "x"}}})


@pytest.mark.parametrize("replace, add, fragment", [
    ("\npraksisbevis = { vedtak", "\npraksisbevs = { vedtak", "[bevaring.dokumenter] nevner dokumenter som ikke er i"),
    ('trainee = { vedtak = "Bevares"', 'trainee = { vedtak = "Kasseres"', "trenger en bevaringstid"),
    ('arbeidstrening = { vedtak = "Kasseres"', 'arbeidstrening = { vedtak = "Slettes"', "bevaring.tiltak.arbeidstrening"),
])
def test_the_workspace_config_names_a_bad_retention_decision(tmp_path, replace, add, fragment):
    ws = init_workspace(tmp_path / "ws")
    text = ws.config_file.read_text(encoding="utf-8")
    assert replace in text
    ws.config_file.write_text(text.replace(replace, add, 1), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(ws)
    assert fragment in caught.value.message and "praksis.toml" in caught.value.message
