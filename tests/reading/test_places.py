"""Free-places sheets («ledige plasser») dropped in the inbox: recognised by their columns,
validated with row, column and what to fix, stored (the latest offer per unit), answered
with a receipt or an error list like placement sheets."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

from pipeline.common.config import Config
from pipeline.inbox.processor import InboxProcessor
from pipeline.reading.places import is_places_sheet, load_offers, read_places
from tests.conftest import EXAMPLES, fnr_for

HEADER = ["Enhet", "Antall plasser", "Arbeidsoppgaver", "Krever politiattest", "Kontakt", "Kontakt e-post",
          "Gyldig fra", "Gyldig til"]


def sheet(path: Path, rows: list[list[str]], header: list[str] = HEADER, encoding: str = "cp1252") -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def process(config: Config, path: Path):
    return InboxProcessor(config, None).process(path)  # no documents: no LibreOffice


def test_the_example_sheet_is_recognised_and_stored(config: Config):
    target = config.inbox / "ledige_plasser.csv"
    config.inbox.mkdir(parents=True, exist_ok=True)
    target.write_bytes((EXAMPLES / "ledige_plasser.csv").read_bytes())
    assert is_places_sheet(target)
    assert not is_places_sheet(EXAMPLES / "praksisliste.csv")
    result = process(config, target)
    assert result.outcome == "behandlet"
    assert (config.inbox / "behandlet" / "ledige_plasser.csv").read_bytes() == (EXAMPLES / "ledige_plasser.csv").read_bytes()
    receipt = (config.inbox / "behandlet" / "ledige_plasser.csv.kvittering.txt").read_text(encoding="utf-8-sig")
    assert "5 enhet(er) lagret" in receipt and "Bøgata skole" in receipt
    offers = {o.enhet: o for o in load_offers(config)}
    assert offers["Eksempel sykehjem"].antall == 4 and offers["Eksempel sykehjem"].krever_mrsa
    assert offers["Bøgata skole"].arbeidsoppgaver[1] == "Lese med elevene"
    assert offers["Bøgata skole"].gyldig_til == "2026-12-31"


def test_errors_name_row_column_and_what_to_fix_and_valid_rows_are_stored(config: Config, tmp_path):
    config.inbox.mkdir(parents=True, exist_ok=True)
    path = sheet(config.inbox / "plasser.csv", [
        ["Bøgata skole", "2", "Lese", "ja", "Kontoret", "post@example.com", "01.01.2026", "31.12.2026"],
        ["Sykehjemmet", "tre", "", "ja", "Kontoret", "", "", ""],
        ["", "1", "", "", "Kontoret", "", "", ""],
        ["Biblioteket", "1", "", "kanskje", "Kontoret", "ikke-en-adresse", "01.06.2026", "01.01.2026"],
        ["Parken", "1", "", "", f"Ring {fnr_for(10, 10, 1990)}", "", "", ""],
        ["bøgata  SKOLE", "5", "", "", "Kontoret", "", "", ""],
    ])
    result = process(config, path)
    assert result.outcome == "delvis" and result.rejected == 5
    errors = (config.inbox / "avvist" / "plasser.csv.feil.txt").read_text(encoding="utf-8-sig")
    assert "Linje 3, kolonne «Antall plasser» = «tre»: Forventet et tall" in errors
    assert "Linje 4, kolonne «Enhet»: «Enhet» må fylles ut." in errors
    assert "Linje 5, kolonne «Krever politiattest» = «kanskje»: Skriv «Ja» eller «Nei»" in errors
    assert "Linje 5, kolonne «Kontakt e-post» = «ikke-en-adresse»: E-postadressen ser ikke riktig ut" in errors
    assert "Linje 5, kolonne «Gyldig til» = «01.01.2026»: «Gyldig til» er før «Gyldig fra»" in errors
    assert "Linje 6, kolonne «Kontakt»" in errors and "fødselsnummer" in errors
    assert fnr_for(10, 10, 1990) not in errors
    assert "Linje 7, kolonne «Enhet» = «bøgata SKOLE»: Enheten står også på linje 2" in errors
    # the rejected rows in the same format and encoding, to fix and drop again
    rejected = (config.inbox / "avvist" / "plasser.csv").read_bytes().decode("cp1252")
    assert rejected.count("\r\n") == 6 and "Sykehjemmet" in rejected and "Bøgata skole" not in rejected
    assert [o.enhet for o in load_offers(config)] == ["Bøgata skole"]
    receipt = (config.inbox / "behandlet" / "plasser.csv.kvittering.txt").read_text(encoding="utf-8-sig")
    assert "5 linje(r) ble avvist" in receipt and "avvist/plasser.csv" in receipt


def test_a_unit_named_again_replaces_its_offer_and_others_keep_theirs(config: Config, tmp_path):
    first = read_places(sheet(tmp_path / "a.csv", [["Bøgata skole", "2", "", "", "Kontoret", "", "", ""],
                                                   ["Parken", "1", "", "", "Driften", "", "", ""]]), config,
                        datetime.now().astimezone())
    from pipeline.reading.places import save_offers
    save_offers(config, [o for _r, o in first.offers])
    second = read_places(sheet(tmp_path / "b.csv", [["BØGATA SKOLE", "0", "", "", "Kontoret", "", "", ""]]), config,
                         datetime.now().astimezone())
    save_offers(config, [o for _r, o in second.offers])
    assert [(o.enhet, o.antall) for o in load_offers(config)] == [("BØGATA SKOLE", 0), ("Parken", 1)]


def test_a_sheet_without_a_required_column_is_rejected_whole(config: Config):
    config.inbox.mkdir(parents=True, exist_ok=True)
    path = sheet(config.inbox / "uten.csv", [["Bøgata skole", "2"]], header=["Enhet", "Antall plasser"])
    result = process(config, path)
    assert result.outcome == "avvist"
    errors = (config.inbox / "avvist" / "uten.csv.feil.txt").read_text(encoding="utf-8-sig")
    assert "Kolonnen(e) «Kontakt» mangler" in errors
    assert load_offers(config) == []
