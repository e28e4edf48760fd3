"""Apache PDFBox Preflight: a real PDF/A-1b validator (Debian libpdfbox2-java).

The JVM takes ≈0.5 s to start, so files are checked in one call ("group" mode).
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConverterUnavailable

JARS = ("preflight.jar", "pdfbox2.jar", "fontbox2.jar", "xmpbox.jar", "commons-logging.jar",
        "javax.activation.jar", "jaxb-api.jar")
JAVA_DIR = Path("/usr/share/java")
MAIN = "org.apache.pdfbox.preflight.Validator_A1b"


@dataclass
class PreflightResult:
    path: Path
    valid: bool
    errors: list[str] = field(default_factory=list)


def classpath() -> str:
    missing = [jar for jar in JARS if not (JAVA_DIR / jar).exists()]
    if missing:
        raise ConverterUnavailable(
            f"PDFBox Preflight mangler ({', '.join(missing)}). Installer libpdfbox2-java, "
            "libjaxb-api-java og libactivation-java (make setup)."
        )
    return ":".join(str(JAVA_DIR / jar) for jar in JARS)


def preflight(paths: list[Path], timeout: float = 600) -> list[PreflightResult]:
    """Validate PDF/A-1b files; one result per path, in order."""
    if not paths:
        return []
    with tempfile.TemporaryDirectory(prefix="praksis-preflight-") as tmp:
        folder = Path(tmp)
        links = []
        for number, path in enumerate(paths):
            link = folder / f"{number:06d}.pdf"  # Preflight reports base names only: make them unique
            os.symlink(path.resolve(), link)
            links.append(link)
        listing = folder / "filer.txt"
        listing.write_text("\n".join(str(link) for link in links) + "\n", encoding="utf-8")
        subprocess.run(["java", "-cp", classpath(), MAIN, "xml", "group", str(listing)],
                       check=True, capture_output=True, timeout=timeout)
        report = ET.parse(listing.with_name(listing.name + ".preflight.xml")).getroot()
    found = {node.get("name"): node for node in report.iter("preflight")}
    results = []
    for path, link in zip(paths, links):
        node = found.get(link.name)
        if node is None:
            results.append(PreflightResult(path, False, ["Preflight ga ikke noe resultat for filen."]))
            continue
        valid = (node.findtext("isValid") or "").strip() == "true"
        errors = [f"{e.findtext('code')}: {e.findtext('details')}" for e in node.iter("error")]
        results.append(PreflightResult(path, valid, errors))
    return results
