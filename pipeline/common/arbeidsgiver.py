"""`[arbeidsgiver]` of praksis.toml: the employer's terms the trainee's arbeidsavtale states, in
bokmål and in nynorsk."""

from __future__ import annotations

from ..domain.record import Maalform
from .config_section import Section


ARBEIDSGIVER_NYNORSK = {
    "pensjon": "Kommunal Landspensjonskasse (KLP)",
    "tariffavtale": "Hovudtariffavtalen i KS-området",
    "loennsdag": "den 12. i kvar månad",
    "ferie": "fem veker ferie etter ferielova og hovudtariffavtalen",
    "feriepenger": "12 prosent av feriepengegrunnlaget",
    "pauser": "Matpausen er 30 minutt og blir rekna med i arbeidstida",
    "fravaersmelding": "Fråvær skal meldast til praksisrettleiaren same dag, før arbeidstida byrjar",
}
"""The nynorsk wording of the default terms below (used where `[arbeidsgiver.nynorsk]` says nothing)."""


class ArbeidsgiverNynorsk(Section):
    """`[arbeidsgiver.nynorsk]`: the same terms as printed in nynorsk documents. A term left out is
    the nynorsk wording of the default where the bokmål term is the default, else the bokmål term
    itself (and `praksis templates check` says so)."""

    pensjon: str | None = None
    tariffavtale: str | None = None
    loennsdag: str | None = None
    ferie: str | None = None
    feriepenger: str | None = None
    pauser: str | None = None
    fravaersmelding: str | None = None


class Arbeidsgiver(Section):
    """The employer's terms that the trainee's arbeidsavtale states (aml. § 14-6)."""

    pensjon: str = "Kommunal Landspensjonskasse (KLP)"
    tariffavtale: str = "Hovedtariffavtalen i KS-området"
    loennsdag: str = "den 12. i hver måned"
    ferie: str = "fem uker ferie etter ferieloven og hovedtariffavtalen"
    feriepenger: str = "12 prosent av feriepengegrunnlaget"
    pauser: str = "Spisepausen er 30 minutter og regnes med i arbeidstiden"
    """Length of the breaks and whether they count as working time (aml. § 14-6 (1) k, § 10-9)."""
    fravaersmelding: str = "Fravær meldes til praksisveilederen samme dag, før arbeidstid"
    """How absence is reported (used in every agreement and in the oppfølgingsplan)."""
    nynorsk: ArbeidsgiverNynorsk = ArbeidsgiverNynorsk()

    def terms(self, maalform: Maalform) -> dict[str, str]:
        """The terms as the documents of this written standard print them."""
        bokmaal = self.model_dump(exclude={"nynorsk"})
        if maalform is Maalform.BOKMAAL:
            return bokmaal
        return {name: self._nynorsk(name, value) for name, value in bokmaal.items()}

    def untranslated(self) -> list[str]:
        """Terms changed from the default in bokmål with no nynorsk wording: nynorsk documents
        print them in bokmål."""
        return [name for name, value in self.model_dump(exclude={"nynorsk"}).items()
                if self._nynorsk(name, value) == value and ARBEIDSGIVER_NYNORSK[name] != value]

    def _nynorsk(self, name: str, bokmaal: str) -> str:
        given = getattr(self.nynorsk, name)
        if given:
            return str(given)
        return ARBEIDSGIVER_NYNORSK[name] if bokmaal == type(self).model_fields[name].default else bokmaal
