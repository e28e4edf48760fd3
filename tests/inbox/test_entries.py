"""Looking at and reading an inbox entry without following it (no LibreOffice: fast)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from pipeline.inbox.entries import NotAFile, entry_kind, snapshot


def test_an_ordinary_file_is_copied_through_its_descriptor_and_hashed_on_the_way(tmp_path: Path) -> None:
    inbox, folder = tmp_path / "inbox", tmp_path / "tmp"
    inbox.mkdir(), folder.mkdir()
    data = os.urandom(3 << 20)
    (inbox / "liste.csv").write_bytes(data)
    copy, sha = snapshot(inbox / "liste.csv", folder)
    assert copy == folder / "liste.csv" and copy.read_bytes() == data
    assert sha == hashlib.sha256(data).hexdigest()


def test_links_folders_and_fifos_are_not_read_and_a_fifo_does_not_block(tmp_path: Path) -> None:
    inbox, folder = tmp_path / "inbox", tmp_path / "tmp"
    inbox.mkdir(), folder.mkdir()
    outside = tmp_path / "utenfor.csv"
    outside.write_text("hemmelig", encoding="utf-8")
    (inbox / "lenke.csv").symlink_to(outside)
    (inbox / "mappe.csv").mkdir()
    os.mkfifo(inbox / "rør.csv")  # no writer: opening it without O_NONBLOCK would hang the test
    for name, kind in (("lenke.csv", "symbolsk lenke"), ("mappe.csv", "mappe"), ("rør.csv", "FIFO")):
        with pytest.raises(NotAFile, match=kind):
            snapshot(inbox / name, folder)
    assert list(folder.iterdir()) == []
    with pytest.raises(FileNotFoundError):
        snapshot(inbox / "borte.csv", folder)


def test_a_file_swapped_for_a_link_between_the_check_and_the_read_is_not_followed(tmp_path: Path) -> None:
    """The check sees an ordinary file; the name is then swapped for a link to a file outside
    (the swap itself done here, between the two calls); the read opens without following."""
    inbox, folder = tmp_path / "inbox", tmp_path / "tmp"
    inbox.mkdir(), folder.mkdir()
    outside = tmp_path / "utenfor.csv"
    outside.write_text("hemmelig", encoding="utf-8")
    entry = inbox / "liste.csv"
    entry.write_text("Navn\r\nOla\r\n", encoding="utf-8")
    assert entry_kind(entry) == ""
    entry.unlink()
    entry.symlink_to(outside)
    with pytest.raises(NotAFile, match="symbolsk lenke"):
        snapshot(entry, folder)
    assert list(folder.iterdir()) == []
