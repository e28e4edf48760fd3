import random

from pipeline.domain.synthetic import placement_row
from pipeline.validation.validator import Validator


def test_every_generated_placement_is_valid(validator: Validator, write_csv) -> None:
    """The benches drop generated placements into a watched inbox and wait for their receipts:
    a generated row the validator rejects (a trainee with no probation field, say) stalls them."""
    rng = random.Random(11)
    rows = [placement_row(rng, n) for n in range(400)]
    result = validator.validate_file(write_csv(rows))
    problems = [(r.row, e.felt, e.melding) for r in result.records for e in r.errors]
    assert problems == []
    assert {row["tiltak"] for row in rows} >= {"Trainee", "Intern arbeidstrening", "Arbeidstrening"}
