"""oversikt.html and ledige_plasser.html as headless Chromium renders them from file://:
the open cases, what they lack, the overdue marks, the meetings, the free places, links
that resolve to files, escaped values, and no personal data on the public page."""

from __future__ import annotations

from datetime import timedelta

import pytest

from pipeline.common.config import Config
from pipeline.pages import refresh
from pipeline.pages.model import today_in_oslo
from pipeline.archive.overview_state import SigningState
from pipeline.reading.places import Offer, save_offers
from tests.pages.build import add_case
from tests.pages.chromium import dump_dom
from tests.pages.dom import Dom, file_links

pytestmark = pytest.mark.slow  # Chromium


def offer(enhet: str, antall: int, **changes: object) -> Offer:
    values: dict[str, object] = dict(enhet=enhet, antall=antall, arbeidsoppgaver=["Lese for barna", "Rydde"],
                                     krever_politiattest=True, krever_mrsa=False, kontakt="Resepsjonen",
                                     kontakt_epost="post.bogata@example.com", kontakt_telefon="22000000",
                                     adresse="Bøgata 1", gyldig_fra=None, gyldig_til=None)
    values.update(changes)
    return Offer(**values)  # type: ignore[arg-type]


@pytest.fixture
def pages(config: Config) -> Config:
    today = today_in_oslo()
    waiting = {"praksisavtale": SigningState(1, True, ()), "taushetsloefte": SigningState(1, True, ())}
    add_case(config, 1, "Bekreftet", "Bøgata skole", today - timedelta(days=5), today + timedelta(days=90),
             "Anna Forsinket", waiting, krav_politiattest=True)
    add_case(config, 2, "Bekreftet", "Bøgata skole", today + timedelta(days=30), today + timedelta(days=120),
             "<b>Ola & Co</b>", waiting, krav_politiattest=True, oppstartsmoete=(today + timedelta(days=10)).isoformat())
    add_case(config, 3, "Startet", "Eksempel sykehjem", today - timedelta(days=60), today + timedelta(days=60),
             "Mona Midtvei", {"praksisavtale": SigningState(1, False, ()), "oppfoelgingsplan": SigningState(1, False, ())},
             midtveisevaluering=(today - timedelta(days=3)).isoformat(),
             avslutningsmoete=(today + timedelta(days=29)).isoformat())
    add_case(config, 4, "Avsluttet", "Bøgata skole", today - timedelta(days=200), today - timedelta(days=10),
             "Per Ferdig", {"praksisavtale": SigningState(1, True, ())})
    add_case(config, 5, "Startet", "Eksempel sykehjem", today - timedelta(days=20), today + timedelta(days=20),
             "Siri Erstattet", {"praksisavtale": SigningState(2, True, ((3, 1),))})
    save_offers(config, [offer("Bøgata skole", 3), offer("Eksempel sykehjem", 2, krever_politiattest=False,
                                                         arbeidsoppgaver=[], gyldig_til="2020-12-31")])
    refresh(config)
    return config


def test_the_overview_shows_open_cases_what_they_lack_and_what_is_overdue(pages: Config):
    page = pages.inbox / "oversikt.html"
    dom = Dom(dump_dom(page))
    text = dom.all_text
    assert dom.lang == "nb"
    assert dom.headings[0].startswith("Praksisplasser – oversikt")
    assert {"Åpne saker etter enhet", "Møter de neste 30 dagene", "Ledige plasser", "Sist behandlede filer"} <= set(dom.headings)
    assert all(scope in ("col", "row") for scope in dom.th_scopes)
    assert "Åpne saker ved Bøgata skole (2), etter status" in text  # a count that reads for 1 too
    assert "Avsluttede saker med dokumenter som venter på signert kopi (1)" in text
    # open cases by unit; the closed one only in its own section, for its agreement still in til_signering/
    closed_at = text.index("Avsluttede saker som venter på signert kopi", text.index("Avsluttede saker som venter") + 40)
    open_part, closed_part = text[:closed_at], text[closed_at:text.index("Møter de neste 30 dagene", closed_at)]
    for name in ("Anna Forsinket", "<b>Ola & Co</b>", "Mona Midtvei", "Siri Erstattet"):
        assert name in open_part
    assert "Per Ferdig" not in open_part and "2026/4" not in open_part
    assert "2026/4 Per Ferdig Avsluttet" in closed_part and "signert praksisavtale (v1)" in closed_part
    assert "signert praksisavtale (v1) FORFALT" in closed_part  # unsigned long after its start
    waiting_files = sorted(p.name for p in (pages.inbox / "til_signering").glob("*.pdf"))
    assert f"{len(waiting_files)} dokumenter venter på signert kopi" in text  # the summary counts every file there
    assert "<b>" not in page.read_text(encoding="utf-8")  # escaped, not markup
    # what each lacks, with the overdue marks
    assert "signert praksisavtale (v1) FORFALT" in text  # 2026/1: unsigned after the start
    assert "dato for politiattest (kreves før start" in text
    row1 = text[text.index("2026/1 Anna"):text.index("2026/2 ")]
    assert row1.count("FORFALT") == 3  # agreement, pledge, politiattest (5 days after the start)
    row2 = text[text.index("2026/2 "):text.index("Eksempel sykehjem")]
    assert "FORFALT" not in row2 and "signert praksisavtale (v1)" in row2  # 30 days to the start: not yet
    assert "midtveisevaluering" in text and "er passert, og saken er ikke oppdatert siden FORFALT" in text
    # a signed copy of a replaced version: filed, with a warning
    assert "en signert kopi av praksisavtale versjon 1 er arkivert (som versjon 3)" in text
    assert "Versjon 2 venter fortsatt på signatur" in text
    # meetings in the next 30 days
    meetings = text[text.index("Møter de neste 30 dagene", text.index("Møter de neste 30 dagene") + 30):]
    assert "Oppstartsmøte 2026/2" in meetings and "Avslutningsmøte 2026/3" in meetings
    # free places: offered, taken (Bekreftet/Startet in the period) and free
    assert "Bøgata skole Bøgata 1 3 2 1" in text  # two placements at Bekreftet overlap the open-ended offer
    assert "Eksempel sykehjem 2" not in text[text.index("Ledige plasser Plasser per enhet"):]  # offer ran out
    # every link resolves to a file that exists; the missing signatures link into til_signering/
    links = file_links(dom, page)
    assert links and all(p.is_file() for p in links)
    assert pages.inbox / "til_signering" / "2026-1_praksisavtale_v1.pdf" in links
    assert pages.inbox / "til_signering" / "2026-5_praksisavtale_v2.pdf" in links
    assert pages.inbox / "til_signering" / "2026-4_praksisavtale_v1.pdf" in links


def test_the_public_page_has_free_places_and_no_personal_data(pages: Config):
    page = pages.inbox / "ledige_plasser.html"
    dom = Dom(dump_dom(page))
    text = dom.all_text
    assert dom.lang == "nb"
    assert "Bøgata skole" in text and "Lese for barna" in text and "politiattest" in text
    assert "Resepsjonen" in text and "post.bogata@example.com" in text
    assert "Eksempel sykehjem" not in text  # its offer has run out
    for private in ("Anna", "Ola", "Mona", "Siri", "Per Ferdig", "2026/", "til_signering", "FORFALT"):
        assert private not in text
    assert [href for href, _ in dom.links] == ["mailto:post.bogata@example.com"]
