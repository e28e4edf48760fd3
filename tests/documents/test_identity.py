import pytest

from pipeline.documents.identity import DocumentIdentity, qr_png


def test_case_identity_round_trips() -> None:
    identity = DocumentIdentity("praksisavtale", 2, "2026/123")
    assert identity.id == "2026/123:praksisavtale:v2"
    assert identity.code == "praksis:2026/123:praksisavtale:v2"
    assert DocumentIdentity.parse(identity.code) == identity
    assert DocumentIdentity.parse(identity.id) == identity
    assert not identity.utkast


def test_draft_identity() -> None:
    identity = DocumentIdentity("praksisbevis", 1, None, "PB 2026/001")
    assert identity.utkast
    assert identity.code == "praksis:utkast-PB-2026-001:praksisbevis:v1"
    assert DocumentIdentity.parse(identity.code).utkast_for == "PB-2026-001"


@pytest.mark.parametrize("text", ["", "praksis:2026/1", "annet:2026/1:praksisavtale:v1", "praksis:2026/1:Avtale:v1"])
def test_other_texts_are_not_identities(text: str) -> None:
    assert DocumentIdentity.parse(text) is None


def test_qr_png_has_no_transparency() -> None:
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(qr_png("praksis:2026/1:praksisavtale:v1")))
    assert image.mode in ("1", "L", "P", "RGB")
    assert "transparency" not in image.info
