"""Free-places sheets («ledige plasser») dropped in the inbox: recognised by their columns,
validated with row, column and what to fix, stored (the latest offer per unit), answered
with a receipt or an error list like placement sheets."""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import resource
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from pipeline.common.config import Config, load_config
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
    assert is_places_sheet(target, config.settings.grenser)
    assert not is_places_sheet(EXAMPLES / "praksisliste.csv", config.settings.grenser)
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


def test_a_places_sheet_as_a_workbook_and_as_json(config: Config, tmp_path: Path):
    """The free-places sheet read by the streaming .xlsx reader and from JSON, recognised from
    its header (a JSON: its first object) alone."""
    from openpyxl import Workbook

    rows = [["Bøgata skole", 2, "Kantine", "Nei", "Resepsjonen", None, None, None],
            ["Eksempel sykehjem", 1, "Kjøkken", "Ja", "Vakttelefonen", None, None, None]]
    book = Workbook()
    for row in [HEADER, *rows]:
        book.active.append(row)
    workbook = tmp_path / "plasser.xlsx"
    book.save(workbook)
    assert is_places_sheet(workbook, config.settings.grenser)
    result = read_places(workbook, config, datetime(2026, 1, 5).astimezone())
    assert result.file_error is None, result.file_error
    assert [o.enhet for _row, o in result.offers] == ["Bøgata skole", "Eksempel sykehjem"]
    document = tmp_path / "plasser.json"
    document.write_text(json.dumps([{h: v for h, v in zip(HEADER, row) if v is not None} for row in rows]),
                        encoding="utf-8")
    assert is_places_sheet(document, config.settings.grenser)
    assert [o.enhet for _row, o in read_places(document, config, datetime(2026, 1, 5).astimezone()).offers] == [
        "Bøgata skole", "Eksempel sykehjem"]
    assert not is_places_sheet(EXAMPLES / "praksisplasser.json", config.settings.grenser)


def _ask_and_process(root: str, name: str, out: Any) -> None:
    """In a child under an address-space cap: is it a places sheet, and what the inbox does with it."""
    resource.setrlimit(resource.RLIMIT_AS, (1536 << 20, 1536 << 20))
    from pipeline.common.config import load_config
    from pipeline.common.workspace import Workspace

    config = load_config(Workspace(Path(root)))
    path = config.inbox / name
    asked = is_places_sheet(path, config.settings.grenser)
    result = process(config, path)
    notice = result.notice.read_text(encoding="utf-8-sig") if result.notice else ""
    out.put((asked, result.outcome, notice))


@pytest.mark.parametrize("kind", ["deep-json", "bomb"])
def test_a_hostile_file_is_never_read_whole_to_tell_whether_it_is_a_places_sheet(workspace, tmp_path, kind):
    """Every file dropped is asked whether it is a places sheet before it is read as a placement
    sheet: a JSON nested 100,000 deep or an .xlsx unpacking to 150 MB is answered by its limit,
    not loaded whole (which took gigabytes, or ended in RecursionError)."""
    from bench import hostile_files as h

    config = load_config(workspace)
    config.inbox.mkdir(parents=True, exist_ok=True)
    if kind == "deep-json":
        path, limit = h.deep_json(config.inbox / "dyp.json", 100_000), "maks_dybde"
    else:
        path, limit = h.shared_strings_bomb(config.inbox / "bombe.xlsx", 150), "maks_utpakket_mb"
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    child = context.Process(target=_ask_and_process, args=(str(workspace.root), path.name, queue))
    child.start()
    asked, outcome, notice = queue.get(timeout=120)
    child.join(30)
    assert asked is False and outcome == "avvist" and f"[grenser] {limit}" in notice
