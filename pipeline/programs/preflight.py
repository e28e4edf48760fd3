"""Apache PDFBox Preflight: a real PDF/A-1b validator (Debian libpdfbox2-java), run by java.

The JVM takes ≈0.5 s to start, so files are checked in one call ("group" mode). A missing
java or jar is ProgramMissing (what to install); a crash or a timeout is ProgramFailed.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from . import versions
from .errors import ProgramFailed, ProgramMissing

JARS = ("preflight.jar", "pdfbox2.jar", "fontbox2.jar", "xmpbox.jar", "commons-logging.jar",
        "javax.activation.jar", "jaxb-api.jar")
JAVA_DIR = Path("/usr/share/java")
MAIN = "org.apache.pdfbox.preflight.Validator_A1b"
TESTED = ("2.0",)
INSTALL = "Installer default-jre-headless, libpdfbox2-java, libjaxb-api-java og libactivation-java (make setup)."


@dataclass
class PreflightResult:
    path: Path
    valid: bool
    errors: list[str] = field(default_factory=list)


@cache
def pdfbox_version() -> str:
    """The version the PDFBox jar states (its Maven pom.properties), "" if it says none."""
    try:
        with zipfile.ZipFile(JAVA_DIR / "pdfbox2.jar") as jar:
            properties = jar.read("META-INF/maven/org.apache.pdfbox/pdfbox/pom.properties").decode()
    except (OSError, KeyError, zipfile.BadZipFile):
        return ""
    found = re.search(r"^version=(\S+)", properties, re.MULTILINE)
    return found[1] if found else ""


def classpath() -> str:
    missing = [jar for jar in JARS if not (JAVA_DIR / jar).exists()]
    if missing:
        raise ProgramMissing(f"PDFBox Preflight mangler ({', '.join(missing)}). {INSTALL}")
    versions.check("PDFBox", pdfbox_version(), TESTED)
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
        command = ["java", "-cp", classpath(), MAIN, "xml", "group", str(listing)]
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=timeout)
        except FileNotFoundError:
            raise ProgramMissing(f"Java mangler (fant ikke «java»), så PDFBox Preflight kan ikke kjøre. {INSTALL}") from None
        except subprocess.TimeoutExpired:
            raise ProgramFailed(f"PDFBox Preflight brukte mer enn {timeout:.0f} s på {len(paths)} fil(er).",
                                timeout=True) from None
        except subprocess.CalledProcessError as exc:
            said = (exc.stderr or b"").decode(errors="replace").strip().splitlines()[-1:] or ["ingen melding"]
            raise ProgramFailed(f"PDFBox Preflight stoppet med kode {exc.returncode}: {said[0]}. "
                                "Sjekk Java-installasjonen (make setup).") from None
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
