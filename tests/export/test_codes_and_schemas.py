"""Fiks Arkiv code lists and the shipped schemas, without a workspace."""

from __future__ import annotations

import hashlib

import pytest

from pipeline.common.errors import ConfigError
from pipeline.export.codes import code
from pipeline.export.package_check import check_package
from pipeline.export.schemas import DEPOSIT_XSDS, NOARK5

SOURCE_SUMS = {line.split()[1]: line.split()[0] for line in (NOARK5 / "SOURCE.txt").read_text().splitlines()
               if len(line.split()) == 2 and len(line.split()[0]) == 64}


def test_full_names_map_to_codes():
    assert code("journalstatus", "Journalført") == ("J", "Journalført")
    assert code("journalposttype", "Utgående dokument") == ("U", "Utgående dokument")
    assert code("korrespondanseparttype", "Kopimottaker") == ("EK", "Kopimottaker")
    assert code("variantformat", "A") == ("A", "Arkivformat")
    with pytest.raises(ConfigError, match="journalstatus"):
        code("journalstatus", "Kanskje")


@pytest.mark.parametrize("xsd", DEPOSIT_XSDS)
def test_shipped_deposit_schemas_are_the_official_ones(xsd):
    assert hashlib.sha256((NOARK5 / xsd).read_bytes()).hexdigest() == SOURCE_SUMS[xsd]


def test_the_minimal_arkivmelding_example_validates():
    from lxml import etree

    from pipeline.export.schemas import ARKIVMELDING_XSD, schema
    example = NOARK5.parent.parent / "examples" / "arkivmelding-fiks-arkiv-v1-minimal.xml"
    assert schema(ARKIVMELDING_XSD).validate(etree.parse(str(example)))


def test_a_missing_folder_is_one_clear_problem(tmp_path):
    problems = check_package(tmp_path / "finnes-ikke")
    assert len(problems) == 1 and "finnes ikke" in problems[0].detail


def test_the_reference_package_with_the_period_in_its_journal_headers_fails_n5_60(tmp_path):
    """The reference package as it was before 2026-11-26: journal headers holding the period."""
    import shutil

    reference = NOARK5.parent.parent / "examples" / "avleveringspakke"
    assert check_package(reference) == []
    broken = tmp_path / "avleveringspakke"
    shutil.copytree(reference, broken)
    for name in ("loependeJournal.xml", "offentligJournal.xml"):
        text = (broken / name).read_text(encoding="utf-8")
        text = text.replace("<journalStartDato>2025-03-14<", "<journalStartDato>2025-01-01<")
        text = text.replace("<journalSluttDato>2025-03-14<", "<journalSluttDato>2025-12-31<")
        (broken / name).write_text(text, encoding="utf-8")
    problems = check_package(broken)
    assert {p.arkade for p in problems if p.test == "journaldatoer"} == {"N5.60"}
    assert len([p for p in problems if p.arkade == "N5.60"]) == 4  # both journals, against both dates


def test_structure_controls_on_the_reference_package(tmp_path):
    """N5.12/N5.19 (a klasse with sub-classes holds no mappe), N5.51 (class references) and N5.44
    (a kassasjon element needs inneholderDokumenterSomSkalKasseres)."""
    import shutil

    reference = NOARK5.parent.parent / "examples" / "avleveringspakke"
    broken = tmp_path / "avleveringspakke"
    shutil.copytree(reference, broken)
    text = (broken / "arkivstruktur.xml").read_text(encoding="utf-8")
    start = text.index("<mappe")
    sub_class = ("<klasse><klasseID>P1</klasseID><tittel>Under</tittel><opprettetDato>2025-01-01T00:00:00+01:00"
                 "</opprettetDato><opprettetAv>praksis</opprettetAv></klasse>")
    text = text[:start] + sub_class + text[start:]
    end = text.index("</avsluttetAv>", start) + len("</avsluttetAv>")
    text = (text[:end] + "<referanseSekundaerKlassifikasjon>ingen-klasse</referanseSekundaerKlassifikasjon>"
            + text[end:])
    (broken / "arkivstruktur.xml").write_text(text, encoding="utf-8")
    addml = (broken / "arkivuttrekk.xml").read_text(encoding="utf-8")
    flag = '<property dataType="boolean" name="inneholderDokumenterSomSkalKasseres">'
    start = addml.index(flag)
    addml = addml[:start] + addml[start:].replace("<value>false</value>", "<value>true</value>", 1)
    (broken / "arkivuttrekk.xml").write_text(addml, encoding="utf-8")
    problems = check_package(broken)
    assert {"N5.12", "N5.51", "N5.44"} <= {p.arkade for p in problems}
    assert any("oppgir true, men arkivstruktur.xml har 0 <kassasjon>" in p.detail for p in problems)
