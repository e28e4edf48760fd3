from pipeline.validation.layout import nesting


def test_nesting_of_a_layout() -> None:
    nest = nesting(("id", "praksisenhet.leder.navn", "krav.politiattest", "praksisenhet.navn"))
    record = {"id": "A", "id_avledet": False}
    assert nest(("A", "Lea", None, "Enhet"), "A", False) == (
        {**record, "praksisenhet": {"navn": "Enhet", "leder": {"navn": "Lea"}}}, ())
    assert nest(("A", "Lea", None, None), "A", False) == ({**record, "praksisenhet": {"leder": {"navn": "Lea"}}}, ())
    assert nest((None, None, False, None), "H-1", True) == ({"id": "H-1", "id_avledet": True, "krav": {"politiattest": False}}, ())
    assert nesting(())((), "A", False) == (record, ())


def test_nesting_shares_parts_an_earlier_row_had() -> None:
    made: dict = {}
    nest = nesting(("praktikant.navn", "praksisenhet.navn", "praksisenhet.leder.navn"),
                   lambda part, fields: made.setdefault((part, fields), {}))
    nested, fresh = nest(("Ola", "Enhet", "Lea"), "A", False)
    assert nested["praksisenhet"] == {"navn": "Enhet", "leder": {"navn": "Lea"}}
    units = made[("praksisenhet", ("praksisenhet.navn", "praksisenhet.leder.navn"))]
    assert ("praksisenhet", ("Enhet", "Lea"), units) in fresh
    assert {part for part, _, _ in fresh} == {"praksisenhet", "praksisveileder", "praksisbestiller", "krav",
                                             "hjemmeenhet", "ansettelse"}
    units[("Enhet", "Lea")] = instance = object()
    nested, fresh = nest(("Kari", "Enhet", "Lea"), "B", False)
    assert nested["praksisenhet"] is instance and nested["praktikant"] == {"navn": "Kari"}
    assert "praksisenhet" not in {part for part, _, _ in fresh}
