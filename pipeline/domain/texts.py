"""HR-facing texts in the workspace's målform (`[virksomhet] maalform`), through gettext.

Bokmål is the source language: every msgid is the bokmål text as praksis has always written
it, so a bokmål workspace needs no catalogue (`gettext.NullTranslations` gives the msgid
back) and its output is the same, byte for byte. Nynorsk comes from the compiled catalogue
`pipeline/locale/nn/LC_MESSAGES/praksis.mo` (made from `praksis.po` by `make i18n`, which runs
Babel's extract → update → compile; see docs/spraak.md).

Two ways to write a text, both found by `pybabel extract` (its default keywords `_` and `N_`):

- `_("Fil:        {fil}", fil=name)` where the reader's målform is known: `_` is the
  workspace's `Texts` (`_ = config.texts`), which translates and fills in the placeholders.
- `N_("Datoen finnes ikke i kalenderen. Sjekk dag og måned.")` deep in code that has no
  configuration (converters, rules, readers): a `Message`, a `str` whose value is the bokmål
  text (so code that never translates shows what it always did), which keeps its msgid and
  placeholders; the code that writes it for a person translates it (`texts.render`), the
  placeholders that are `Message`s too included.

Placeholders are named (`{navn}`, with `str.format`), so a translation may put them in another
order; a text without placeholders is never formatted (braces in it are plain text).
"""

from __future__ import annotations

import gettext
from pathlib import Path
from typing import Any, Literal

DOMAIN = "praksis"
LOCALE_DIR = Path(__file__).parents[1] / "locale"
Maalform = Literal["bokmaal", "nynorsk"]
LANGUAGE: dict[str, str] = {"bokmaal": "nb", "nynorsk": "nn"}
"""The gettext language of each målform; bokmål (the source language) has no catalogue."""


class CatalogueMissing(LookupError):
    """The compiled catalogue of a målform is not there (the configuration turns it into a
    ConfigError: this module sits below the errors, so that everything can mark its texts)."""


class Message(str):
    """A text with its msgid and placeholders kept for translation; its value is the bokmål text."""

    msgid: str
    params: dict[str, Any]

    def __new__(cls, msgid: str, params: dict[str, Any] | None = None) -> Message:
        text = msgid.format(**params) if params else msgid
        message = super().__new__(cls, text)
        message.msgid = msgid
        message.params = params or {}
        return message

    def __getnewargs__(self) -> tuple[str, dict[str, Any]]:  # type: ignore[override]
        return self.msgid, self.params  # pickle and copy make it again from these


def N_(msgid: str, /, **params: Any) -> Message:  # noqa: N802 (gettext's name for a marked, deferred text)
    """A text to be translated later, where it is shown (see the module docstring)."""
    return Message(msgid, params)


class Texts:
    """The workspace's målform: `texts("…{x}…", x=…)` translates and fills in, `texts.render`
    translates a `Message` (anything else is returned as it is). Built once per configuration
    (`Config.texts`) and passed to the code that writes for people."""

    def __init__(self, maalform: Maalform, translation: gettext.NullTranslations) -> None:
        self.maalform = maalform
        self.language = LANGUAGE[maalform]
        self._gettext = translation.gettext
        self._source = type(translation) is gettext.NullTranslations

    @classmethod
    def load(cls, maalform: Maalform) -> Texts:
        """Bokmål: no catalogue. Nynorsk: its compiled catalogue, which must be there (a missing
        one would silently give bokmål texts to a nynorsk municipality). `maalform` may be the
        config's `record.Maalform` (a str enum, whose hash is not its value's): its value is used."""
        maalform = getattr(maalform, "value", maalform)
        if maalform == "bokmaal":
            return cls(maalform, gettext.NullTranslations())
        try:
            translation = gettext.translation(DOMAIN, LOCALE_DIR, languages=[LANGUAGE[maalform]])
        except OSError:
            raise CatalogueMissing(
                f"Fant ikke den kompilerte {maalform}-katalogen ({LOCALE_DIR}/{LANGUAGE[maalform]}/LC_MESSAGES/"
                f"{DOMAIN}.mo). Kjør «make i18n» i praksis-mappen, eller sett maalform = \"bokmaal\"."
            ) from None
        return cls(maalform, translation)

    def __call__(self, msgid: str, /, **params: Any) -> str:
        text = self._gettext(msgid)
        if not params:
            return text
        return text.format(**{k: self.render(v) if isinstance(v, Message) else v for k, v in params.items()})

    def render(self, text: Any) -> str:
        """`text` in this målform: a `Message` translated, any other value as its own text."""
        if isinstance(text, Message):
            if self._source:
                return str.__str__(text)  # bokmål: the text it already is
            return self(text.msgid, **text.params)
        return text if isinstance(text, str) else str(text)

    def render_all(self, texts: list[str]) -> list[str]:
        return [self.render(text) for text in texts]
