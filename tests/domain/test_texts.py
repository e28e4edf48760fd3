"""The HR-facing texts and their catalogues: every message praksis can write has a nynorsk
translation (none missing, none fuzzy), with the same placeholders; the compiled catalogue is
the one in the .po; bokmål needs none and stays the source text; the validator writes its
messages in the workspace's målform."""

from __future__ import annotations

import gettext
import pickle
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

import pipeline
from pipeline.common.config import load_config
from pipeline.common.errors import ConfigError
from pipeline.domain.texts import LOCALE_DIR, CatalogueMissing, N_, Message, Texts
from pipeline.validation.validator import Validator
from pipeline.common.workspace import PACKAGE_ROOT, Workspace
from tests.conftest import good_row

PO = LOCALE_DIR / "nn" / "LC_MESSAGES" / "praksis.po"
PLACEHOLDER = re.compile(r"\{(\w+)((?:![rsa])?(?::[^{}]*)?)\}")
KEPT = ("([grenser] ", "SHA-256 ", "dokument-id ", "til_signering/", "kolonner.toml", "«CSV UTF-8»")
"""Words other code or people look for in the texts (limits, receipts found by checksum, the
review note `praksis mangler` reads, folder and file names): every målform keeps them."""


def extracted() -> dict[str, list[str]]:
    """msgid → where it is, by Babel's own extraction of the package with babel.cfg (as `make i18n`)."""
    with (PACKAGE_ROOT / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found: dict[str, list[str]] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(PACKAGE_ROOT, method_map, options_map):
        assert isinstance(message, str), f"{filename}:{lineno}: plural or empty message {message!r}"
        found.setdefault(message, []).append(f"{filename}:{lineno}")
    return found


@pytest.fixture(scope="module")
def catalogue():
    with PO.open("rb") as handle:
        return read_po(handle)


def test_every_message_has_a_nynorsk_translation_that_is_not_fuzzy(catalogue):
    messages = extracted()
    assert len(messages) > 300
    missing = [f"{msgid!r} ({where[0]})" for msgid, where in messages.items()
               if msgid not in catalogue or not catalogue[msgid].string]
    fuzzy = [msgid for msgid in messages if msgid in catalogue and catalogue[msgid].fuzzy]
    assert not missing, "no nynorsk translation (run «make i18n» and translate):\n" + "\n".join(missing)
    assert not fuzzy, "fuzzy (changed in the code: check the translation):\n" + "\n".join(fuzzy)
    stale = [m.id for m in catalogue if m.id and m.id not in messages]
    assert not stale, f"in the catalogue but no longer in the code (run «make i18n»): {stale}"


def test_translations_keep_the_placeholders_and_the_words_others_look_for(catalogue):
    for message in catalogue:
        if not message.id:
            continue
        source, translation = message.id, message.string
        assert set(PLACEHOLDER.findall(translation)) == set(PLACEHOLDER.findall(source)), source
        assert translation[:1].isspace() == source[:1].isspace() and translation[-1:].isspace() == source[-1:].isspace(), source
        for word in KEPT:
            assert (word in source) == (word in translation), f"{word!r} in {source!r}"


BOKMAAL_ONLY = re.compile(r"\b(ikke|fra|være|hva|hvordan|hvorfor|hvor|hver|disse|mottatt|ble|uten|mangler|kreves|noe|"
                          r"nå|dem|deres|også|lest|laget|lagret|endret|behandlet|filen|mappen|saken|raden|listen|"
                          r"tegn|verdier|kolonner|plasser|enhet|enheter|flere|hele|bare|mer|høyst|fortsatt|allerede)\b",
                          re.IGNORECASE)


def test_the_nynorsk_texts_use_no_bokmaal_only_words(catalogue):
    """Data and names stay as they are (quoted «…» values, placeholders, command and file
    names, the column headers HR type); the words around them are nynorsk."""
    offenders = []
    for message in catalogue:
        if not message.id:
            continue
        text = re.sub(r"«[^»]*»|\{[^}]*\}|praksis \w+|\[grenser\] \w+|\"[^\"]*\"|[\w/]+\.(?:toml|html|txt)", "",
                      message.string)
        found = BOKMAAL_ONLY.findall(text)
        if found:
            offenders.append(f"{message.string!r}: {found}")
    assert not offenders, "\n".join(offenders)


def test_the_compiled_catalogue_is_the_po(catalogue):
    """A .po changed without «make i18n» (or `pybabel compile`) would not reach anyone."""
    mo = gettext.translation("praksis", LOCALE_DIR, languages=["nn"])
    stale = [m.id for m in catalogue if m.id and mo.gettext(m.id) != m.string]
    assert not stale, f"the .mo is older than the .po (run «make i18n»): {stale[:5]}"


def test_every_marked_text_in_the_source_is_extracted():
    """A `_("…")` inside an f-string is invisible to pybabel: it would never be translated.
    Every literal marked in the source must begin some extracted message."""
    messages = list(extracted())
    literal = re.compile(r"(?<![\w.])N?_\(\s*(?:\"((?:[^\"\\]|\\.)*)\"|'((?:[^'\\]|\\.)*)')")
    hidden = []
    for path in sorted(Path(pipeline.__file__).parent.rglob("*.py")):
        for match in literal.finditer(path.read_text(encoding="utf-8")):
            raw = match.group(1) if match.group(1) is not None else match.group(2)
            start = raw.encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
            if not any(m.startswith(start) for m in messages):
                hidden.append(f"{path.name}: {start!r}")
    assert not hidden, "marked but not extracted (inside an f-string?):\n" + "\n".join(hidden)


def test_bokmaal_is_the_source_text_and_needs_no_catalogue():
    bokmaal = Texts.load("bokmaal")
    message = N_("{felt} mangler. Feltet må alltid fylles ut.", felt=N_("Praktikantens navn"))
    assert message == "Praktikantens navn mangler. Feltet må alltid fylles ut."  # a str: code that never translates
    assert bokmaal.render(message) == message and bokmaal("Fil:        {fil}", fil="a.csv") == "Fil:        a.csv"
    assert not (LOCALE_DIR / "nb").exists()
    nynorsk = Texts.load("nynorsk")
    assert nynorsk.render(message) == "Namnet til praktikanten manglar. Feltet må alltid fyllast ut."
    assert nynorsk.render("ikke et Message") == "ikke et Message"  # text already written stays as it is
    again = pickle.loads(pickle.dumps(message))
    assert isinstance(again, Message) and nynorsk.render(again) == nynorsk.render(message)


def test_a_missing_nynorsk_catalogue_is_a_configuration_error(monkeypatch, tmp_path, workspace):
    monkeypatch.setattr("pipeline.domain.texts.LOCALE_DIR", tmp_path)
    with pytest.raises(CatalogueMissing, match="make i18n"):
        Texts.load("nynorsk")
    nynorsk(workspace)
    with pytest.raises(ConfigError, match="make i18n"):  # exit 2 with what to do, not a traceback
        load_config(workspace).texts


def nynorsk(workspace: Workspace) -> None:
    text = workspace.config_file.read_text(encoding="utf-8")
    text, n = re.subn(r'(?m)^maalform = "bokm(?:aa|å)l"', 'maalform = "nynorsk"', text)
    assert n == 1
    workspace.config_file.write_text(text, encoding="utf-8")


def sheet(path: Path) -> Path:
    rows = [good_row(id="A-1"), good_row(id="A-2", sluttdato="01.01.2020", **{"praktikant.epost": "ikke-en-adresse"}),
            good_row(id="A-3", tiltak="Sommerjobb")]
    headers = list(dict.fromkeys(k for row in rows for k in row))
    path.write_text("\n".join([";".join(headers)] + [";".join(row.get(h, "") for h in headers) for row in rows]) + "\n",
                    encoding="utf-8")
    return path


def test_the_validator_writes_its_messages_in_the_workspaces_maalform(workspace, tmp_path):
    file = sheet(tmp_path / "liste.csv")
    bokmaal = Validator(load_config(workspace)).validate_file(file)
    nynorsk(workspace)
    nn = Validator(load_config(workspace)).validate_file(file)
    assert [(e.plassering, e.kolonne, e.verdi) for e in bokmaal.errors] == [(e.plassering, e.kolonne, e.verdi) for e in nn.errors]
    bokmaal_text = "\n".join(e.melding for e in bokmaal.errors)
    nn_text = "\n".join(e.melding for e in nn.errors)
    assert "Sluttdato (01.01.2020) er før startdato (01.03.2026)." in bokmaal_text
    assert "Sluttdatoen (01.01.2020) er før startdatoen (01.03.2026)." in nn_text
    assert "E-postadressa ser ikkje rett ut (venta namn@domene.no)." in nn_text
    assert "Ukjent tiltak. Bruk eitt av desse: Arbeidstrening" in nn_text
    assert not BOKMAAL_ONLY.findall(re.sub(r"«[^»]*»", "", nn_text))
