"""The inbox pages of a nynorsk workspace, rendered by a real browser: `lang="nn"`, nynorsk
headings, table headers and marks, and the same facts as the bokmål pages."""

from __future__ import annotations

from datetime import timedelta

import pytest

from pipeline.common.config import Config, load_config
from pipeline.pages import refresh
from pipeline.pages.model import today_in_oslo
from pipeline.archive.overview_state import SigningState
from pipeline.reading.places import save_offers
from pipeline.common.workspace import Workspace
from tests.pages.build import add_case
from tests.pages.chromium import dump_dom
from tests.pages.dom import Dom
from tests.pages.test_pages_browser import offer
from tests.domain.test_texts import BOKMAAL_ONLY, nynorsk

pytestmark = pytest.mark.slow  # Chromium


@pytest.fixture
def nn_pages(workspace: Workspace) -> Config:
    nynorsk(workspace)
    config = load_config(workspace)
    today = today_in_oslo()
    waiting = {"praksisavtale": SigningState(1, True, ()), "taushetsloefte": SigningState(1, True, ())}
    add_case(config, 1, "Bekreftet", "Bøgata skule", today - timedelta(days=5), today + timedelta(days=90),
             "Anna Forseinka", waiting, krav_politiattest=True, oppstartsmoete=(today + timedelta(days=10)).isoformat())
    add_case(config, 2, "Startet", "Eksempel sjukeheim", today - timedelta(days=60), today + timedelta(days=60),
             "Mona Midtveg", {"praksisavtale": SigningState(1, False, ())},
             midtveisevaluering=(today - timedelta(days=3)).isoformat())
    save_offers(config, [offer("Bøgata skule", 3)])
    refresh(config)
    return config


def test_the_overview_of_a_nynorsk_workspace_is_in_nynorsk(nn_pages: Config):
    dom = Dom(dump_dom(nn_pages.inbox / "oversikt.html"))
    text = dom.all_text
    assert dom.lang == "nn"
    assert dom.headings[0] == "Praksisplassar – oversikt for Eksempel kommune"
    assert {"Opne saker etter eining", "Møte dei neste 30 dagane", "Ledige plassar", "Sist behandla filer"} <= set(dom.headings)
    for phrase in ("2 opne saker", "2 dokument ventar på signert kopi", "ting manglar", "forfalle",
                   "Sak Praktikant Status Tiltak Periode Dokument Manglar", "signert praksisavtale (v1) FORFALLE",
                   "signert fråsegn om teieplikt og gjennomgang av etiske retningsliner (v1)",
                   "(ventar på signatur)", "(signert)", "dato for politiattest (krevst før start",
                   "er passert, og saka er ikkje oppdatert sidan FORFALLE", "Oppstartsmøte 2026/1",
                   "Plassar per eining: tilbodne, tekne (Bekreftet eller Startet i perioden) og ledige",
                   "Ingen filer er behandla enno.", "Ho inneheld personopplysningar (namn): ikkje del henne utanfor HR."):
        assert phrase in text, phrase
    assert not BOKMAAL_ONLY.findall(text.replace("Bekreftet", "").replace("Startet", "")), BOKMAAL_ONLY.findall(text)


def test_the_public_page_of_a_nynorsk_workspace_is_in_nynorsk(nn_pages: Config):
    dom = Dom(dump_dom(nn_pages.inbox / "ledige_plasser.html"))
    text = dom.all_text
    assert dom.lang == "nn"
    assert dom.headings == ["Ledige praksisplassar i Eksempel kommune", "Einingar med ledig plass"]
    assert "Einingane nedanfor har ledig praksisplass no eller i perioden som er oppgitt." in text
    assert "Eining Ledige Periode Arbeidsoppgåver Krav Kontakt" in text and "Løpande" in text
    assert "Anna" not in text
