"""`praksis render`: draft documents (DOCX and PDF/A) for records, without archiving.

read → validate → plan → render → convert, into a folder of the user's choosing. Every
document is a draft (no case number yet), and says so in its header and footer.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..common.config import Config
from ..convert import pool_from_config
from ..convert.pool import Outcome
from .identity import DocumentIdentity
from .planning import applicable_documents, due_documents
from .render import Renderer, RenderError
from ..validation.validator import FileResult, Validator
from ..common.workspace import temp_root

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_LONG_NUMBER = re.compile(r"\d{11}")


def folder_name(record_id: str) -> str:
    """A folder name for a record: its id made safe; never anything that may be a fødselsnummer."""
    safe = _UNSAFE.sub("-", record_id).strip("-.")[:60]
    if not safe or _LONG_NUMBER.search(safe):
        return "P-" + hashlib.sha256(record_id.encode()).hexdigest()[:16]
    return safe


@dataclass
class PreviewDocument:
    record_id: str
    dokumenttype: str
    docx: Path
    pdf: Path | None = None
    error: str | None = None


@dataclass
class PreviewResult:
    files: list[FileResult] = field(default_factory=list)
    documents: list[PreviewDocument] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(f.ok for f in self.files) and not any(d.error for d in self.documents)


def render_previews(config: Config, files: list[Path], out: Path, *, every_document: bool = False,
                    pdf: bool = True, on_document: Callable[[PreviewDocument], None] | None = None) -> PreviewResult:
    result = PreviewResult()
    validator, renderer = Validator(config), Renderer(config)
    for path in files:
        file_result = validator.validate_file(path)
        result.files.append(file_result)
        for record_result in file_result.records:
            record = record_result.record
            if record is None:
                continue
            names = applicable_documents(record, config.documents) if every_document else due_documents(record, config.documents)
            folder = out / folder_name(record.id)
            for name in names:
                document = PreviewDocument(record.id, name, folder / f"{name}.docx")
                try:
                    renderer.render_to(document.docx, record, name, DocumentIdentity(name, 1, None, record.id))
                except RenderError as exc:
                    document.error = exc.message
                    if on_document:
                        on_document(document)
                result.documents.append(document)
    to_convert = [d for d in result.documents if not d.error]
    if pdf and to_convert:
        settings = config.settings.konvertering
        by_source = {d.docx: d for d in to_convert}

        def converted(outcome: Outcome) -> None:
            document = by_source[outcome.source]
            if outcome.error:
                document.error = outcome.error.message
            else:
                document.pdf = outcome.target
            if on_document:
                on_document(document)

        with pool_from_config(settings, temp_root(config.workspace)) as pool:  # drafts of real records: not in /tmp
            pool.convert_many([(d.docx, d.docx.with_suffix(".pdf")) for d in to_convert], progress=converted)
    elif on_document:
        for document in to_convert:
            on_document(document)
    return result

