"""til_signering/ made equal to the registry: appears, is replaced by a new version, goes when
signed, is rebuilt when deleted or changed by hand, and never deletes what praksis did not make."""

from __future__ import annotations

from datetime import date

from pipeline.common.config import Config
from pipeline.pages.til_signering import folder, sync
from pipeline.archive.overview_state import SigningState
from pipeline.archive.registry import Registry
from tests.pages.build import add_case, pdf_bytes

START, END = date(2026, 3, 2), date(2026, 6, 26)


def run(config: Config):
    registry = Registry(config.workspace.registry)
    try:
        return sync(config, registry.db)
    finally:
        registry.close()


def names(config: Config) -> list[str]:
    return sorted(p.name for p in folder(config).iterdir() if not p.name.startswith("."))


def test_waiting_documents_appear_with_the_archived_bytes_and_only_those_to_sign(config):
    case = add_case(config, 17, "Bekreftet", "Bøgata skole", START, END, "Ola Test", {
        "praksisavtale": SigningState(1, True, ()), "taushetsloefte": SigningState(1, False, ())})
    result = run(config)
    assert names(config) == ["2026-17_praksisavtale_v1.pdf"]
    assert result.written == ["2026-17_praksisavtale_v1.pdf"]
    assert (folder(config) / "2026-17_praksisavtale_v1.pdf").read_bytes() == pdf_bytes(case, "praksisavtale", 1)
    assert run(config).written == []  # nothing to do the second time


def test_a_new_version_replaces_the_older_and_a_signed_one_leaves(config):
    add_case(config, 17, "Bekreftet", "Bøgata skole", START, END, "Ola Test",
             {"praksisavtale": SigningState(1, True, ())})
    run(config)
    add_case(config, 17, "Bekreftet", "Bøgata skole", START, END, "Ola Test",
             {"praksisavtale": SigningState(2, True, ())})
    result = run(config)
    assert names(config) == ["2026-17_praksisavtale_v2.pdf"]
    assert result.removed == ["2026-17_praksisavtale_v1.pdf"]
    add_case(config, 17, "Bekreftet", "Bøgata skole", START, END, "Ola Test",
             {"praksisavtale": SigningState(2, False, ())})
    assert run(config).removed == ["2026-17_praksisavtale_v2.pdf"]
    assert names(config) == []


def test_deleted_or_changed_by_hand_is_rebuilt_and_foreign_bytes_are_kept_in_avvist(config):
    case = add_case(config, 3, "Bekreftet", "Bøgata skole", START, END, "Ola Test",
                    {"praksisavtale": SigningState(1, True, ()), "taushetsloefte": SigningState(1, True, ())})
    run(config)
    target = folder(config)
    (target / "2026-3_praksisavtale_v1.pdf").unlink()
    (target / "2026-3_taushetsloefte_v1.pdf").write_bytes(b"%PDF-1.4 HR saved a signed scan over it")
    (target / "notat.txt").write_text("HR's own note", encoding="utf-8")
    result = run(config)
    assert sorted(result.written) == ["2026-3_praksisavtale_v1.pdf", "2026-3_taushetsloefte_v1.pdf"]
    assert (target / "2026-3_taushetsloefte_v1.pdf").read_bytes() == pdf_bytes(case, "taushetsloefte", 1)
    assert names(config) == ["2026-3_praksisavtale_v1.pdf", "2026-3_taushetsloefte_v1.pdf"]
    rejected = config.inbox / "avvist"
    assert (rejected / "2026-3_taushetsloefte_v1.pdf").read_bytes() == b"%PDF-1.4 HR saved a signed scan over it"
    assert (rejected / "notat.txt").read_text(encoding="utf-8") == "HR's own note"
    note = (rejected / "notat.txt.feil.txt").read_text(encoding="utf-8-sig")
    assert "til_signering/" in note and "signert/" in note


def test_a_stale_copy_of_an_archived_pdf_is_removed_without_a_manifest(config):
    """The manifest lost (deleted by hand): an old version's file is still known by its bytes."""
    case = add_case(config, 5, "Bekreftet", "Bøgata skole", START, END, "Ola Test",
                    {"praksisavtale": SigningState(2, True, ())})
    target = folder(config)
    target.mkdir(parents=True)
    (target / "2026-5_praksisavtale_v1.pdf").write_bytes(pdf_bytes(case, "praksisavtale", 1))
    result = run(config)
    assert result.removed == ["2026-5_praksisavtale_v1.pdf"] and result.set_aside == []
    assert names(config) == ["2026-5_praksisavtale_v2.pdf"]


def test_the_file_names_are_read_back_by_the_signed_intake(config):
    from pipeline.signed.identify import from_name
    add_case(config, 123, "Bekreftet", "Bøgata skole", START, END, "Ola Test",
             {"praksisavtale": SigningState(4, True, ()), "oppfoelgingsplan": SigningState(1, True, ())})
    run(config)
    for name in names(config):
        identity = from_name(name)
        assert identity is not None and identity.saksnummer == "2026/123"
        assert name == f"2026-123_{identity.dokumenttype}_v{identity.versjon}.pdf"
