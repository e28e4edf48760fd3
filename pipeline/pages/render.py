"""The two inbox pages as self-contained HTML: inline CSS, no scripts, no external resources,
in the workspace's målform (`lang="nb"` or `lang="nn"`, the texts from `texts`), headings and table headers for screen readers, and text (not colour
alone) for every mark. Every value is escaped; every link is a relative, percent-encoded path
to a file in the inbox."""

from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import quote

from ..domain.record import Status, Tiltak
from ..domain.texts import N_, Texts
from .model import Case, Meeting, UnitPlaces

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:1.5rem;color:#1a1a1a;background:#fff;line-height:1.45;max-width:80rem}
h1{font-size:1.6rem;margin:0 0 .3rem}h2{font-size:1.3rem;margin:2rem 0 .5rem;border-bottom:2px solid #1f4e79;padding-bottom:.2rem}
h3{font-size:1.1rem;margin:1.4rem 0 .4rem}
table{border-collapse:collapse;width:100%;margin:.3rem 0 1rem;font-size:.95rem}
caption{text-align:left;font-weight:600;padding:.2rem 0}
th,td{border:1px solid #8a8a8a;padding:.3rem .45rem;text-align:left;vertical-align:top}
th{background:#e8eef5}
a{color:#0b4f8a}a:focus{outline:3px solid #f0a500}
ul{margin:0;padding-left:1.1rem}
.forfalt{color:#9b0000;font-weight:700}
.merk{color:#6b4a00}
.ok{color:#1d5e20}
.liten{color:#444;font-size:.9rem;font-weight:400}
.sammendrag{display:flex;gap:1.5rem;flex-wrap:wrap;padding:0;list-style:none}
nav ul{margin-top:.7rem}
.sammendrag li{border:1px solid #8a8a8a;padding:.4rem .8rem;border-radius:4px}
"""


def e(value: object) -> str:
    return html.escape(str(value), quote=True)


def link(path: str, text: str) -> str:
    """A link to a file in the inbox: the path percent-encoded segment by segment."""
    return f'<a href="{quote(path, safe="/")}">{e(text)}</a>'


def _date(day: date) -> str:
    return f"{day.day:02d}.{day.month:02d}.{day.year}"  # strftime is slower, and this runs per case


def _tiltak(value: str) -> str:
    try:
        return Tiltak(value).visningsnavn
    except ValueError:
        return value


def _page(title: str, body: list[str], texts: Texts) -> str:
    return (f"<!DOCTYPE html>\n<html lang=\"{texts.language}\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{e(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n")


@dataclass(frozen=True)
class Processed:
    """A notice in one of the inbox's folders: a receipt, an error list or a duplicate notice."""

    when: datetime
    name: str  # the original's name (masked)
    notice: str  # path below the inbox
    kind: str  # behandlet, avvist, duplikat, signert, signert avvist


def oversikt(title: str, now: datetime, cases: list[Case], closed: list[Case], meetings: list[Meeting],
             units: list[UnitPlaces], processed: list[Processed], til_signering: str, texts: Texts) -> str:
    """inbox/oversikt.html. `closed`: closed cases with documents still waiting for a signed copy
    (they are in til_signering/ too, so they are counted and listed, apart from the open cases)."""
    _ = texts
    lacking = sum(len(c.lacks) for c in cases)
    overdue = sum(1 for c in cases for lack in c.lacks if lack.overdue)
    waiting = sum(1 for c in cases + closed for d in c.documents if d.waiting)
    body = [f"<h1>{e(title)}</h1>",
            '<p class="liten">' + e(_("Laget {tid} (norsk tid). Siden lages på nytt etter hver endring. Den inneholder "
                                      "personopplysninger (navn): ikke del den utenfor HR.",
                                      tid=now.strftime("%d.%m.%Y kl. %H:%M"))) + "</p>",
            '<ul class="sammendrag">',
            f"<li><strong>{len(cases)}</strong> " + e(_("åpne saker")) + "</li>",
            f"<li><strong>{waiting}</strong> " + e(_("dokumenter venter på signert kopi")) + "</li>",
            f"<li><strong>{lacking}</strong> " + e(_("ting mangler")) + "</li>",
            f'<li class="{"forfalt" if overdue else "ok"}"><strong>{overdue}</strong> ' + e(_("forfalt")) + "</li>",
            "</ul>",
            '<nav aria-label="' + e(_("Innhold")) + '"><ul><li><a href="#saker">' + e(_("Åpne saker etter enhet"))
            + ('</a></li><li><a href="#avsluttede">' + e(_("Avsluttede saker som venter på signert kopi"))
               if closed else "")
            + '</a></li><li><a href="#moeter">' + e(_("Møter de neste 30 dagene"))
            + '</a></li><li><a href="#plasser">' + e(_("Ledige plasser"))
            + '</a></li><li><a href="#filer">' + e(_("Sist behandlede filer")) + "</a></li></ul></nav>"]
    warnings = [(c, d) for c in cases for d in c.documents if d.superseded]
    if warnings:
        body += ['<h2 id="merknader">' + e(_("Merknader")) + "</h2>", "<ul>"]
        for case, doc in warnings:
            for signed, signs in doc.superseded:
                body.append('<li class="merk">'
                            + e(_("Sak {sak}: en signert kopi av {dokument} versjon {signerer} er arkivert (som versjon "
                                  "{versjon}), men versjon {signerer} var allerede erstattet av versjon {gjeldende}. ",
                                  sak=case.saksnummer, dokument=doc.tittel.lower(), signerer=signs, versjon=signed,
                                  gjeldende=doc.versjon))
                            + (e(_("Versjon {versjon} venter fortsatt på signatur.", versjon=doc.versjon))
                               if doc.waiting else "")
                            + "</li>")
        body.append("</ul>")
    body.append('<h2 id="saker">' + e(_("Åpne saker etter enhet")) + "</h2>")
    if not cases:
        body.append("<p>" + e(_("Ingen åpne saker.")) + "</p>")
    by_unit: dict[str, list[Case]] = defaultdict(list)
    for case in cases:
        by_unit[case.enhet].append(case)
    rank = {s.value: s.rang for s in Status}
    head = ("<thead><tr>" + "".join(f'<th scope="col">{e(texts.render(h))}</th>' for h in (
        N_("Sak"), N_("Praktikant"), N_("Status"), N_("Tiltak"), N_("Periode"), N_("Dokumenter"), N_("Mangler")))
        + "</tr></thead><tbody>")
    marks = (' <span class="merk">' + e(_("(venter på signatur)")) + "</span>",
             ' <span class="ok">' + e(_("(signert)")) + "</span>",
             ' <strong class="forfalt">' + e(_("FORFALT")) + "</strong>",
             "<span class=ok>" + e(_("Ingenting")) + "</span>")
    for unit in sorted(by_unit, key=str.lower):
        unit_cases = sorted(by_unit[unit], key=lambda c: rank.get(c.status, 9))
        body += ["<h3>" + e(unit or _("Uten enhet")) + "</h3>",
                 "<table><caption>" + e(_("Åpne saker ved {enhet} ({antall}), etter status", antall=len(unit_cases),
                                          enhet=unit)) + "</caption>", head]
        for case in unit_cases:
            body.append(_case_row(case, til_signering, marks))
        body.append("</tbody></table>")
    if closed:
        body += ['<h2 id="avsluttede">' + e(_("Avsluttede saker som venter på signert kopi")) + "</h2>",
                 "<p>" + e(_("Saken er avsluttet, men disse dokumentene ligger fortsatt i {mappe}/ og venter på "
                             "signert kopi.", mappe=til_signering)) + "</p>",
                 "<table><caption>" + e(_("Avsluttede saker med dokumenter som venter på signert kopi ({antall})",
                                          antall=len(closed))) + "</caption>", head]
        body += [_case_row(case, til_signering, marks) for case in closed]
        body.append("</tbody></table>")
    body += ['<h2 id="moeter">' + e(_("Møter de neste 30 dagene")) + "</h2>"]
    if meetings:
        body += ["<table><caption>" + e(_("Oppstartsmøter, midtveisevalueringer og avslutningsmøter")) + "</caption>",
                 "<thead><tr>" + "".join(f'<th scope="col">{e(texts.render(h))}</th>' for h in (
                     N_("Dato"), N_("Møte"), N_("Sak"), N_("Praktikant"), N_("Enhet"))) + "</tr></thead><tbody>"]
        body += [f'<tr><td>{_date(m.when)}</td><td>{e(texts.render(m.what))}</td><th scope="row">{e(m.case.saksnummer)}</th>'
                 f"<td>{e(m.case.navn)}</td><td>{e(m.case.enhet)}</td></tr>" for m in meetings]
        body.append("</tbody></table>")
    else:
        body.append("<p>" + e(_("Ingen møter de neste 30 dagene.")) + "</p>")
    body += ['<h2 id="plasser">' + e(_("Ledige plasser")) + "</h2>", _places_table(units, public=False, texts=texts)]
    body += ['<h2 id="filer">' + e(_("Sist behandlede filer")) + "</h2>"]
    if processed:
        body += ["<table><caption>" + e(_("De siste filene lagt i innboksen, nyeste først")) + "</caption>",
                 "<thead><tr>" + "".join(f'<th scope="col">{e(texts.render(h))}</th>' for h in (
                     N_("Tid"), N_("Fil"), N_("Utfall"), N_("Kvittering eller feilliste"))) + "</tr></thead><tbody>"]
        body += [f'<tr><td>{e(p.when.strftime("%d.%m.%Y %H:%M"))}</td><th scope="row">{e(p.name)}</th>'
                 f"<td>{e(texts.render(p.kind))}</td><td>{link(p.notice, p.notice)}</td></tr>" for p in processed]
        body.append("</tbody></table>")
    else:
        body.append("<p>" + e(_("Ingen filer er behandlet ennå.")) + "</p>")
    return _page(title, body, texts)


def _case_row(case: Case, til_signering: str, marks: tuple[str, str, str, str]) -> str:
    """One case; `marks`: waiting, signed, overdue and «nothing lacks», in the målform."""
    waiting, signed, overdue, nothing = marks
    docs = "".join(f"<li>{e(d.tittel)} v{d.versjon}" + (waiting if d.waiting else signed if d.signed else "") + "</li>"
                   for d in case.documents)
    lacks = []
    for lack in case.lacks:
        text = link(f"{til_signering}/{lack.link}", lack.text) if lack.link else e(lack.text)
        mark = overdue if lack.overdue else ""
        lacks.append(f"<li>{text}{mark}</li>")
    return (f'<tr><th scope="row">{e(case.saksnummer)}</th><td>{e(case.navn)}</td><td>{e(case.status)}</td>'
            f"<td>{e(_tiltak(case.tiltak))}</td><td>{_date(case.startdato)}–{_date(case.sluttdato)}</td>"
            f'<td>{"<ul>" + docs + "</ul>" if docs else "—"}</td>'
            f'<td>{"<ul>" + "".join(lacks) + "</ul>" if lacks else nothing}</td></tr>')


def _places_table(units: list[UnitPlaces], public: bool, texts: Texts) -> str:
    _ = texts
    if not units:
        return "<p>" + e(_("Ingen enheter har meldt inn ledige plasser.")) + "</p>"
    caption = (_("Plasser per enhet med ledig plass") if public
               else _("Plasser per enhet: tilbudt, tatt (Bekreftet eller Startet i perioden) og ledige"))
    columns = ((N_("Enhet"),) + (() if public else (N_("Tilbudt"), N_("Tatt")))
               + (N_("Ledige"), N_("Periode"), N_("Arbeidsoppgaver"), N_("Krav"), N_("Kontakt")))
    head = (f"<table><caption>{e(caption)}</caption><thead><tr>"
            + "".join(f'<th scope="col">{e(texts.render(h))}</th>' for h in columns) + "</tr></thead><tbody>")
    rows = []
    for unit in units:
        offer = unit.offer
        period = (" – ".join(x for x in (_iso(offer.gyldig_fra, _("fra ")), _iso(offer.gyldig_til, _("til "))) if x)
                  or _("Løpende"))
        needs = ", ".join(x for x, on in ((_("politiattest"), offer.krever_politiattest),
                                          (_("egenerklæring MRSA/tuberkulose"), offer.krever_mrsa)) if on) or _("Ingen")
        tasks = "<ul>" + "".join(f"<li>{e(t)}</li>" for t in offer.arbeidsoppgaver) + "</ul>" if offer.arbeidsoppgaver else "—"
        contact = "<br>".join([e(offer.kontakt)]
                              + ([f'<a href="mailto:{quote(offer.kontakt_epost, safe="@.")}">{e(offer.kontakt_epost)}</a>']
                                 if offer.kontakt_epost else [])
                              + ([e(_("tlf. {nummer}", nummer=_phone(offer.kontakt_telefon)))]
                                 if offer.kontakt_telefon else []))
        rows.append(f'<tr><th scope="row">{e(offer.enhet)}'
                    + (f'<br><span class="liten">{e(offer.adresse)}</span>' if offer.adresse else "") + "</th>"
                    + ("" if public else f"<td>{offer.antall}</td><td>{unit.taken}</td>")
                    + f"<td><strong>{unit.free}</strong></td><td>{e(period)}</td><td>{tasks}</td><td>{e(needs)}</td>"
                    f"<td>{contact}</td></tr>")
    return head + "".join(rows) + "</tbody></table>"


def _phone(number: str) -> str:
    """A Norwegian 8-digit number as people write it: 12 34 56 78."""
    return " ".join(number[i:i + 2] for i in range(0, 8, 2)) if len(number) == 8 and number.isdigit() else number


def _iso(value: str | None, prefix: str) -> str:
    return prefix + date.fromisoformat(value).strftime("%d.%m.%Y") if value else ""


def ledige_plasser(organisation: str, now: datetime, units: list[UnitPlaces], contact: str, texts: Texts) -> str:
    """inbox/ledige_plasser.html: units with free places, for the website. No personal data:
    no praktikant, no case; the contact is what the unit gave as its public contact."""
    _ = texts
    free = [u for u in units if u.free > 0]
    body = ["<h1>" + e(_("Ledige praksisplasser i {virksomhet}", virksomhet=organisation)) + "</h1>",
            '<p class="liten">' + e(_("Oppdatert {dato}.", dato=now.strftime("%d.%m.%Y"))) + "</p>",
            "<p>" + e(_("Enhetene under har ledig praksisplass nå eller i perioden som er oppgitt. Ta kontakt med "
                        "enheten, eller med {kontakt}.", kontakt=contact)) + "</p>" if contact
            else "<p>" + e(_("Enhetene under har ledig praksisplass.")) + "</p>",
            "<h2>" + e(_("Enheter med ledig plass")) + "</h2>", _places_table(free, public=True, texts=texts)]
    return _page(_("Ledige praksisplasser – {virksomhet}", virksomhet=organisation), body, texts)
