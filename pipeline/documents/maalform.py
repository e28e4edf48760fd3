"""Bokmål and nynorsk: where each written standard's templates are, and the words the renderer
adds to the documents in each.

A placement's documents are in its `maalform` (the column «Målform»), else in the workspace's
(`[virksomhet] maalform`). The bokmål templates are in templates/docx/, the nynorsk ones in
templates/docx/nn/ under the same file names; a document whose template exists in one written
standard only is made from that one (and `praksis templates check` warns).

The texts here are not a word list translated one by one: each is written the way a document
in that written standard says it (nynorsk: «arbeidstreninga», «vart ikkje halde», the laws by
their nynorsk short names as Lovdata gives them: forvaltningslova, sosialtenestelova …).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..domain.record import Maalform, Sektor, Tiltak

NYNORSK_DIR = "nn"
"""The nynorsk templates: a folder of this name inside the templates folder."""


def template_path(templates: Path, mal: str, maalform: Maalform) -> tuple[Path, bool]:
    """The template a document in `maalform` is made from, and whether that is the other written
    standard's (only that one exists). Where neither exists: the expected path, not a fallback."""
    bokmaal, nynorsk = templates / mal, templates / NYNORSK_DIR / mal
    wanted, other = (nynorsk, bokmaal) if maalform is Maalform.NYNORSK else (bokmaal, nynorsk)
    if not wanted.is_file() and other.is_file():
        return other, True
    return wanted, False


@dataclass(frozen=True)
class Ordbruk:
    """The words the renderer puts into a document, in one written standard."""

    timer_per_uke: str
    """«{} timer per uke»."""
    termer: dict[Tiltak, tuple[str, str]]
    """What the person is called, per tiltak (the default for the rest): in a sentence, as a title."""
    standard_term: tuple[str, str]
    forloep: dict[Tiltak, str]
    """What the placement itself is called (the default for the rest)."""
    standard_forloep: str
    veileder: tuple[str, str]
    """The supervisor in a sentence: for a trainee or an employee, for the other schemes."""
    signaturroller: dict[str, str]
    roller_per_tiltak: dict[tuple[str, Tiltak], str]
    """Role labels that differ for a scheme: (party, tiltak) → label."""
    ordning: dict[Tiltak, str]
    """The scheme in plain words, for the praksisbevis: «… har hatt arbeidstrening ved …»."""
    moeter: tuple[tuple[str, str], tuple[str, str], tuple[str, str]]
    """(name, what happens) of the start-up, midway and closing meetings; {forloep} in the last."""
    naermeste_leder: tuple[str, str]
    """«{} (nærmeste leder)», and the title alone."""
    lederen_ved_enheten: str
    ikke_holdt: str
    senest: str
    politiattest: str
    politiattest_etter: str
    mrsa: str
    og: str
    utkast_identitet: str
    """«Utkast · ikke arkivert · {id}»."""
    forvaltningsloven: str
    sektorlover: dict[Sektor | None, tuple[tuple[str, ...], str]]
    """The laws beside forvaltningsloven § 13 that the taushetsløfte names, by the unit's sector, and
    the law that makes the duty to inform barnevernet (for a unit without a sector law: the
    barnevernsloven's general duty for public bodies). Section numbers only where verified (see
    docs/maler.md, «Lovhenvisninger»)."""
    sosialtjenesteloven: str
    qr_beskrivelse: str


BOKMAAL = Ordbruk(
    timer_per_uke="{} timer per uke",
    termer={Tiltak.TRAINEE: ("traineen", "Trainee"), Tiltak.INTERN_ARBEIDSTRENING: ("arbeidstakeren", "Arbeidstaker")},
    standard_term=("praktikanten", "Praktikant"),
    forloep={Tiltak.TRAINEE: "traineeperioden", Tiltak.INTERN_ARBEIDSTRENING: "arbeidstreningen"},
    standard_forloep="praksisen",
    veileder=("veilederen", "praksisveilederen"),
    signaturroller={
        "praktikant": "Praktikant",
        "praksisenhet": "For praksisenheten",
        "praksisveileder": "Praksisveileder",
        "praksisbestiller": "For praksisbestilleren",
        "hjemmeenhet": "Nåværende leder",
    },
    roller_per_tiltak={
        ("praksisenhet", Tiltak.TRAINEE): "For arbeidsgiveren",
        ("praksisenhet", Tiltak.INTERN_ARBEIDSTRENING): "Leder ved mottakende enhet",
        ("praksisveileder", Tiltak.TRAINEE): "Veileder",
        ("praksisveileder", Tiltak.INTERN_ARBEIDSTRENING): "Veileder",
        **{("praksisbestiller", t): "For NAV" for t in (Tiltak.ARBEIDSTRENING, Tiltak.AKTIVITETSPLASS, Tiltak.TRAINEE)},
    },
    ordning={
        Tiltak.ARBEIDSTRENING: "har hatt arbeidstrening",
        Tiltak.AKTIVITETSPLASS: "har hatt aktivitetsplass",
        Tiltak.SPRAAKPRAKSIS: "har hatt språkpraksis",
        Tiltak.ARBEIDSPRAKSIS: "har hatt arbeidspraksis på kommunal praksisplass",
        Tiltak.TRAINEE: "har vært midlertidig ansatt som trainee",
        Tiltak.INTERN_ARBEIDSTRENING: "har hatt intern arbeidstrening",
    },
    moeter=(("Oppstartsmøte", "Mål, arbeidsoppgaver og tilrettelegging avklares."),
            ("Midtveisevaluering", "Målene gjennomgås: er de nådd så langt, og bør noe endres?"),
            ("Avslutningsmøte", "Ble målene nådd? Effekten av {forloep} dokumenteres.")),
    naermeste_leder=("{} (nærmeste leder)", "Nærmeste leder"),
    lederen_ved_enheten="Lederen ved praksisenheten",
    ikke_holdt="Ble ikke holdt",
    senest="Senest {}",
    politiattest="politiattest",
    politiattest_etter="politiattest etter {}",
    mrsa="egenerklæring om MRSA og tuberkulose",
    og=" og ",
    utkast_identitet="Utkast · ikke arkivert · {}",
    forvaltningsloven="forvaltningsloven § 13",
    sektorlover={
        Sektor.HELSE: (("helsepersonelloven § 21", "helse- og omsorgstjenesteloven § 12-1"), "helsepersonelloven § 33"),
        # Barnehage and skole: the staff's duty of confidentiality is forvaltningsloven's (the sector
        # law refers to it); the sector law adds the duty to inform barnevernet.
        Sektor.BARNEHAGE: ((), "barnehageloven § 46"),
        Sektor.SKOLE: ((), "opplæringslova"),
        Sektor.BARNEVERN: (("barnevernsloven",), "barnevernsloven"),
        Sektor.NAV: (("NAV-loven § 7", "sosialtjenesteloven § 44"), "sosialtjenesteloven"),
        Sektor.ANNEN: ((), "barnevernsloven"),
        None: ((), "barnevernsloven"),
    },
    sosialtjenesteloven="sosialtjenesteloven",
    qr_beskrivelse="QR-kode med dokumentets identitet",
)

NYNORSK = Ordbruk(
    timer_per_uke="{} timar per veke",
    termer={Tiltak.TRAINEE: ("traineen", "Trainee"), Tiltak.INTERN_ARBEIDSTRENING: ("arbeidstakaren", "Arbeidstakar")},
    standard_term=("praktikanten", "Praktikant"),
    forloep={Tiltak.TRAINEE: "traineeperioden", Tiltak.INTERN_ARBEIDSTRENING: "arbeidstreninga"},
    standard_forloep="praksisen",
    veileder=("rettleiaren", "praksisrettleiaren"),
    signaturroller={
        "praktikant": "Praktikant",
        "praksisenhet": "For praksiseininga",
        "praksisveileder": "Praksisrettleiar",
        "praksisbestiller": "For praksisbestillaren",
        "hjemmeenhet": "Noverande leiar",
    },
    roller_per_tiltak={
        ("praksisenhet", Tiltak.TRAINEE): "For arbeidsgivaren",
        ("praksisenhet", Tiltak.INTERN_ARBEIDSTRENING): "Leiar ved mottakande eining",
        ("praksisveileder", Tiltak.TRAINEE): "Rettleiar",
        ("praksisveileder", Tiltak.INTERN_ARBEIDSTRENING): "Rettleiar",
        **{("praksisbestiller", t): "For NAV" for t in (Tiltak.ARBEIDSTRENING, Tiltak.AKTIVITETSPLASS, Tiltak.TRAINEE)},
    },
    ordning={
        Tiltak.ARBEIDSTRENING: "har hatt arbeidstrening",
        Tiltak.AKTIVITETSPLASS: "har hatt aktivitetsplass",
        Tiltak.SPRAAKPRAKSIS: "har hatt språkpraksis",
        Tiltak.ARBEIDSPRAKSIS: "har hatt arbeidspraksis på kommunal praksisplass",
        Tiltak.TRAINEE: "har vore mellombels tilsett som trainee",
        Tiltak.INTERN_ARBEIDSTRENING: "har hatt intern arbeidstrening",
    },
    moeter=(("Oppstartsmøte", "Måla, arbeidsoppgåvene og tilrettelegginga blir avklarte."),
            ("Midtvegsevaluering", "Måla blir gjennomgått: er dei nådde så langt, og bør noko endrast?"),
            ("Avslutningsmøte", "Vart måla nådde? Effekten av {forloep} blir dokumentert.")),
    naermeste_leder=("{} (nærmaste leiar)", "Nærmaste leiar"),
    lederen_ved_enheten="Leiaren ved praksiseininga",
    ikke_holdt="Vart ikkje halde",
    senest="Seinast {}",
    politiattest="politiattest",
    politiattest_etter="politiattest etter {}",
    mrsa="eigenerklæring om MRSA og tuberkulose",
    og=" og ",
    utkast_identitet="Utkast · ikkje arkivert · {}",
    forvaltningsloven="forvaltningslova § 13",
    sektorlover={
        Sektor.HELSE: (("helsepersonellova § 21", "helse- og omsorgstenestelova § 12-1"), "helsepersonellova § 33"),
        Sektor.BARNEHAGE: ((), "barnehagelova § 46"),
        Sektor.SKOLE: ((), "opplæringslova"),
        Sektor.BARNEVERN: (("barnevernslova",), "barnevernslova"),
        Sektor.NAV: (("NAV-lova § 7", "sosialtenestelova § 44"), "sosialtenestelova"),
        Sektor.ANNEN: ((), "barnevernslova"),
        None: ((), "barnevernslova"),
    },
    sosialtjenesteloven="sosialtenestelova",
    qr_beskrivelse="QR-kode med identiteten til dokumentet",
)

ORDBRUK = {Maalform.BOKMAAL: BOKMAAL, Maalform.NYNORSK: NYNORSK}
