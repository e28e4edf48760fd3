"""Reading Chromium's DOM dump in the tests (the standard library's HTML parser)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class Dom(HTMLParser):
    """Links, the text of every element with a class, and all visible text."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []  # (href, text)
        self.text: list[str] = []
        self.lang: str | None = None
        self.headings: list[str] = []
        self.th_scopes: list[str | None] = []
        self._href: str | None = None
        self._link_text: list[str] = []
        self._heading = False
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang")
        if tag == "a":
            self._href, self._link_text = values.get("href"), []
        if tag in ("h1", "h2", "h3"):
            self._heading = True
            self.headings.append("")
        if tag == "th":
            self.th_scopes.append(values.get("scope"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            self.links.append((self._href, "".join(self._link_text)))
            self._href = None
        if tag in ("h1", "h2", "h3"):
            self._heading = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._href is not None:
            self._link_text.append(data)
        if self._heading:
            self.headings[-1] += data

    @property
    def all_text(self) -> str:
        """Every text node, separated by one space (table cells and list items apart)."""
        return " ".join(" ".join(self.text).split())


def file_links(dom: Dom, page: Path) -> list[Path]:
    """Every link that is not a fragment or mailto:, resolved against the page's folder."""
    found = []
    for href, _text in dom.links:
        parts = urlsplit(href)
        if parts.scheme in ("mailto",) or (not parts.path and parts.fragment):
            continue
        assert not parts.scheme or parts.scheme == "file", href  # nothing external
        found.append(page.parent / unquote(parts.path))
    return found
