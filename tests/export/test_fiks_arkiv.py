"""Fiks Arkiv bundles of the example workspace: valid against the XSD, checksums right,
round-tripped through the zip, incremental and idempotent, external keys stable."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from pipeline.archive.store import ArchiveStore
from pipeline.common.config import load_config
from pipeline.export.arkivmelding import FiksArkivWriter
from pipeline.export.fiks_arkiv import export_fiks_arkiv
from pipeline.export.arkivmelding import MESSAGE_TYPE, UPDATE_TYPE
from pipeline.export.schemas import ARKIVMELDING_OPPDATER_XSD, ARKIVMELDING_XSD, SchemaInvalid, schema
from pipeline.common.workspace import Workspace
from tests.archive.conftest import praksis

pytestmark = pytest.mark.slow  # LibreOffice (a warm pool or an ingested workspace)

NS = {"a": "https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/arkivmelding/opprett/v1",
      "m": "https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/metadatakatalog/v1"}


def messages_in(bundle: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(bundle) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_one_zip_per_case_every_message_valid_and_every_file_checksummed(workspace_copy):
    config = load_config(Workspace(workspace_copy))
    result = export_fiks_arkiv(config)
    cases = list(ArchiveStore(config.workspace.archive).iter_cases())
    assert len(result.bundles) == len(cases) == len(result.cases)
    xsds = {MESSAGE_TYPE: schema(ARKIVMELDING_XSD), UPDATE_TYPE: schema(ARKIVMELDING_OPPDATER_XSD)}
    total_files = 0
    for bundle in result.bundles:
        content = messages_in(bundle)
        manifest = json.loads(content["manifest.json"])
        for message in manifest["saker"][0]["meldinger"]:
            document = etree.fromstring(content[message["arkivmelding"]])
            xsd = xsds[message["meldingstype"]]
            assert xsd.validate(document), xsd.error_log
            if message["meldingstype"] == UPDATE_TYPE:
                assert message["filer"] == []
                continue
            objects = document.findall(".//a:dokumentobjekt", NS)
            assert int(document.findtext("a:antallFiler", namespaces=NS)) == len(objects) == len(message["filer"])
            for obj, listed in zip(objects, message["filer"]):
                data = content[f"{message['mappe']}/{obj.findtext('a:referanseDokumentfil', namespaces=NS)}"]
                assert hashlib.sha256(data).hexdigest() == obj.findtext("a:sjekksum", namespaces=NS) == listed["sjekksum"]
                assert len(data) == int(obj.findtext("a:filstoerrelse", namespaces=NS))
                assert data.startswith(b"%PDF")
                assert obj.xpath("a:format/*[local-name()='kode']/text()", namespaces=NS) == ["fmt/95"]  # PDF/A-1a
                assert obj.findtext("a:formatDetaljer", namespaces=NS) == "PDF/A-1a"
                total_files += 1
    assert total_files == result.files > 0


def test_the_first_message_makes_the_case_and_the_rest_point_to_it(workspace_copy):
    config = load_config(Workspace(workspace_copy))
    closed = [c for c in ArchiveStore(config.workspace.archive).iter_cases() if c.meta["saksstatus"] == "Avsluttet"]
    case = max(closed, key=lambda c: len(c.journals))  # a closed case, so its last message closes it
    messages = FiksArkivWriter(config).messages(case)
    assert len(messages) == len(case.journals) + 1 == 5
    assert [m.kind for m in messages] == [MESSAGE_TYPE] * 4 + [UPDATE_TYPE]
    first = etree.fromstring(messages[0].xml)
    mappe = first.find("a:mappe", NS)
    assert mappe is not None and mappe.get("{http://www.w3.org/2001/XMLSchema-instance}type") == "saksmappe"
    key = mappe.findtext("a:referanseEksternNoekkel/m:noekkel", namespaces=NS)
    assert key == case.meta["praksis"]["praksisplass_id"]
    assert "*****" in mappe.findtext("a:offentligTittel", namespaces=NS)
    assert mappe.findtext("a:skjerming/a:tilgangsrestriksjon/m:kode", namespaces=NS) == "13"
    for message in messages[1:-1]:
        document = etree.fromstring(message.xml)
        assert document.find("a:mappe", NS) is None
        parent = document.find("a:registrering/a:referanseForelderMappe", NS)
        assert parent.findtext("m:referanseEksternNoekkel/m:noekkel", namespaces=NS) == key
    parts = [p.findtext("a:korrespondansepartNavn", namespaces=NS)
             for p in first.findall("a:registrering/a:korrespondansepart", NS)]
    assert len(parts) == 3  # praktikant, praksisenhet, praksisbestiller
    codes = {e.tag.split("}")[1]: e.findtext("m:kode", namespaces=NS) for e in first.find("a:registrering", NS)
             if e.find("m:kode", NS) is not None}
    assert codes["journalposttype"] == "U" and codes["journalstatus"] == "J"


def test_export_is_incremental_and_idempotent(workspace_copy):
    root = workspace_copy
    first = praksis(root, "export", "fiks-arkiv", "--json")
    assert first.exit_code == 0, first.output
    made = json.loads(first.output)
    again = json.loads(praksis(root, "export", "fiks-arkiv", "--json").output)
    assert again["saker"] == [] and again["uendret"] == len(made["saker"])
    # one case changes: only it is exported next time, with the same external keys
    result = praksis(root, "regenerate", made["saker"][0], "--grunn", "test", "--dokument", "praksisavtale")
    assert result.exit_code == 0, result.output
    third = json.loads(praksis(root, "export", "fiks-arkiv", "--json").output)
    assert third["saker"] == [made["saker"][0]]
    # the history survives a reindex (it is in the case's event log)
    assert praksis(root, "reindex").exit_code == 0
    assert json.loads(praksis(root, "export", "fiks-arkiv", "--json").output)["saker"] == []
    # --sak and --siden export on request
    named = json.loads(praksis(root, "export", "fiks-arkiv", "--sak", made["saker"][1], "--json").output)
    assert named["saker"] == [made["saker"][1]]
    since = json.loads(praksis(root, "export", "fiks-arkiv", "--siden", "2000-01-01", "--json").output)
    assert len(since["saker"]) == len(made["saker"])


def test_combined_bundle_holds_every_case(workspace_copy):
    result = praksis(workspace_copy, "export", "fiks-arkiv", "--samlet", "--json")
    data = json.loads(result.output)
    assert len(data["bunter"]) == 1
    content = messages_in(Path(data["bunter"][0]))
    manifest = json.loads(content["manifest.json"])
    assert [c["saksnummer"] for c in manifest["saker"]] == data["saker"]
    assert sum(1 for name in content if name.endswith("arkivmelding.xml")) == data["meldinger"]


def test_an_invalid_message_stops_the_export_and_leaves_no_bundle(workspace_copy):
    saksmappe = next((workspace_copy / "archive").glob("*/*-00001/saksmappe.json"))
    meta = json.loads(saksmappe.read_text(encoding="utf-8"))
    meta["systemID"] = "ikke-en-uuid"
    saksmappe.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    config = load_config(Workspace(workspace_copy))
    with pytest.raises(SchemaInvalid, match="systemID"):
        export_fiks_arkiv(config, saker=[meta["saksnummer"]])
    out = workspace_copy / "eksport" / "fiks-arkiv"
    assert not out.exists() or list(out.iterdir()) == []
    result = praksis(workspace_copy, "export", "fiks-arkiv", "--sak", meta["saksnummer"])
    assert result.exit_code == 1 and "ikke gyldig" in result.output


def test_unknown_case_is_a_clear_error(workspace_copy):
    result = praksis(workspace_copy, "export", "fiks-arkiv", "--sak", "1999/1")
    assert result.exit_code != 0 and "Fant ingen sak 1999/1" in result.output


def test_an_old_record_with_a_nul_is_left_out_with_its_case_and_field_and_never_stops_the_export(workspace_copy):
    """A record archived before validation refused control characters, written directly on
    disk: the case is left out with a message naming it and the field, the others are
    exported, and the next incremental run names it again instead of stopping there."""
    from pipeline.archive.store import GRUNNLAG

    config = load_config(Workspace(workspace_copy))
    store = ArchiveStore(config.workspace.archive)
    cases = list(store.iter_cases())
    broken = cases[0]
    for journal in broken.journals.values():
        for version in journal.versions:
            path = version.folder / GRUNNLAG
            if path.is_file():
                record = json.loads(path.read_text(encoding="utf-8"))
                record["praktikant"]["navn"] = "Ola\x00Nordmann"
                path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    first = export_fiks_arkiv(config)
    assert [sak for sak, _ in first.left_out] == [broken.saksnummer]
    why = first.left_out[0][1]
    assert "«partNavn»" in why and "U+0000 (NUL)" in why and "ny versjon" in why
    assert sorted(first.cases) == sorted(c.saksnummer for c in cases[1:])
    again = export_fiks_arkiv(config)
    assert [sak for sak, _ in again.left_out] == [broken.saksnummer]
    assert again.cases == [] and again.unchanged == len(cases) - 1
    result = praksis(workspace_copy, "export", "fiks-arkiv")
    assert result.exit_code == 1, result.output
    assert f"IKKE MED: sak {broken.saksnummer}" in result.output and "Traceback" not in result.output
