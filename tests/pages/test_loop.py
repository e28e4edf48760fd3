"""HR's whole loop with the real watcher: a sheet dropped → its PDFs appear in til_signering/
and on the page → a scan of one signed agreement dropped in signert/ → that PDF leaves the
folder and the page no longer lists it as missing (checked in headless Chromium)."""

from __future__ import annotations

import pytest

from pipeline.common.workspace import Workspace
from tests.conftest import fnr_for, good_row
from tests.inbox.conftest import FAST, inbox_settings, wait_for, watching
from tests.inbox.test_watcher import csv_bytes, drop
from tests.pages.chromium import dump_dom
from tests.pages.dom import Dom, file_links
from tests.signed.scans import scan

pytestmark = pytest.mark.slow  # LibreOffice, a scan through Ghostscript, Chromium

BEKREFTET = {"status": "Bekreftet", "praksisenhet.adresse": "Bøgata 1, 0655 Oslo",
             "praksisenhet.leder.navn": "Leder Lie", "praksisveileder.navn": "Veileder Vik",
             "praksisbestiller.virksomhet": "NAV Gamle Oslo", "praksisbestiller.kontaktperson": "Kari Kontakt",
             "timer_per_uke": "30", "arbeidsoppgaver": "Rydde", "praktikant.navn": "Sigrid Løkken"}


def test_til_signering_through_the_whole_loop(warm_pool, workspace: Workspace, tmp_path):
    config = inbox_settings(workspace, **FAST, vent_sekunder=0.5)
    inbox = workspace.inbox
    folder = inbox / "til_signering"
    page = inbox / "oversikt.html"
    with watching(config, warm_pool) as watcher:
        drop(inbox, "liste.csv", csv_bytes([good_row(id="LOOP-1", **BEKREFTET)]))
        wait_for(lambda: watcher.results, timeout=60, what="the sheet")
        case = watcher.results[0].cases[0]
        stem = case.replace("/", "-")
        agreement, pledge = folder / f"{stem}_praksisavtale_v1.pdf", folder / f"{stem}_taushetsloefte_v1.pdf"
        wait_for(lambda: agreement.is_file() and pledge.is_file(), what="the PDFs in til_signering/")
        archived = workspace.archive / case.split("/")[0] / f"{case.split('/')[0]}-{int(case.split('/')[1]):05d}"
        assert agreement.read_bytes() == (archived / "001-praksisavtale" / "v1" / "praksisavtale.pdf").read_bytes()

        before = Dom(dump_dom(page))
        assert "Sigrid Løkken" in before.all_text
        assert fnr_for(10, 10, 1990) not in page.read_text(encoding="utf-8")  # the name, never the fødselsnummer
        assert "signert praksisavtale (v1)" in before.all_text
        linked = file_links(before, page)
        assert agreement in linked and pledge in linked
        assert all(p.is_file() for p in linked)

        # HR print the agreement from til_signering/, get it signed, scan it and drop the scan in signert/
        scanned = scan(agreement, tmp_path / "skannet avtale.pdf")
        drop(inbox / "signert", "skannet avtale.pdf", scanned.read_bytes())
        wait_for(lambda: watcher.signed_results, timeout=90, what="the signed scan")
        assert watcher.signed_results[0].outcome == "arkivert"
        wait_for(lambda: not agreement.exists(), what="the signed agreement to leave til_signering/")
    assert pledge.is_file()  # still waiting
    after = Dom(dump_dom(page))
    assert "signert praksisavtale (v1)" not in after.all_text
    assert "signert taushetsløfte og gjennomgang av etiske retningslinjer (v1)" in after.all_text
    assert agreement not in file_links(after, page)
    assert all(p.is_file() for p in file_links(after, page))
    # its receipt under «Sist behandlede filer», the link percent-encoded
    assert "signert/behandlet/skannet%20avtale.pdf.kvittering.txt" in [href for href, _ in after.links]


def test_a_free_places_sheet_dropped_under_the_watcher_updates_both_pages(warm_pool, workspace: Workspace):
    from tests.conftest import EXAMPLES
    config = inbox_settings(workspace, **FAST)
    inbox = workspace.inbox
    with watching(config, warm_pool) as watcher:
        drop(inbox, "ledige_plasser.csv", (EXAMPLES / "ledige_plasser.csv").read_bytes())
        wait_for(lambda: watcher.results, timeout=30, what="the free-places sheet")
        result = watcher.results[0]
        assert result.outcome == "behandlet" and "5 enhet(er) med ledige plasser" in result.log_line()
        wait_for(lambda: "Eksempel sykehjem" in (inbox / "ledige_plasser.html").read_text(encoding="utf-8"),
                 what="the public page")
    public = Dom(dump_dom(inbox / "ledige_plasser.html")).all_text
    assert "Eksempel sykehjem Omsorgsveien 5, 0002 Eksempelby 4 fra 01.01.2026" in public  # none taken: 4 free
    overview = Dom(dump_dom(inbox / "oversikt.html"))
    assert "Eksempel sykehjem Omsorgsveien 5, 0002 Eksempelby 4 0 4" in overview.all_text
    assert "behandlet/ledige_plasser.csv.kvittering.txt" in [href for href, _ in overview.links]
