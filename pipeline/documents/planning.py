"""Planning: which documents are due for a placement (the document set in config, per tiltak
and status) and, against what the archive holds, which versions to make and why. A plan is
decided here and written by `archive/writer.py`; planning itself writes nothing."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from ..archive import metadata as noark
from ..archive.registry import CaseRow
from ..archive.store import GRUNNLAG, CaseFiles
from ..common.config import Config, maalform_of
from ..common.document_set import DocumentSet
from ..common.errors import CaseError
from ..domain.record import Praksisplass, Status
from .facts import FactReader, changed, digest
from .render import RenderError


def field_value(record: Praksisplass, path: str) -> Any:
    """The value of a dotted field path (`krav.politiattest`) on a record."""
    value: Any = record
    for part in path.split("."):
        value = getattr(value, part)
    return value


def due_documents(record: Praksisplass, documents: DocumentSet) -> list[str]:
    """The document types due now: status reached, tiltak covered and any betingelse true."""
    return [
        name
        for name, spec in documents.due(record.tiltak, record.status)
        if not spec.betingelse or field_value(record, spec.betingelse)
    ]


def applicable_documents(record: Praksisplass, documents: DocumentSet) -> list[str]:
    """Every document type that applies to the record's tiltak, whatever the status (previews)."""
    return [name for name, spec in documents.specs.items() if record.tiltak in spec.tiltak]


# --- the plan for one placement: decided here, written by archive/writer.py ------------------


class Outcome(StrEnum):
    """What happened to one placement (the values are what receipts and --json say)."""

    NY_SAK = "ny sak"
    OPPDATERT = "oppdatert"
    INGEN_ENDRING = "ingen endring"
    AVVIST = "avvist"


class Rejected(Exception):
    """A placement planning will not file, with what to fix (in Norwegian)."""

    def __init__(self, message: str, saksnummer: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.saksnummer = saksnummer


@dataclass
class DocumentJob:
    """One document version to make: its number, why it is made, and (once staged) where."""

    dokumenttype: str
    version: int
    reason: str
    facts_sha: str
    error: str | None = None
    folder: Path | None = None  # the staged version folder, given when the documents are made

    @property
    def docx(self) -> Path:
        assert self.folder is not None, "staged before it is made"
        return self.folder / f"{self.dokumenttype}.docx"

    @property
    def pdf(self) -> Path:
        assert self.folder is not None, "staged before it is made"
        return self.folder / f"{self.dokumenttype}.pdf"


@dataclass(frozen=True)
class Skip:
    """A document due but not made again, and why."""

    dokumenttype: str
    reason: str


@dataclass
class CasePlan:
    """What a placement needs: its case (known or new), the versions to make, the ones skipped."""

    record: Praksisplass
    source: str
    where: str
    person: str  # the HMAC of the fødselsnummer: who the case is about, without the number
    existing: CaseFiles | None
    summary_changed: bool
    saksnummer: str | None = None  # None until a new case's number is reserved
    system_id: str | None = None
    jobs: list[DocumentJob] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    row: int | None = None

    @property
    def kind(self) -> Outcome:
        if self.existing is None:
            return Outcome.NY_SAK
        return Outcome.OPPDATERT if self.jobs or self.summary_changed else Outcome.INGEN_ENDRING


class Planner:
    """Decides, for a validated placement and what the archive already holds of it, which
    document versions to make and why. Reads (templates, earlier snapshots); writes nothing."""

    def __init__(self, config: Config, facts: FactReader) -> None:
        self.config = config
        self.facts = facts

    def person_key(self, record: Praksisplass) -> str:
        return hmac.new(self.config.id_key, b"person|" + record.praktikant.foedselsnummer.encode(),
                        hashlib.sha256).hexdigest()[:32]

    def plan(self, record: Praksisplass, source: str, where: str, registered: CaseRow | None,
             existing: CaseFiles | None) -> CasePlan:
        """The plan; Rejected when the id belongs to another person or the status goes back."""
        _ = self.config.texts
        person = self.person_key(record)
        if registered is not None and not hmac.compare_digest(registered.person_hmac, person):
            raise Rejected(_(
                "Id «{id}» hører til en annen person i sak {sak} (fødselsnummeret er ulikt). "
                "Sjekk id og fødselsnummer; saken er ikke endret.", id=record.id, sak=registered.saksnummer),
                registered.saksnummer)
        if existing is not None:
            before = Status(existing.meta["praksis"]["status"])
            if record.status.rang < before.rang:
                raise Rejected(_(
                    "Status kan ikke gå tilbake fra «{fra}» til «{til}» (sak {sak}). Rett statusen i kilden; "
                    "saken er ikke endret.", fra=before.value, til=record.status.value, sak=existing.saksnummer),
                    existing.saksnummer)
        plan = CasePlan(record, source, where, person, existing,
                        summary_changed=existing is not None
                        and existing.meta["praksis"] != noark.placement_summary(record, person),
                        saksnummer=registered.saksnummer if registered else None,
                        system_id=registered.system_id if registered else None)
        for dokumenttype in due_documents(record, self.config.documents):
            journal = existing.journals.get(dokumenttype) if existing else None
            latest = journal.latest if journal else None
            version = latest.number + 1 if latest else 1
            try:
                facts = self.facts.facts(record, dokumenttype)
            except RenderError as exc:  # a template broken in Word: this document fails, the others are made
                plan.jobs.append(DocumentJob(dokumenttype, version, "", "", error=exc.message))
                continue
            sha = digest(facts)
            if latest is not None and latest.meta["fakta_sha256"] == sha:
                plan.skipped.append(Skip(dokumenttype, "det dokumentet viser, er uendret; "
                                                       f"versjon {latest.number} gjelder fortsatt"))
                continue
            reason = "Første versjon." if latest is None else self.reason(latest.folder, dokumenttype, facts, record)
            plan.jobs.append(DocumentJob(dokumenttype, version, reason, sha))
        return plan

    def reason(self, previous: Path, dokumenttype: str, facts: dict[str, Any], record: Praksisplass) -> str:
        """Why a new version: the facts that changed since the version in `previous` (a change of
        målform first: every text is new, so it says that, and what else changed)."""
        old_record = snapshot(previous)
        old = self.facts.facts(old_record, dokumenttype)
        virksomhet = self.config.settings.virksomhet
        before, after = maalform_of(old_record, virksomhet), maalform_of(record, virksomhet)
        if before is not after:
            others = changed(self.facts.facts(old_record.model_copy(update={"maalform": after}), dokumenttype), facts)
            return (f"Målform endret fra {before.visningsnavn} til {after.visningsnavn}."
                    + (" Endret også: " + ", ".join(others) + "." if others else ""))
        names = changed(old, facts)
        if "sluttdato" in names and facts.get("sluttdato") and old.get("sluttdato") and facts["sluttdato"] > old["sluttdato"]:
            return (f"Forlenget: sluttdato flyttet fra {old['sluttdato'].strftime('%d.%m.%Y')} til "
                    f"{facts['sluttdato'].strftime('%d.%m.%Y')}.")
        return "Endret: " + ", ".join(names) + "."

    def regenerate(self, case: CaseFiles, dokumenttyper: list[str] | None, reason: str) -> list[CasePlan]:
        """A plan per document (all, or those named) for a new version from the snapshot its
        latest version was made from, with today's templates; CaseError for a type it lacks."""
        unknown = [d for d in dokumenttyper or [] if d not in case.journals]
        if unknown:
            raise CaseError(f"Sak {case.saksnummer} har ikke {', '.join(unknown)}; den har "
                            f"{', '.join(case.journals)}.")
        plans = []
        for dokumenttype, journal in case.journals.items():
            latest = journal.latest
            if (dokumenttyper and dokumenttype not in dokumenttyper) or latest is None:
                continue
            record = snapshot(latest.folder)
            plan = CasePlan(record, "regenerate", f"v{latest.number}", case.meta["praksis"]["person"], case,
                            summary_changed=False, saksnummer=case.saksnummer, system_id=case.meta["systemID"])
            plan.jobs.append(DocumentJob(dokumenttype, latest.number + 1, f"Laget på nytt: {reason}",
                                         digest(self.facts.facts(record, dokumenttype))))
            plans.append(plan)
        return plans


def snapshot(version_folder: Path) -> Praksisplass:
    """The record a stored version was made from."""
    return Praksisplass.model_validate_json((version_folder / GRUNNLAG).read_text(encoding="utf-8"))
