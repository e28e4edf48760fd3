"""What HR staff read in the inbox folders, in the workspace's målform (`texts`, from
`Config.texts`): the receipt for a processed file, the error list for a rejected one, and the
notice for a duplicate. No fødselsnummer in any of them (values shown are masked by
validation; file names are masked here)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..common.names import shown
from ..report.ingest import RecordOutcome
from ..validation.validator import FileResult
from ..domain.texts import N_, Texts

if TYPE_CHECKING:
    from ..documents.identity import DocumentIdentity
    from ..signed.results import SignedResult

KIND_TEXT = {"ny sak": N_("ny sak"), "oppdatert": N_("oppdatert"), "ingen endring": N_("ingen endring"),
             "avvist": N_("AVVIST")}
UNITS = {"linje": N_("linje(r)"), "rad": N_("rad(r)"), "post": N_("post(r)")}
"""A record of each kind of file, «one or more» (`Source.unit`)."""


def _units(unit: str, texts: Texts) -> str:
    return texts.render(UNITS.get(unit, unit + "(r)"))


def _when(moment: datetime) -> str:
    return moment.strftime("%d.%m.%Y kl. %H:%M:%S")


def _head(title: str, name: str, sha256: str, received: datetime, texts: Texts) -> list[str]:
    _ = texts
    return [title, "=" * len(title), "",
            _("Fil:        {fil}", fil=shown(name)),
            _("Mottatt:    {tid}", tid=_when(received)),
            _("Sjekksum:   SHA-256 {sjekksum}", sjekksum=sha256), ""]


def _document_name(made: str, titles: dict[str, str]) -> str:
    """«praksisavtale v1» in Norwegian words: «Praksisavtale v1» (the document set's `tittel`)."""
    slug, _, version = made.rpartition(" v")
    return f"{titles.get(slug, slug)} v{version}" if slug else made


def _table(outcomes: list[RecordOutcome], unit: str, texts: Texts, titles: dict[str, str] | None = None) -> list[str]:
    _ = texts
    titles = titles or {}
    rows = [(str(o.row) if o.row is not None else o.where, o.praksisplass_id or "—", str(o.name or "—"),
             texts.render(KIND_TEXT.get(o.kind, o.kind)), o.saksnummer or "—",
             ", ".join(_document_name(d, titles) for d in o.documents) or "—") for o in outcomes]
    header = (unit.capitalize(), "Id", _("Praktikant"), _("Utfall"), _("Sak"), _("Dokumenter laget"))
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header) - 1)]
    return ["  ".join(cell.ljust(width) for cell, width in zip(row[:-1], widths)) + "  " + row[-1]
            for row in [header, *rows]]


def _waiting(outcomes: list[RecordOutcome], unit: str, waiting: dict[str, list[tuple[str, str]]],
             folder: str, texts: Texts) -> list[str]:
    """Per placement: its documents waiting for a signed copy, as named in til_signering/."""
    _ = texts
    shown = [o for o in outcomes if o.kind != "avvist" and waiting.get(o.saksnummer or "")]
    if not shown:
        return []
    lines = ["", _("Venter på signatur: skriv ut fra {mappe}/ i innboksen, få dem signert, og legg", mappe=folder),
             _("de signerte kopiene i signert/ (filene forsvinner fra mappen når de er arkivert):")]
    for outcome in shown:
        where = f"{unit.capitalize()} {outcome.row}" if outcome.row is not None else outcome.where
        lines.append(_("  {hvor}, sak {sak} ({hvem}):", hvor=where, sak=outcome.saksnummer,
                       hvem=outcome.name or outcome.praksisplass_id or "—"))
        lines += [f"    {file}  ({title})" for file, title in waiting[outcome.saksnummer or ""]]
    return lines


def _counts(outcomes: list[RecordOutcome], texts: Texts) -> str:
    _ = texts
    count = {kind: sum(1 for o in outcomes if o.kind == kind) for kind in ("ny sak", "oppdatert", "ingen endring", "avvist")}
    return _("{antall} praksisplass(er) lest: {nye} nye saker, {oppdatert} oppdatert, {uendret} uten endring, "
             "{avvist} avvist.", antall=len(outcomes), nye=count["ny sak"], oppdatert=count["oppdatert"],
             uendret=count["ingen endring"], avvist=count["avvist"])


def receipt(name: str, sha256: str, received: datetime, done: datetime, result: FileResult,
            outcomes: list[RecordOutcome], documents: int, archived_copy: str | None,
            rejected_file: str | None, texts: Texts, titles: dict[str, str] | None = None,
            waiting: dict[str, list[tuple[str, str]]] | None = None, waiting_folder: str = "til_signering") -> str:
    """`<name>.kvittering.txt`: every record, the case it went to and the documents made; per
    placement, the files waiting in til_signering/ (`waiting`: case → [(file, title)])."""
    _ = texts
    lines = _head(_("KVITTERING fra praksis"), name, sha256, received, texts)
    lines += [_("Behandlet:  {tid}", tid=_when(done))]
    if archived_copy:
        lines += [_("Arkivkopi:  archive/{kopi} (originalen, byte for byte)", kopi=archived_copy)]
    lines += ["", _("Resultat: {antall}", antall=_counts(outcomes, texts)),
              _("{antall} dokument(er) laget og arkivert som PDF/A.", antall=documents), ""]
    lines += _table(outcomes, result.unit, texts, titles)
    lines += _waiting(outcomes, result.unit, waiting or {}, waiting_folder, texts)
    rejected = [o for o in outcomes if o.kind == "avvist"]
    if rejected:
        lines += ["", _("{antall} {enheter} ble avvist og er IKKE arkivert.", antall=len(rejected),
                        enheter=_units(result.unit, texts))]
        if rejected_file:
            lines += [_("De ligger i {fil}, med feilene i {fil}.feil.txt.", fil=rejected_file),
                      _("Rett dem der og legg filen i innboksen igjen; de andre radene er allerede arkivert.")]
    if result.warnings:
        lines += ["", _("Merknader:"), *(f"  - {w}" for w in result.warnings)]
    notes = [f"  - {where}: {note}" for where, note in result.notes]
    if notes:
        lines += ["", _("Merk:"), *notes]
    return "\n".join(lines) + "\n"


def error_list(name: str, sha256: str, received: datetime, result: FileResult,
               rejected: list[RecordOutcome], processed_as: str | None, texts: Texts,
               formulas: list[str] | None = None) -> str:
    """`<name>.feil.txt`: why the file (or which of its rows) was rejected, and what to fix;
    `formulas`: cells of the file sent back that a spreadsheet would take for a formula."""
    _ = texts
    lines = _head(_("FEIL: praksis kunne ikke arkivere dette"), name, sha256, received, texts)
    if result.file_error:
        lines += [_("Hele filen er avvist:"), f"  {result.file_error}", "",
                  _("Rett filen og legg den i innboksen igjen. Ingenting fra den er arkivert.")]
    else:
        if processed_as:
            lines += [_("Filen inneholder bare radene som ble avvist. Resten av den opprinnelige filen er arkivert"),
                      _("(se kvitteringen {kvittering}).", kvittering=processed_as), ""]
        lines += [_("{antall} {enheter} er avvist. For hver: hvor, kolonne, verdi og hva som må rettes.",
                    antall=len(rejected), enheter=_units(result.unit, texts)), ""]
        for outcome in rejected:
            who = ", ".join(x for x in (f"id {outcome.praksisplass_id}" if outcome.praksisplass_id else "",
                                        str(outcome.name) if outcome.name else "") if x)
            where = f"{result.unit.capitalize()} {outcome.row}" if outcome.row is not None else outcome.where
            lines.append(f"{where}{f' ({who})' if who else ''}:")
            lines += [f"  - {line}" for line in (outcome.message or _("ukjent feil")).splitlines()]
            lines.append("")
        lines += [_("Rett feilene i filen og legg den i innboksen igjen.")]
    if formulas:
        lines += ["", _("OBS: disse cellene begynner med =, +, -, @ eller et tabulator-/linjeskifttegn og kan se ut"),
                  _("som formler i et regneark. De er skrevet som ren tekst; sjekk at innholdet er det du mente:"),
                  *(f"  - {where}" for where in formulas[:50])]
        if len(formulas) > 50:
            lines.append(_("  … og {antall} til.", antall=len(formulas) - 50))
    if result.warnings:
        lines += ["", _("Merknader:"), *(f"  - {w}" for w in result.warnings)]
    return "\n".join(lines) + "\n"


def unsupported(name: str, received: datetime, reason: str, texts: Texts) -> str:
    _ = texts
    return _set_aside(_("FEIL: filtypen støttes ikke"), name, received, texts,
                      [texts.render(reason), "", _("Innboksen tar imot praksisplasser som .xlsx (Excel), .csv eller .json.")])


def not_a_file(name: str, received: datetime, kind: str, texts: Texts) -> str:
    """`avvist/<name>.feil.txt` for a folder, link or other entry that is not an ordinary file."""
    _ = texts
    return _set_aside(_("FEIL: dette er ikke en vanlig fil"), name, received, texts, [
        _("«{fil}» er {slag}, ikke en vanlig fil. praksis leser bare vanlige filer som er lagt i innboksen",
          fil=shown(name), slag=texts.render(kind)),
        _("(ikke mapper, snarveier/lenker eller spesialfiler), og følger aldri en lenke ut av innboksen."),
        "", _("Legg selve filen (.xlsx, .csv eller .json) i innboksen, ikke en lenke til den eller en mappe med den.")],
        moved=_("Den er flyttet hit urørt (ikke åpnet eller lest)."))


def internal_error(name: str, received: datetime, error: str, attempts: int, texts: Texts) -> str:
    _ = texts
    return _set_aside(_("FEIL: praksis kunne ikke behandle filen"), name, received, texts, [
        _("praksis fikk en intern feil ({feil}) {antall} ganger på rad med denne filen.", feil=error, antall=attempts),
        _("Det er ikke noe galt du har gjort. Kontakt den som drifter praksis; loggen har detaljene."),
        _("Når feilen er rettet, legg filen i innboksen igjen.")])


def _set_aside(title: str, name: str, received: datetime, texts: Texts, body: list[str],
               moved: str | None = None) -> str:
    _ = texts
    lines = [title, "=" * len(title), "", _("Fil:        {fil}", fil=shown(name)),
             _("Mottatt:    {tid}", tid=_when(received)), "", *body, "", moved or _("Filen er flyttet hit urørt.")]
    return "\n".join(lines) + "\n"


def duplicate(name: str, sha256: str, received: datetime, earlier: dict[str, Any], texts: Texts) -> str:
    """`<name>.duplikat.txt`: the same bytes were processed before; nothing was done."""
    _ = texts
    when = datetime.fromisoformat(earlier["behandlet"])
    lines = _head(_("DUPLIKAT: filen er behandlet før"), name, sha256, received, texts)
    lines += [_("Nøyaktig den samme filen (samme SHA-256) ble behandlet {tid}", tid=_when(when)),
              _("som «{fil}»; kvitteringen er {kvittering}.", fil=shown(earlier["filnavn"]),
                kvittering=shown(earlier["kvittering"])) if earlier.get("kvittering")
              else _("som «{fil}».", fil=shown(earlier["filnavn"])),
              "", _("Den er IKKE behandlet på nytt, og ingenting i arkivet er endret."),
              _("Har du endret noe i arket, lagre det og legg det i innboksen igjen: da er det en ny fil.")]
    return "\n".join(lines) + "\n"


def signed_receipt(result: SignedResult, received: datetime, texts: Texts) -> str:
    """`signert/behandlet/<name>.kvittering.txt`: which document, which version, the signatures."""
    _ = texts
    identity = result.identity
    assert identity is not None
    title = _("KVITTERING: signert dokument arkivert")
    lines = [title, "=" * len(title), "",
             _("Fil(er):      {filer}", filer=", ".join(shown(n) for n in result.names)),
             _("Mottatt:      {tid}", tid=_when(received)),
             _("Dokument:     {dokument}, sak {sak} (dokument-id {id})", dokument=identity.dokumenttype,
               sak=result.saksnummer, id=identity.id),
             _("Arkivert som: versjon {versjon} ({variant}; funnet fra {metode})", versjon=result.version,
               variant=result.kind, metode=result.method)]
    if result.pages:
        lines.append(_("Sider:        {sider}, lagret som PDF/A; originalene er lagret ved siden av, uendret.",
                       sider=result.pages))
    for signature in result.signatures:
        lines.append(_("Signatur:     {signert_av}: {resultat}", signert_av=signature["signert_av"],
                       resultat=signature["resultat"].upper())
                     + ("" if signature["intakt"] else _(" (dokumentet er endret etter signering)")))
    if result.replaced_by is not None:
        lines += ["", _("ADVARSEL: Dette er en signert kopi av versjon {versjon}, men dokumentet er senere laget på",
                        versjon=identity.versjon),
                  _("nytt som versjon {ny} (endrede opplysninger). Kopien er arkivert, men versjon {ny}",
                    ny=result.replaced_by),
                  _("venter fortsatt på signatur: skriv den ut fra til_signering/ og få den signert.")]
    else:
        lines += ["", _("Dokumentet står ikke lenger som «mangler signatur» i «praksis list».")]
    return "\n".join(lines) + "\n"


def signed_error(name: str, message: str, received: datetime, texts: Texts) -> str:
    """`signert/avvist/<name>.feil.txt`."""
    _ = texts
    return _set_aside(_("FEIL: det signerte dokumentet kunne ikke arkiveres"), name, received, texts,
                      [texts.render(message), "", _("Når feilen er rettet, legg filen i signert/ igjen.")])


def signed_review(name: str, identity: DocumentIdentity, reason: str, received: datetime, texts: Texts) -> str:
    """`signert/til_kontroll/<name>.kontroll.txt`: why praksis will not file the scan as signed
    on its own, and the two commands a person settles it with. (`praksis mangler` finds the
    document by «dokument-id …)» in it: every målform keeps those words.)"""
    _ = texts
    title = _("TIL KONTROLL: praksis arkiverer ikke denne kopien som signert uten at en person ser på den")
    display = shown(name)
    lines = [title, "=" * len(title), "", _("Fil:        {fil}", fil=display), _("Mottatt:    {tid}", tid=_when(received)),
             _("Dokument:   {dokument}, sak {sak} (dokument-id {id})", dokument=identity.dokumenttype,
               sak=identity.saksnummer, id=identity.id), "",
             _("Hvorfor:    {grunn}", grunn=texts.render(reason)), "",
             _("Dokumentet står fortsatt i «praksis mangler» til kopien er godkjent."),
             _("Se på filen. Er den det signerte dokumentet, godkjenn den:"),
             _("    praksis signert godkjenn \"{fil}\" --grunn \"kontrollert mot papirkopien\"", fil=display),
             _("Er den ikke det, avvis den (grunnen skrives i saken):"),
             _("    praksis signert avvis \"{fil}\" --grunn \"blank side, ikke signert\"", fil=display)]
    return "\n".join(lines) + "\n"
