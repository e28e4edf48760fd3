"""Digital signatures (PAdES, e.g. from an e-signing service), validated with pyHanko.

A signed PDF is never rewritten: any rewrite, merge or re-save breaks the signature, and
pyHanko may still call the signature itself valid while the document was changed after
signing (TOOLING.md). So the file is archived byte for byte and what we record is pyHanko's
verdict per signature: intact (the signed bytes are unchanged), valid (the cryptography holds),
trusted (the signer's certificate chains to a configured root), coverage (whole file or not),
and the signer.
"""

from __future__ import annotations

import importlib.metadata
import logging
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import SignatureCoverageLevel, validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleTrustManager

from . import versions


# pyHanko logs a warning with a traceback for every signature it cannot trust (a self-signed or
# unknown root); the verdict is recorded instead, so keep those out of the user's terminal.
logging.getLogger("pyhanko").setLevel(logging.ERROR)


@dataclass
class SignatureVerdict:
    felt: str
    signert_av: str
    tidspunkt: str | None
    intakt: bool
    gyldig: bool
    klarert: bool
    dekker_hele_filen: bool
    resultat: str  # gyldig, ugyldig, ikke klarert, kunne ikke kontrolleres (…)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


TESTED = {"pyHanko": ("0.38",), "pyhanko-certvalidator": ("0.33",)}


@cache
def _checked() -> None:
    for package, tested in TESTED.items():
        versions.check(package, importlib.metadata.version(package), tested)


def has_signatures(path: Path) -> bool:
    _checked()
    try:
        with path.open("rb") as handle:
            return bool(PdfFileReader(handle, strict=False).embedded_signatures)
    except Exception:  # noqa: BLE001 - a PDF pyHanko cannot read has no signature we could keep
        return False


def validate(path: Path, trust_roots: list[Any] | None = None) -> list[SignatureVerdict]:
    """pyHanko's verdict on every signature in the file, in the order they were applied."""
    _checked()
    verdicts = []
    with path.open("rb") as handle:
        reader = PdfFileReader(handle, strict=False)
        context = ValidationContext(trust_manager=SimpleTrustManager.build(trust_roots=trust_roots or []),
                                    allow_fetching=False)
        for signature in reader.embedded_signatures:
            try:
                status = validate_pdf_signature(signature, context)
            except Exception as exc:  # noqa: BLE001 - a signature pyHanko cannot evaluate is recorded, not fatal
                verdicts.append(SignatureVerdict(str(signature.field_name or "signatur"), "ukjent", None, False, False,
                                                 False, False, f"kunne ikke kontrolleres ({type(exc).__name__})"))
                continue
            signer = status.signing_cert.subject.human_friendly if status.signing_cert else "ukjent"
            whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
            intact, valid = bool(status.intact), bool(status.valid)
            result = "gyldig" if intact and valid and status.trusted else (
                "ikke klarert" if intact and valid else "ugyldig")
            verdicts.append(SignatureVerdict(
                str(signature.field_name or "signatur"), str(signer),
                status.signer_reported_dt.isoformat() if status.signer_reported_dt else None,
                intact, valid, bool(status.trusted), whole, result))
    return verdicts
