"""Where a document stands: its current version, whether that waits for a signed copy, and
signed copies that came back for a version already replaced (filed, with a warning)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from pipeline.archive.store import JournalFiles, VersionFiles
from pipeline.documents.identity import DocumentIdentity
from pipeline.inbox.receipts import signed_receipt
from pipeline.archive.overview_state import SigningState, signing_state
from pipeline.signed.results import SignedResult
from pipeline.domain.texts import Texts

BOKMAAL = Texts.load("bokmaal")


def journal(*metas: dict) -> JournalFiles:
    versions = [VersionFiles(i, Path(f"v{i}"), meta) for i, meta in enumerate(metas, start=1)]
    return JournalFiles("praksisavtale", Path("001-praksisavtale"), {}, versions)


UNSIGNED: dict = {}


def signed(version: int) -> dict:
    return {"signert": True, "signerer_versjon": version}


def test_the_current_version_waits_until_a_copy_of_it_is_signed():
    assert signing_state(journal(UNSIGNED)) == SigningState(1, True, ())
    assert signing_state(journal(UNSIGNED, signed(1))) == SigningState(1, False, ())
    # new data after the signed copy: the new version waits again; the old copy is history, not a warning
    assert signing_state(journal(UNSIGNED, signed(1), UNSIGNED)) == SigningState(3, True, ())


def test_a_signed_copy_of_a_replaced_version_does_not_satisfy_the_current_one():
    assert signing_state(journal(UNSIGNED, UNSIGNED, signed(1))) == SigningState(2, True, ((3, 1),))
    assert signing_state(journal(UNSIGNED, UNSIGNED, signed(1), signed(2))) == SigningState(2, False, ((3, 1),))
    assert signing_state(journal(signed(1))) is None  # nothing generated: nothing to say


def test_the_receipt_of_a_signed_copy_of_a_replaced_version_warns():
    identity = DocumentIdentity("praksisavtale", 1, "2026/17")
    result = SignedResult("arkivert", ["skann.pdf"], identity, "2026/17", 3, kind="skannet", method="QR-koden",
                          replaced_by=2)
    text = signed_receipt(result, datetime(2026, 11, 26, 12, 0), BOKMAAL)
    assert "ADVARSEL: Dette er en signert kopi av versjon 1" in text and "versjon 2" in text
    assert "til_signering/" in text
    plain = signed_receipt(SignedResult("arkivert", ["s.pdf"], identity, "2026/17", 2, kind="skannet", method="QR-koden"),
                           datetime(2026, 11, 26, 12, 0), BOKMAAL)
    assert "ADVARSEL" not in plain and "mangler signatur" in plain
