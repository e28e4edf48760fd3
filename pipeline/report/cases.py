"""The registry's view of the cases: `praksis list`, `show` and `mangler`."""

from __future__ import annotations

from typing import Any

from ..domain.texts import Texts
from .output import Echo, cut


def print_case_list(cases: list[dict[str, Any]], echo: Echo, texts: Texts) -> None:
    _ = texts
    sak, status, tiltak, enhet, periode = _("Sak"), _("Status"), _("Tiltak"), _("Enhet"), _("Periode")
    echo(f"{sak:<11} {status:<18} {tiltak:<22} {enhet:<28} {periode:<23} " + _("Dokumenter"))
    for case in cases:
        docs = ", ".join(f"{d['dokumenttype']} v{d['versjon']}" for d in case["dokumenter"]) or "—"
        period = f"{case['startdato']} – {case['sluttdato']}"
        echo(f"{case['saksnummer']:<11} {case['status']:<18} {case['tiltak']:<22} {cut(case['enhet'], 28):<28} "
             f"{period:<23} {docs}")
        if case["mangler_signatur"]:
            echo(f"{'':<11} " + _("mangler signert versjon: {dokumenter}", dokumenter=", ".join(case["mangler_signatur"])))
    echo("\n" + _("{antall} sak(er).", antall=len(cases)))


def event_detail(item: dict[str, Any]) -> str:
    """One line of what an event says, by its type."""
    kind = item["type"]
    document = f"{item['dokument']} v{item['versjon']}" if item.get("dokument") and item.get("versjon") else item.get("dokument", "")
    if kind == "status endret":
        return " ".join(x for x in (item.get("dokument", ""), item.get("felt", "status"), f"{item.get('fra')} → {item.get('til')}") if x)
    if kind == "eksportert":
        return f"{item.get('mal')}: {item.get('bunt')}"
    if kind == "signatur kontrollert":
        return f"{document}: " + ", ".join(f"{s['signert_av']} {s['resultat']}" for s in item.get("signaturer", []))
    if kind == "signert mottatt":
        return f"{document} (signerer v{item.get('signerer_versjon')}, {item.get('variant')}, fra {item.get('identifisert_fra')})"
    if kind == "regenerert":
        return f"{document}: {item.get('grunn', '')}"
    if kind == "mottatt":
        return item.get("kilde", {}).get("fil", "")
    return document


def print_case(data: dict[str, Any], echo: Echo) -> None:
    echo(f"Sak {data['saksnummer']}: {data['tittel']}")
    echo(f"  Offentlig tittel: {data['offentligTittel']}")
    echo(f"  Status: {data['status']} ({data['saksstatus']}) · tiltak {data['tiltak']} · {data['startdato']} – "
         f"{data['sluttdato']}")
    echo(f"  Klassifikasjon: {data['klassifikasjon']['klasseID']} {data['klassifikasjon']['tittel']} · "
         f"{data['skjerming']['tilgangsrestriksjon']} ({data['skjerming']['skjermingshjemmel']})")
    echo(f"  Ansvarlig: {data['saksansvarlig']}, {data['administrativEnhet']} · mappe {data['mappe']}")
    for journal in data["journalposter"]:
        echo(f"\n  Journalpost {journal['registreringsID']}: {journal['tittel']} ({journal['journalposttype']}, "
             f"{journal['journalstatus']})")
        for version in journal["versjoner"]:
            echo(f"    v{version['versjon']} {version['opprettet'][:16].replace('T', ' ')}: {version['arsak']}")
            for item in version["filer"]:
                echo(f"      {item['variantformat']:<18} {item['formatDetaljer']:<9} {item['filstoerrelse']:>8} B  "
                     f"sha256 {item['sjekksum'][:16]}…  {item['fil']}")
    if data["mangler_signatur"]:
        echo(f"\n  Mangler signert versjon: {', '.join(data['mangler_signatur'])}")
    echo("\n  Hendelser:")
    for item in data["hendelser"]:
        echo(f"    {item['tid'][:19].replace('T', ' ')}  {item['type']:<20} {event_detail(item)}".rstrip())


def print_missing(items: list[dict[str, Any]], echo: Echo, texts: Texts) -> None:
    _ = texts
    if not items:
        echo(_("Ingenting mangler: alle dokumenter som skal signeres har signert kopi."))
        return
    for item in items:
        echo(f"  {item['saksnummer']:<11} {item['hva']:<28} {item['detalj']}")
    echo("\n" + _("{antall} ting mangler.", antall=len(items)))
