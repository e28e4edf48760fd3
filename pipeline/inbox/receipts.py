"""What HR staff read in the inbox folders, in Norwegian: the receipt for a processed file,
the error list for a rejected one, and the notice for a duplicate. No fødselsnummer in any
of them (values shown are masked by validation; file names are masked here)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..common.names import shown
from ..report import RecordOutcome
from ..validation.validator import FileResult

if TYPE_CHECKING:
    from ..documents.identity import DocumentIdentity
    from ..signed.results import SignedResult

KIND_TEXT = {"ny sak": "ny sak", "oppdatert": "oppdatert", "ingen endring": "ingen endring", "avvist": "AVVIST"}


def _when(moment: datetime) -> str:
    return moment.strftime("%d.%m.%Y kl. %H:%M:%S")


def _head(title: str, name: str, sha256: str, received: datetime) -> list[str]:
    return [title, "=" * len(title), "",
            f"Fil:        {shown(name)}",
            f"Mottatt:    {_when(received)}",
            f"Sjekksum:   SHA-256 {sha256}", ""]


def _document_name(made: str, titles: dict[str, str]) -> str:
    """«praksisavtale v1» in Norwegian words: «Praksisavtale v1» (the document set's `tittel`)."""
    slug, _, version = made.rpartition(" v")
    return f"{titles.get(slug, slug)} v{version}" if slug else made


def _table(outcomes: list[RecordOutcome], unit: str, titles: dict[str, str] | None = None) -> list[str]:
    titles = titles or {}
    rows = [(str(o.row) if o.row is not None else o.where, o.praksisplass_id or "—", str(o.name or "—"),
             KIND_TEXT.get(o.kind, o.kind), o.saksnummer or "—",
             ", ".join(_document_name(d, titles) for d in o.documents) or "—") for o in outcomes]
    header = (unit.capitalize(), "Id", "Praktikant", "Utfall", "Sak", "Dokumenter laget")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header) - 1)]
    return ["  ".join(cell.ljust(width) for cell, width in zip(row[:-1], widths)) + "  " + row[-1]
            for row in [header, *rows]]


def _waiting(outcomes: list[RecordOutcome], unit: str, waiting: dict[str, list[tuple[str, str]]],
             folder: str) -> list[str]:
    """Per placement: its documents waiting for a signed copy, as named in til_signering/."""
    shown = [o for o in outcomes if o.kind != "avvist" and waiting.get(o.saksnummer or "")]
    if not shown:
        return []
    lines = ["", f"Venter på signatur: skriv ut fra {folder}/ i innboksen, få dem signert, og legg",
             "de signerte kopiene i signert/ (filene forsvinner fra mappen når de er arkivert):"]
    for outcome in shown:
        where = f"{unit.capitalize()} {outcome.row}" if outcome.row is not None else outcome.where
        lines.append(f"  {where}, sak {outcome.saksnummer} ({outcome.name or outcome.praksisplass_id or '—'}):")
        lines += [f"    {file}  ({title})" for file, title in waiting[outcome.saksnummer or ""]]
    return lines


def _counts(outcomes: list[RecordOutcome]) -> str:
    parts = [f"{sum(1 for o in outcomes if o.kind == kind)} {label}"
             for kind, label in (("ny sak", "nye saker"), ("oppdatert", "oppdatert"),
                                 ("ingen endring", "uten endring"), ("avvist", "avvist"))]
    return f"{len(outcomes)} praksisplass(er) lest: " + ", ".join(parts) + "."


def receipt(name: str, sha256: str, received: datetime, done: datetime, result: FileResult,
            outcomes: list[RecordOutcome], documents: int, archived_copy: str | None,
            rejected_file: str | None, titles: dict[str, str] | None = None,
            waiting: dict[str, list[tuple[str, str]]] | None = None, waiting_folder: str = "til_signering") -> str:
    """`<name>.kvittering.txt`: every record, the case it went to and the documents made; per
    placement, the files waiting in til_signering/ (`waiting`: case → [(file, title)])."""
    lines = _head("KVITTERING fra praksis", name, sha256, received)
    lines += [f"Behandlet:  {_when(done)}"]
    if archived_copy:
        lines += [f"Arkivkopi:  archive/{archived_copy} (originalen, byte for byte)"]
    lines += ["", f"Resultat: {_counts(outcomes)}",
              f"{documents} dokument(er) laget og arkivert som PDF/A.", ""]
    lines += _table(outcomes, result.unit, titles)
    lines += _waiting(outcomes, result.unit, waiting or {}, waiting_folder)
    rejected = [o for o in outcomes if o.kind == "avvist"]
    if rejected:
        lines += ["", f"{len(rejected)} {result.unit}(r) ble avvist og er IKKE arkivert."]
        if rejected_file:
            lines += [f"De ligger i {rejected_file}, med feilene i {rejected_file}.feil.txt.",
                      "Rett dem der og legg filen i innboksen igjen; de andre radene er allerede arkivert."]
    if result.warnings:
        lines += ["", "Merknader:", *(f"  - {w}" for w in result.warnings)]
    notes = [f"  - {where}: {note}" for where, note in result.notes]
    if notes:
        lines += ["", "Merk:", *notes]
    return "\n".join(lines) + "\n"


def error_list(name: str, sha256: str, received: datetime, result: FileResult,
               rejected: list[RecordOutcome], processed_as: str | None, formulas: list[str] | None = None) -> str:
    """`<name>.feil.txt`: why the file (or which of its rows) was rejected, and what to fix;
    `formulas`: cells of the file sent back that a spreadsheet would take for a formula."""
    lines = _head("FEIL: praksis kunne ikke arkivere dette", name, sha256, received)
    if result.file_error:
        lines += ["Hele filen er avvist:", f"  {result.file_error}", "",
                  "Rett filen og legg den i innboksen igjen. Ingenting fra den er arkivert."]
    else:
        if processed_as:
            lines += ["Filen inneholder bare radene som ble avvist. Resten av den opprinnelige filen er arkivert",
                      f"(se kvitteringen {processed_as}).", ""]
        lines += [f"{len(rejected)} {result.unit}(r) er avvist. For hver: hvor, kolonne, verdi og hva som må rettes.", ""]
        for outcome in rejected:
            who = ", ".join(x for x in (f"id {outcome.praksisplass_id}" if outcome.praksisplass_id else "",
                                        str(outcome.name) if outcome.name else "") if x)
            where = f"{result.unit.capitalize()} {outcome.row}" if outcome.row is not None else outcome.where
            lines.append(f"{where}{f' ({who})' if who else ''}:")
            lines += [f"  - {line}" for line in (outcome.message or "ukjent feil").splitlines()]
            lines.append("")
        lines += ["Rett feilene i filen og legg den i innboksen igjen."]
    if formulas:
        lines += ["", "OBS: disse cellene begynner med =, +, -, @ eller et tabulator-/linjeskifttegn og kan se ut",
                  "som formler i et regneark. De er skrevet som ren tekst; sjekk at innholdet er det du mente:",
                  *(f"  - {where}" for where in formulas[:50])]
        if len(formulas) > 50:
            lines.append(f"  … og {len(formulas) - 50} til.")
    if result.warnings:
        lines += ["", "Merknader:", *(f"  - {w}" for w in result.warnings)]
    return "\n".join(lines) + "\n"


def unsupported(name: str, received: datetime, reason: str) -> str:
    return _set_aside("FEIL: filtypen støttes ikke", name, received,
                      [reason, "", "Innboksen tar imot praksisplasser som .xlsx (Excel), .csv eller .json."])


def not_a_file(name: str, received: datetime, kind: str) -> str:
    """`avvist/<name>.feil.txt` for a folder, link or other entry that is not an ordinary file."""
    return _set_aside("FEIL: dette er ikke en vanlig fil", name, received, [
        f"«{shown(name)}» er {kind}, ikke en vanlig fil. praksis leser bare vanlige filer som er lagt i innboksen",
        "(ikke mapper, snarveier/lenker eller spesialfiler), og følger aldri en lenke ut av innboksen.",
        "", "Legg selve filen (.xlsx, .csv eller .json) i innboksen, ikke en lenke til den eller en mappe med den."],
        moved="Den er flyttet hit urørt (ikke åpnet eller lest).")


def internal_error(name: str, received: datetime, error: str, attempts: int) -> str:
    return _set_aside("FEIL: praksis kunne ikke behandle filen", name, received, [
        f"praksis fikk en intern feil ({error}) {attempts} ganger på rad med denne filen.",
        "Det er ikke noe galt du har gjort. Kontakt den som drifter praksis; loggen har detaljene.",
        "Når feilen er rettet, legg filen i innboksen igjen."])


def _set_aside(title: str, name: str, received: datetime, body: list[str],
               moved: str = "Filen er flyttet hit urørt.") -> str:
    lines = [title, "=" * len(title), "", f"Fil:        {shown(name)}", f"Mottatt:    {_when(received)}",
             "", *body, "", moved]
    return "\n".join(lines) + "\n"


def duplicate(name: str, sha256: str, received: datetime, earlier: dict[str, Any]) -> str:
    """`<name>.duplikat.txt`: the same bytes were processed before; nothing was done."""
    when = datetime.fromisoformat(earlier["behandlet"])
    lines = _head("DUPLIKAT: filen er behandlet før", name, sha256, received)
    lines += [f"Nøyaktig den samme filen (samme SHA-256) ble behandlet {_when(when)}",
              f"som «{shown(earlier['filnavn'])}»"
              + (f"; kvitteringen er {shown(earlier['kvittering'])}." if earlier.get("kvittering") else "."),
              "", "Den er IKKE behandlet på nytt, og ingenting i arkivet er endret.",
              "Har du endret noe i arket, lagre det og legg det i innboksen igjen: da er det en ny fil."]
    return "\n".join(lines) + "\n"


def signed_receipt(result: SignedResult, received: datetime) -> str:
    """`signert/behandlet/<name>.kvittering.txt`: which document, which version, the signatures."""
    identity = result.identity
    assert identity is not None
    lines = ["KVITTERING: signert dokument arkivert", "=" * 37, "",
             f"Fil(er):      {', '.join(shown(n) for n in result.names)}",
             f"Mottatt:      {_when(received)}",
             f"Dokument:     {identity.dokumenttype}, sak {result.saksnummer} (dokument-id {identity.id})",
             f"Arkivert som: versjon {result.version} ({result.kind}; funnet fra {result.method})"]
    if result.pages:
        lines.append(f"Sider:        {result.pages}, lagret som PDF/A; originalene er lagret ved siden av, uendret.")
    for signature in result.signatures:
        lines.append(f"Signatur:     {signature['signert_av']}: {signature['resultat'].upper()}"
                     + ("" if signature["intakt"] else " (dokumentet er endret etter signering)"))
    if result.replaced_by is not None:
        lines += ["", f"ADVARSEL: Dette er en signert kopi av versjon {identity.versjon}, men dokumentet er senere laget på",
                  f"nytt som versjon {result.replaced_by} (endrede opplysninger). Kopien er arkivert, men versjon "
                  f"{result.replaced_by}", "venter fortsatt på signatur: skriv den ut fra til_signering/ og få den signert."]
    else:
        lines += ["", "Dokumentet står ikke lenger som «mangler signatur» i «praksis list»."]
    return "\n".join(lines) + "\n"


def signed_error(name: str, message: str, received: datetime) -> str:
    """`signert/avvist/<name>.feil.txt`."""
    return _set_aside("FEIL: det signerte dokumentet kunne ikke arkiveres", name, received,
                      [message, "", "Når feilen er rettet, legg filen i signert/ igjen."])


def signed_review(name: str, identity: DocumentIdentity, reason: str, received: datetime) -> str:
    """`signert/til_kontroll/<name>.kontroll.txt`: why praksis will not file the scan as signed
    on its own, and the two commands a person settles it with."""
    title = "TIL KONTROLL: praksis arkiverer ikke denne kopien som signert uten at en person ser på den"
    display = shown(name)
    lines = [title, "=" * len(title), "", f"Fil:        {display}", f"Mottatt:    {_when(received)}",
             f"Dokument:   {identity.dokumenttype}, sak {identity.saksnummer} (dokument-id {identity.id})", "",
             f"Hvorfor:    {reason}", "",
             "Dokumentet står fortsatt i «praksis mangler» til kopien er godkjent.",
             "Se på filen. Er den det signerte dokumentet, godkjenn den:",
             f"    praksis signert godkjenn \"{display}\" --grunn \"kontrollert mot papirkopien\"",
             "Er den ikke det, avvis den (grunnen skrives i saken):",
             f"    praksis signert avvis \"{display}\" --grunn \"blank side, ikke signert\""]
    return "\n".join(lines) + "\n"
