"""The facts a document states: the record values its template prints or tests.

A new version of a document is made when, and only when, one of its facts changes: an
extension (sluttdato later) changes the praksisavtale, a new e-mail address for the
praktikant changes nothing in a praksisbevis that does not print it. Which values a
template uses is read from the template itself, so an edited template decides.

The written standard is a fact of every document: a placement moved to nynorsk (or back) gets
new versions in it. It is stated as a fact only for nynorsk, so the facts of every bokmål
document made before målform existed are unchanged (no new versions for nothing).
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Any

from ..common.config import Config, maalform_of
from .identity import DocumentIdentity
from .maalform import template_path
from ..domain.record import Maalform, Praksisplass
from .render import RenderError, context_data, template_name
from .template_source import template_variables

NOT_FACTS = {"dokument", "virksomhet", "logo", "qr", "maalform"}
"""Context names that describe the document or the organisation, not the placement (the målform
is added to the facts on its own terms, see the module docstring)."""

_FIXED_DAY = date(2000, 1, 1)


def _canonical(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in sorted(value.items())}
    if isinstance(value, (list, tuple)):
        return [_canonical(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def digest(facts: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(_canonical(facts), ensure_ascii=False, sort_keys=True).encode()).hexdigest()


class FactReader:
    """Reads each template's variables once, then the facts of any record for it."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self._chains: dict[tuple[str, Maalform], list[tuple[str, ...]]] = {}

    def chains(self, dokumenttype: str, maalform: Maalform = Maalform.BOKMAAL) -> list[tuple[str, ...]]:
        if (dokumenttype, maalform) not in self._chains:
            spec = self.config.settings.dokumenter[dokumenttype]
            path = template_path(self.config.workspace.templates, spec.mal, maalform)[0]
            try:
                found = template_variables(path)
            except Exception as exc:  # noqa: BLE001 - any template defect: say which, and how to find out
                raise RenderError(template_name(self.config, path),
                                  f"malen kan ikke leses ({exc}). Kjør «praksis templates check».") from None
            self._chains[(dokumenttype, maalform)] = sorted(c for c in found if c[0] not in NOT_FACTS)
        return self._chains[(dokumenttype, maalform)]

    def facts(self, record: Praksisplass, dokumenttype: str) -> dict[str, Any]:
        spec = self.config.settings.dokumenter[dokumenttype]
        maalform = maalform_of(record, self.config.settings.virksomhet)
        context = context_data(record, spec, DocumentIdentity(dokumenttype, 1, "0000/0"), self.config, _FIXED_DAY)
        found: dict[str, Any] = {}
        if maalform is not Maalform.BOKMAAL:
            found["maalform"] = maalform.value
        for chain in self.chains(dokumenttype, maalform):
            value: Any = context
            used = []
            for part in chain:
                if not isinstance(value, dict) or part not in value:
                    break
                value = value[part]
                used.append(part)
            if used:
                found[".".join(used)] = value
        return found


def changed(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """The fact names whose values differ."""
    return sorted(k for k in old.keys() | new.keys() if _canonical(old.get(k)) != _canonical(new.get(k)))
