"""Nynorsk documents: the choice (config and per placement), every tiltak × document rendered in
nynorsk with its legal points, and no bokmål-only word in what the templates and the renderer write."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from pipeline.common.config import load_config, maalform_of
from pipeline.common.errors import ConfigError
from pipeline.documents.identity import DocumentIdentity
from pipeline.domain.normalize import ValueProblem, maalform_text
from pipeline.documents.planning import due_documents
from pipeline.domain.record import Maalform, Praksisplass, Status, Tiltak
from pipeline.documents.render import Renderer
from pipeline.domain.synthetic import sample_record
from pipeline.validation.validator import Validator
from pipeline.domain.vilkaar import weekly_hours
from tests.conftest import EXAMPLES
from tests.documents.test_render import docx_text, record

BOKMAAL_ONLY = frozenset("""
ikke fra være vært disse hvis noen noe mye hva hvordan hvem hver hvert hvilke hvilken hvor jeg bare ble
gjøre gjør sier selv egen eget egne deres uten samme mens hverandre enhet enheten enhetens leder lederen
lederens ledere veileder veilederen veiledere praksisveileder praksisveilederen veiledning arbeidsgiver
arbeidsgiveren arbeidsgiverens arbeidstaker arbeidstakeren arbeidstakere arbeidstakerens oppgaver oppgavene
arbeidsoppgaver arbeidsoppgavene ansettelse ansettelsen ansettelsesforhold ansettelsesforholdet ansatt ansatte
ansettes lønn lønnen lønnstilskudd tilskudd tilskuddet opplysninger opplysningene taushetsplikt
taushetsplikten taushetsløfte taushetsløftet taushet gjelder følger uke uker måned måneder måneden månedene
dager sykmelding sykmeldte sykefravær fravær retningslinjer retningslinjene hemmelig meldes fastsettes
gjennomgås vurderes dokumenteres arkiveres utbetales endres sendes straffes holdes fylles tas betales
avtales regnes lages følges signeres tildeles utstedes midlertidig oppsigelse oppsigelsen oppsigelsesfristen
praksisenhet praksisenheten praksisbestiller praksisbestilleren nåværende mottakende navn sted
""".split())
"""Words that are bokmål and wrong in nynorsk (nynorsk: ikkje, frå, vere, vore, desse, viss/dersom, nokon,
noko, mykje, kva, korleis, kven, kvar, kvart, eg, berre, vart, gjere, gjer, seier, sjølv, eigen, eige, eigne,
utan, same, medan, kvarandre, eining, leiar, rettleiar, arbeidsgivar, arbeidstakar, oppgåver, tilsetjing,
tilsett, løn, tilskot, opplysningar, teieplikt, gjeld, følgjer, veke, månad, dagar, sjukmelding, fråvær,
retningsliner, hemmeleg, the passive «blir …»/«skal …ast», mellombels, oppseiing, noverande, mottakande,
namn, stad). Words that are right in both («eller», «også», «etter», «mellom», «meg», «nå») are not here."""

BOKMAAL_ENDINGS = re.compile(r"\b\w+(?:loven|lovens|lig|lige|het|heten|hetene)\b", re.IGNORECASE)
"""Law names in the bokmål definite form (nynorsk: -lova), adjectives in -lig (nynorsk: -leg) and
nouns in -het (nynorsk: -heit)."""

TODAY = date(2026, 1, 5)


def bokmaal_words(text: str) -> list[str]:
    words = {w.lower() for w in re.findall(r"\w+", text)}
    return sorted((words & BOKMAAL_ONLY) | {m.group(0).lower() for m in BOKMAAL_ENDINGS.finditer(text)})


def _strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return [value] if isinstance(value, str) else []


def without_data(text: str, rec: Praksisplass) -> str:
    """The text without what HR typed (names, tasks, the politiattest's legal basis …): those are
    the placement's own words, in whatever written standard they were typed."""
    text = text.replace("\u00a0", " ")
    for value in sorted(_strings(rec.model_dump(mode="json")), key=len, reverse=True):
        text = text.replace(value.replace("\u00a0", " "), " ")
    return text


def nynorsk(rec: Praksisplass) -> Praksisplass:
    return rec.model_copy(update={"maalform": Maalform.NYNORSK})


def render(config, rec: Praksisplass, name: str, saksnummer: str | None = "2026/7") -> str:
    data = Renderer(config).render(rec, name, DocumentIdentity(name, 1, saksnummer, rec.id), today=TODAY)
    return docx_text(data)


# --- the choice ------------------------------------------------------------------------------

@pytest.mark.parametrize("typed, expected", [
    ("bokmål", Maalform.BOKMAAL), ("Bokmål", Maalform.BOKMAAL), ("BOKMAL", Maalform.BOKMAAL),
    ("bokmaal", Maalform.BOKMAAL), ("nb", Maalform.BOKMAAL), ("NB", Maalform.BOKMAAL),
    ("nynorsk", Maalform.NYNORSK), ("Nynorsk", Maalform.NYNORSK), (" NN ", Maalform.NYNORSK),
    ("nn-NO", Maalform.NYNORSK),
])
def test_maalform_as_people_write_it(typed: str, expected: Maalform) -> None:
    assert maalform_text(typed) is expected


def test_an_unknown_maalform_is_rejected_with_what_to_write(workspace, tmp_path) -> None:
    config = load_config(workspace)
    with pytest.raises(ValueProblem, match="bokmål.*nynorsk"):
        maalform_text("riksmål")
    sheet = tmp_path / "liste.csv"
    sheet.write_text("Id;Tiltak;Status;Navn;Fødselsnummer;Praksisenhet;Startdato;Sluttdato;Målform\n"
                     f"A1;Arbeidspraksis;Ny;Kari Nordmann;{sample_record().praktikant.foedselsnummer};Bøgata skole;"
                     "01.03.2026;30.06.2026;svensk\n"
                     f"A2;Arbeidspraksis;Ny;Kari Nordmann;{sample_record().praktikant.foedselsnummer};Bøgata skole;"
                     "01.03.2026;30.06.2026;NN\n", encoding="utf-8")
    result = Validator(config).validate_file(sheet)
    bad, good = result.records
    [error] = bad.errors
    assert "Målform" in error.kolonne and "svensk" in error.verdi and "«bokmål» eller «nynorsk»" in error.melding
    assert good.record is not None and good.record.maalform is Maalform.NYNORSK


def test_the_workspace_default_and_the_per_placement_override(workspace) -> None:
    config = load_config(workspace)
    assert config.settings.virksomhet.maalform is Maalform.BOKMAAL  # the default, as `praksis init` writes it
    plain, own = sample_record(), nynorsk(sample_record())
    assert maalform_of(plain, config.settings.virksomhet) is Maalform.BOKMAAL
    assert "Eg lovar å" in render(config, own, "taushetsloefte")
    assert "Jeg lover å" in render(config, plain, "taushetsloefte")

    text = workspace.config_file.read_text(encoding="utf-8")
    workspace.config_file.write_text(text.replace('maalform = "bokmål"', 'maalform = "Nynorsk"'), encoding="utf-8")
    config = load_config(workspace)
    assert config.settings.virksomhet.maalform is Maalform.NYNORSK
    assert "Eg lovar å" in render(config, plain, "taushetsloefte")
    back = plain.model_copy(update={"maalform": Maalform.BOKMAAL})  # a placement in bokmål in a nynorsk workspace
    assert "Jeg lover å" in render(config, back, "taushetsloefte")


def test_an_unknown_maalform_in_the_config_is_a_config_error(workspace) -> None:
    text = workspace.config_file.read_text(encoding="utf-8")
    workspace.config_file.write_text(text.replace('maalform = "bokmål"', 'maalform = "høgnorsk"'), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"maalform.*«bokmål» eller «nynorsk»"):
        load_config(workspace)


def test_the_nynorsk_example_file(config) -> None:
    result = Validator(config).validate_file(EXAMPLES / "nynorsk.json")
    assert [list(r.errors) for r in result.records] == [[], [], []]
    assert [r.record.maalform for r in result.records] == [Maalform.NYNORSK, Maalform.NYNORSK, Maalform.BOKMAAL]
    first = result.records[0].record
    assert weekly_hours(first.arbeidstid) == 30  # «Måndag–fredag 08.00–14.00»: nynorsk weekdays are read
    assert "Arbeidstid: Måndag–fredag 08.00–14.00" in render(config, first, "praksisavtale")


# --- every tiltak × document in nynorsk -------------------------------------------------------

def _all_schemes(config) -> list[Praksisplass]:
    result = Validator(config).validate_file(EXAMPLES / "alle_tiltak.json")
    records = [r.record for r in result.records if r.record]
    done = {r.tiltak: r for r in records if r.status is Status.AVSLUTTET and r.fullfoert}
    early = {r.tiltak: r for r in records if r.status is Status.BEKREFTET}
    assert set(done) == set(Tiltak)
    return [nynorsk(r) for r in [*done.values(), *early.values()]]


def test_every_document_of_every_scheme_is_nynorsk(config) -> None:
    rendered = 0
    problems = {}
    for rec in _all_schemes(config):
        for name in due_documents(rec, config.documents):
            text = render(config, rec, name)
            draft = render(config, rec, name, saksnummer=None)
            for kind, content in (("arkivert", text), ("utkast", draft)):
                found = bokmaal_words(without_data(content, rec))
                if found:
                    problems[(rec.tiltak.value, rec.status.value, name, kind)] = found
            assert "None" not in text and rec.praktikant.navn in text
            rendered += 1
    assert problems == {}
    assert rendered >= 20


def test_the_words_the_renderer_adds_are_nynorsk(config) -> None:
    """Roles, meetings, deadlines, requirements and screening come from the renderer, not the template."""
    open_case = nynorsk(record(status=Status.STARTET, midtveisevaluering=None, avslutningsmoete=None, fullfoert=None))
    plan = render(config, open_case, "oppfoelgingsplan")
    assert "Seinast" in plan and "Midtvegsevaluering" in plan and "Senest" not in plan
    closed = nynorsk(record(midtveisevaluering=None))
    assert "Vart ikkje halde" in render(config, closed, "oppfoelgingsplan")
    agreement = render(config, nynorsk(sample_record()), "praksisavtale")
    assert "politiattest etter helse- og omsorgstjenesteloven § 5-4 og eigenerklæring om MRSA og tuberkulose" in agreement
    assert "Unnateke offentlegheit, jf. offl. § 13 jf. fvl. § 13 første ledd nr. 1" in agreement
    assert "For praksiseininga" in agreement and "For NAV" in agreement and "Stad og dato" in agreement
    assert "Timar per veke: 30" in agreement and "5. januar 2026 – 30. mars 2026" in agreement
    contract = render(config, nynorsk(sample_record("trainee")), "arbeidsavtale")
    assert "30 timar per veke" in contract and "For arbeidsgivaren" in contract
    assert "Utkast · ikkje arkivert" in render(config, nynorsk(sample_record()), "praksisbevis", saksnummer=None)


AGREEMENT = {Tiltak.TRAINEE: "arbeidsavtale", Tiltak.INTERN_ARBEIDSTRENING: "intern_avtale"}


@pytest.mark.parametrize("tiltak", list(Tiltak))
def test_the_legal_points_in_nynorsk(config, tiltak: Tiltak) -> None:
    """The same checks as the bokmål documents' (tests/test_render.py::test_scheme_clauses), in nynorsk."""
    name = AGREEMENT.get(tiltak, "praksisavtale")
    text = render(config, nynorsk(record(tiltak=tiltak, **{"praktikant.navn": "Ingrid Olsen"})), name)
    unpaid = "betaler ikkje løn"
    if tiltak is Tiltak.TRAINEE:
        assert unpaid not in text and "praktikant" not in text.lower()
        for element in ("arbeidsmiljølova § 14-6", "§ 14-9 andre ledd bokstav d", "Løna er kr 470 000 per år",
                        "Prøvetida er den første månaden, til og med 4. februar 2026", "§ 15-3 sjuande ledd",
                        "§ 10-9", "§ 10-6", "§ 15-4", "§§ 17-3 og 17-4", "ferielova § 11 nr. 3",
                        "siste vanlege utbetalingsdagen for løn før fråtredinga", "kompetanseutvikling",
                        "Løna blir utbetalt den 12. i kvar månad", "Feriepengane er", "kapittel 15",
                        "Kommunal Landspensjonskasse", "Hovudtariffavtalen", "fem veker ferie etter ferielova",
                        "eigen avtale mellom kommunen og NAV", "utviklingsplan", "10–20 %", "lønstilskot",
                        "Matpausen er 30 minutt"):
            assert element in text, element
    elif tiltak is Tiltak.INTERN_ARBEIDSTRENING:
        assert unpaid not in text and "praksis " not in text and "endrar ikkje tilsetjingsforholdet" in text
        assert "personalmappa" in text and "oppfølgingsplanen for den sjukmelde" in text
        assert "Leiar ved mottakande eining" in text and "Noverande leiar" in text
    else:
        assert unpaid in text and "yrkesskadeforsikringa" in text and "arbeidsmiljølova § 1-6" in text
        assert "grunnbemanninga" in text and "skadeserstatningslova § 2-1" in text
        assert "varsle dei andre partane" in text and "inga plikt til å tilsetje" in text
        assert "Avtalen gjeld berre for denne perioden" in text and "teieplikt" in text
        assert "Fråvær skal meldast til praksisrettleiaren same dag" in text
    if tiltak in (Tiltak.AKTIVITETSPLASS, Tiltak.SPRAAKPRAKSIS, Tiltak.ARBEIDSPRAKSIS):
        assert text.count("tilskot") == 1 and "får ikkje tilskot" in text
    if tiltak is Tiltak.AKTIVITETSPLASS:
        assert "sosialtenestelova § 20." in text  # born 1990: over 30, so § 20, not § 20 a
    if tiltak is Tiltak.ARBEIDSTRENING:
        assert "Yrkesmål: Fagarbeider" in text and "mentortilskot" in text and "NAV har godkjent" in text
    if tiltak is Tiltak.SPRAAKPRAKSIS:
        assert "vaksenopplæringa" in text


@pytest.mark.parametrize("sektor, law", [("helse", "helsepersonellova § 21"), ("barnehage", "barnehagelova § 46"),
                                         ("nav", "NAV-lova § 7"), (None, None)])
def test_the_pledge_names_the_laws_in_nynorsk(config, sektor, law) -> None:
    text = render(config, nynorsk(record(**{"praksisenhet.sektor": sektor})), "taushetsloefte")
    for always in ("Fråsegn om teieplikt", "forvaltningslova § 13", "straffelova §§ 209 og 210",
                   "straffelova § 196", "barnevernstenesta", "Eg lovar å", "etiske retningslinene"):
        assert always in text, always
    if law:
        assert law in text
    else:
        assert "helsepersonellova" not in text and "forvaltningslova § 13." in text


def test_the_word_check_catches_bokmaal(config) -> None:
    """The check itself: it finds the bokmål a bokmål document has, and passes the words right in both."""
    assert bokmaal_words("Praksisen er ikke et ansettelsesforhold etter arbeidsmiljøloven, og er midlertidig.") == [
        "ansettelsesforhold", "arbeidsmiljøloven", "ikke", "midlertidig"]
    assert bokmaal_words("Eg har lese avtalen, og også meg sjølv; eller ikkje.") == []
    text = render(config, sample_record(), "praksisavtale")
    assert {"ikke", "gjelder", "praksisenheten"} <= set(bokmaal_words(without_data(text, sample_record())))


def test_the_title_and_language_follow_the_maalform(config, tmp_path) -> None:
    from docx import Document

    from pipeline.convert.accessibility import expected_from_docx

    rec = nynorsk(sample_record())
    path = tmp_path / "nn.docx"
    path.write_bytes(Renderer(config).render(rec, "taushetsloefte", DocumentIdentity("taushetsloefte", 1, "2026/17"),
                                             today=TODAY))
    expected = expected_from_docx(path)
    assert expected.language == "nn-NO"
    assert expected.title == "Fråsegn om teieplikt og gjennomgang av etiske retningsliner – sak 2026/17"
    assert Document(str(path)).core_properties.language == "nn-NO"


def test_the_employer_terms_in_nynorsk(workspace) -> None:
    """The default terms come in nynorsk by themselves; a changed one needs its nynorsk text, else the
    bokmål text is printed and said so (templates check lists `untranslated`)."""
    config = load_config(workspace)
    assert config.settings.arbeidsgiver.untranslated() == []
    assert config.settings.arbeidsgiver.terms(Maalform.NYNORSK)["loennsdag"] == "den 12. i kvar månad"
    text = workspace.config_file.read_text(encoding="utf-8")
    text = text.replace('pensjon = "Kommunal Landspensjonskasse (KLP)"', 'pensjon = "Statens pensjonskasse"', 1)
    workspace.config_file.write_text(text, encoding="utf-8")
    config = load_config(workspace)
    assert config.settings.arbeidsgiver.untranslated() == ["pensjon"]
    trainee = nynorsk(sample_record("trainee"))
    assert "pensjonsordninga i Statens pensjonskasse" in render(config, trainee, "arbeidsavtale")
    workspace.config_file.write_text(text.replace('# pensjon = "Kommunal Landspensjonskasse (KLP)"',
                                                  'pensjon = "Statens pensjonskasse (SPK)"'), encoding="utf-8")
    config = load_config(workspace)
    assert config.settings.arbeidsgiver.untranslated() == []
    assert "pensjonsordninga i Statens pensjonskasse (SPK)" in render(config, trainee, "arbeidsavtale")
    assert "pensjonsordningen i Statens pensjonskasse." in render(config, sample_record("trainee"), "arbeidsavtale")
