"""`praksis signert`: signed copies filed, sent to review, approved or rejected."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .output import Echo

if TYPE_CHECKING:
    from ..signed.results import SignedResult


def signed_json(results: list[SignedResult]) -> list[dict[str, Any]]:
    return [{"filer": r.names, "utfall": r.outcome, "saksnummer": r.saksnummer,
             "dokument": r.identity.dokumenttype if r.identity else None, "versjon": r.version,
             "variant": r.kind, "funnet_fra": r.method, "signaturer": r.signatures,
             "melding": r.message} for r in results]


def print_signed(results: list[SignedResult], review_folder: str, echo: Echo) -> None:
    """`praksis signert FIL…`: per file, filed (and its signatures), to review or rejected."""
    from ..signed.results import SignedOutcome
    for result in results:
        if result.outcome is SignedOutcome.ARKIVERT and result.identity:
            echo(f"  ARKIVERT {', '.join(result.names)}: {result.identity.dokumenttype} i sak "
                 f"{result.saksnummer} som versjon {result.version} ({result.kind}; funnet fra {result.method})")
            for signature in result.signatures:
                echo(f"      signatur: {signature['signert_av']}: {signature['resultat']}")
            if result.replaced_by is not None:
                echo(f"      ADVARSEL: versjon {result.identity.versjon} er erstattet av versjon "
                     f"{result.replaced_by}, som fortsatt venter på signatur.")
        elif result.outcome is SignedOutcome.KONTROLL:
            echo(f"  TIL KONTROLL {', '.join(result.names)}: {result.message} Kopien ligger i "
                 f"{review_folder}/ og venter på «praksis signert godkjenn» eller «praksis signert avvis».")
        else:
            echo(f"  AVVIST {', '.join(result.names)}: {result.message}")
    done = sum(1 for r in results if r.outcome is SignedOutcome.ARKIVERT)
    review = sum(1 for r in results if r.outcome is SignedOutcome.KONTROLL)
    echo(f"\n{done} dokument(er) arkivert, {review} til kontroll, {len(results) - done - review} avvist.")


def print_approved(result: SignedResult, echo: Echo) -> None:
    assert result.identity is not None
    echo(f"  ARKIVERT {', '.join(result.names)}: {result.identity.dokumenttype} i sak {result.saksnummer} "
         f"som versjon {result.version} (godkjent ved kontroll).")


def print_set_aside(result: SignedResult, echo: Echo) -> None:
    echo(f"  AVVIST {', '.join(result.names)}: {result.message}"
         + (f" (logget i sak {result.saksnummer})" if result.saksnummer else ""))
