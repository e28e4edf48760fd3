from pathlib import Path

from pipeline.validation.validator import Validator, derived_id
from tests.conftest import fnr_for, good_row


def test_error_names_file_row_column_masked_value_and_fix(validator: Validator, write_csv) -> None:
    fnr = fnr_for(10, 10, 1990)
    bad = fnr[:10] + str((int(fnr[10]) + 1) % 10)
    path = write_csv([{"Id": "A", "Navn": "X", "Fødselsnummer": bad}], headers=["Id", "Navn", "Fødselsnummer"])
    result = validator.validate_file(path)
    [error] = [e for r in result.records for e in r.errors if e.felt == "praktikant.foedselsnummer"]
    assert error.fil == str(path)
    assert error.plassering == "linje 2"
    assert error.kolonne == "Fødselsnummer"
    assert error.verdi == fnr[:6] + "*****"
    assert bad not in repr(error.as_dict())
    assert "Kontrollsifrene" in error.melding


def test_all_errors_of_a_file_at_once(validator: Validator, write_csv) -> None:
    rows = [good_row(id=f"R{i}", startdato="31.02.2026", tiltak="Ukjent") for i in range(5)]
    result = validator.validate_file(write_csv(rows))
    assert result.n_invalid == 5
    assert all(len(r.errors) == 2 for r in result.records)  # both problems of each row, not the first only


def test_valid_rows_survive_invalid_neighbours(validator: Validator, write_csv) -> None:
    result = validator.validate_file(write_csv([good_row(id="1"), good_row(id="2", status="?"), good_row(id="3")]))
    assert [r.valid for r in result.records] == [True, False, True]


def test_derived_id_is_stable_and_reveals_nothing(validator: Validator, write_csv) -> None:
    row = good_row(id="")
    first = validator.validate_file(write_csv([row], name="a.csv")).records[0]
    second = validator.validate_file(write_csv([row], name="b.csv")).records[0]
    assert first.valid and first.record.id_avledet
    assert first.id == second.id and first.id.startswith("H-")
    assert row["praktikant.foedselsnummer"] not in first.id
    assert any("avledet" in note for note in first.notes)
    other = validator.validate_file(write_csv([good_row(id="", startdato="02.03.2026")], name="c.csv")).records[0]
    assert other.id != first.id


def test_derived_id_depends_on_the_workspace_key() -> None:
    from datetime import date

    values = {"praktikant.foedselsnummer": "x", "praksisenhet.navn": "B", "startdato": date(2026, 1, 1)}
    assert derived_id(b"k" * 32, values) != derived_id(b"j" * 32, values)


def test_duplicate_ids_in_one_file(validator: Validator, write_csv) -> None:
    result = validator.validate_file(write_csv([good_row(id="D"), good_row(id="D")]))
    assert result.records[0].valid and not result.records[1].valid
    assert "linje 2" in result.records[1].errors[0].melding


def test_header_only_file_is_rejected(validator: Validator, tmp_path: Path) -> None:
    path = tmp_path / "tom.csv"
    path.write_text("Navn;Fødselsnummer\r\n", encoding="utf-8")
    result = validator.validate_file(path)
    assert result.file_error and "ingen praksisplasser" in result.file_error
    assert not result.ok


def test_huge_values_are_errors_not_documents(validator: Validator, write_csv) -> None:
    result = validator.validate_file(write_csv([good_row(**{"praktikant.navn": "N" * 30_000})]))
    [error] = result.records[0].errors
    assert "høyst 200" in error.melding and len(error.verdi) <= 60


def test_a_cell_over_the_cell_limit_rejects_the_file_naming_the_limit(validator: Validator, write_csv) -> None:
    result = validator.validate_file(write_csv([good_row(**{"praktikant.navn": "N" * 2_000_000})]))
    assert result.file_error and "maks_celle_tegn" in result.file_error and "Linje 2" in result.file_error


def test_json_row_is_its_index(validator: Validator, tmp_path: Path) -> None:
    import json

    path = tmp_path / "a.json"
    path.write_text(json.dumps([good_row(id="1"), good_row(id="2", status="nope")]), encoding="utf-8")
    result = validator.validate_file(path)
    assert result.unit == "post"
    assert result.records[1].errors[0].plassering == "post 2"


def test_record_shape(validator: Validator, write_csv) -> None:
    row = good_row(**{"timer_per_uke": "37,5", "arbeidsoppgaver": "A\nB", "krav.politiattest": "x",
                      "krav.politiattest_hjemmel": "helse- og omsorgstjenesteloven § 5-4",
                      "praktikant.telefon": "+47 412 34 567"})
    record = validator.validate_file(write_csv([row])).records[0].record
    assert record is not None
    assert record.timer_per_uke == 37.5
    assert record.arbeidsoppgaver == ["A", "B"]
    assert record.krav.politiattest is True and record.krav.mrsa_tuberkulose is False
    assert record.praktikant.telefon == "+4741234567"
    assert record.praksisveileder.navn is None
    assert record.gjeldende_sluttdato.isoformat() == "2026-06-30"


def test_json_records_with_no_known_field_are_reported_not_lost(validator: Validator, tmp_path: Path) -> None:
    import json

    path = tmp_path / "a.json"
    path.write_text(json.dumps([{}, {"ukjent": 1}, good_row(id="3")]), encoding="utf-8")
    result = validator.validate_file(path)
    assert [r.row for r in result.records] == [1, 2, 3]
    assert [r.valid for r in result.records] == [False, False, True]
    assert any("Praktikantens navn mangler" in e.melding for e in result.records[1].errors)


def test_repeated_parts_are_one_shared_frozen_instance(validator: Validator, write_csv) -> None:
    import pytest
    from pydantic import ValidationError

    unit = {"praksisenhet.leder.navn": "Lea Leder", "praksisveileder.navn": "Vera Veileder"}
    rows = [good_row(id="1", **unit), good_row(id="2", **unit),
            good_row(id="3", **{**unit, "praksisenhet.leder.navn": "Lars Leder"})]
    first, second, third = (r.record for r in validator.validate_file(write_csv(rows)).records)
    assert first is not None and second is not None and third is not None
    assert first.praksisenhet is second.praksisenhet and first.praksisveileder is second.praksisveileder
    assert third.praksisenhet is not first.praksisenhet and third.praksisenhet.leder.navn == "Lars Leder"
    assert first.praktikant is not second.praktikant  # never the part with the fødselsnummer
    with pytest.raises(ValidationError):  # frozen: no record can change another's
        first.praksisenhet.navn = "Annet"  # type: ignore[misc]


def test_a_part_is_shared_only_between_the_same_fields(validator: Validator, tmp_path: Path) -> None:
    import json

    # the same leader name, once with and once without a phone: two different parts
    path = tmp_path / "a.json"
    path.write_text(json.dumps([
        good_row(id="1", **{"praksisenhet.leder.navn": "Lea"}),
        good_row(id="2", **{"praksisenhet.leder.navn": "Lea", "praksisenhet.leder.telefon": "41234567"}),
    ]), encoding="utf-8")
    first, second = (r.record for r in validator.validate_file(path).records)
    assert first is not None and second is not None
    assert first.praksisenhet.leder.telefon is None and second.praksisenhet.leder.telefon == "41234567"


def test_blank_and_whitespace_cells_are_not_given(validator: Validator, write_csv) -> None:
    rows = [good_row(id=str(i), timer_per_uke=blank, yrkesmaal=blank, **{"praktikant.telefon": blank})
            for i, blank in enumerate(["", "   ", "\t", " \u00a0 "])]
    for result in validator.validate_file(write_csv(rows)).records:
        assert result.valid, result.errors
        assert result.record.timer_per_uke is None and result.record.yrkesmaal is None
        assert result.record.praktikant.telefon is None


def test_columns_of_new_values_read_the_same_once_the_caches_are_full(validator: Validator, write_csv,
                                                                        monkeypatch) -> None:
    """Once a column's cache is full, a chunk whose cells are all new is converted in one go;
    a whitespace-only or unreadable cell among them is still taken one by one."""
    from pipeline.validation import columns, validator as validation

    # no "" among them: a blank cell is a cache hit even when the cache is full
    addresses = ["Vei 1", " \u00a0 ", "Vei 3", "Vei 4"]
    phones = ["41234567", "41234568", "4123", "+47 412 34 569"]
    rows = [good_row(id=f"N{i}", **{"praktikant.adresse": address, "praktikant.telefon": phone})
            for i, (address, phone) in enumerate(zip(addresses, phones))]
    path = write_csv(rows)

    def outcome(result):
        return [(r.valid, r.record and (r.record.praktikant.adresse, r.record.praktikant.telefon),
                 [(e.felt, e.melding) for e in r.errors]) for r in result.records]

    expected = outcome(validator.validate_file(path))
    assert [(valid, parts) for valid, parts, _ in expected] == [
        (True, ("Vei 1", "41234567")), (True, (None, "41234568")), (False, None), (True, ("Vei 4", "+4741234569"))]
    monkeypatch.setattr(columns, "CACHE_LIMIT", 0)  # as if full: nothing is stored
    monkeypatch.setattr(validation, "CACHE_LIMIT", 0)
    assert outcome(Validator(validator.config).validate_file(path)) == expected


def test_the_record_still_refuses_unknown_keys_when_read_back() -> None:
    """Validation passes extra="ignore" (its dict has only the record's own fields); the model
    itself forbids unknown keys, so a stored record from another schema is not read silently."""
    import pytest
    from pydantic import ValidationError

    from pipeline.domain.record import Praksisplass
    from pipeline.domain.synthetic import sample_record

    stored = sample_record().model_dump(mode="json")
    assert Praksisplass.model_validate(stored) == sample_record()
    with pytest.raises(ValidationError, match="Extra inputs"):
        Praksisplass.model_validate({**stored, "ukjent_felt": 1})
    with pytest.raises(ValidationError, match="Extra inputs"):
        Praksisplass.model_validate({**stored, "praktikant": {**stored["praktikant"], "alder": 30}})


def test_a_validator_is_freed_without_waiting_for_the_garbage_collector(validator: Validator, write_csv) -> None:
    """The shared parts a validator keeps go when it goes (no reference cycle): a long-running
    watcher validates file after file, and full garbage collections are rare."""
    import gc

    from pipeline.domain.record import Praksisenhet

    path = write_csv([good_row(id=str(i), **{"praksisenhet.leder.navn": f"Leder {i}"}) for i in range(20)])
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        fresh = Validator(validator.config)
        assert all(r.valid for r in fresh.validate_file(path).records)
        del fresh
        left = [o for o in gc.get_objects() if isinstance(o, Praksisenhet)]
    finally:
        if was_enabled:
            gc.enable()
    assert left == []
