"""Ghostscript (`gs`): a PDF rewritten as PDF/A, with a real sRGB OutputIntent.

- a PDFA definition file names an sRGB ICC profile, so the output has a real OutputIntent
  (without one gs writes a false PDF/A claim and no warning);
- run with TZ=Europe/Oslo (with UTC its dates end in `Z00'00'`, which Preflight rejects).
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path

from . import versions
from .errors import ProgramFailed, ProgramMissing

TESTED = ("10.0",)
INSTALL = "Installer ghostscript (make setup)."
ICC_CANDIDATES = ("/usr/share/color/icc/ghostscript/srgb.icc", "/usr/share/ghostscript/*/iccprofiles/srgb.icc")

PDFA_DEF = """%!
/ICCProfile ({icc}) def
[/_objdef {{icc_PDFA}} /type /stream /OBJ pdfmark
[{{icc_PDFA}} << /N 3 >> /PUT pdfmark
[{{icc_PDFA}} ICCProfile (r) file /PUT pdfmark
[/_objdef {{OutputIntent_PDFA}} /type /dict /OBJ pdfmark
[{{OutputIntent_PDFA}} <<
  /Type /OutputIntent /S /GTS_PDFA1 /DestOutputProfile {{icc_PDFA}}
  /OutputConditionIdentifier (sRGB IEC61966-2.1) /Info (sRGB IEC61966-2.1)
>> /PUT pdfmark
[{{Catalog}} << /OutputIntents [ {{OutputIntent_PDFA}} ] >> /PUT pdfmark
"""


@cache
def find_gs() -> str:
    """The gs executable, its version checked once; ProgramMissing saying how to install it."""
    gs = shutil.which("gs")
    if gs is None:
        raise ProgramMissing(f"Ghostscript (gs) mangler. {INSTALL}")
    try:
        found = subprocess.run([gs, "--version"], capture_output=True, timeout=30).stdout.decode().strip()
    except (OSError, subprocess.TimeoutExpired):
        found = ""
    versions.check("Ghostscript", found, TESTED)
    return gs


def srgb_profile() -> Path:
    for pattern in ICC_CANDIDATES:
        for found in sorted(glob.glob(pattern)):
            return Path(found)
    raise ProgramMissing(f"Fant ingen sRGB ICC-profil fra Ghostscript. {INSTALL}")


def to_pdfa(source: Path, target: Path, part: int, timeout: float = 300) -> None:
    """`source` as PDF/A-`part` in `target`; ProgramFailed (the last line gs said) if it fails."""
    gs, icc = find_gs(), srgb_profile()
    with tempfile.TemporaryDirectory(prefix="praksis-gs-") as tmp:
        definition = Path(tmp) / "PDFA_def.ps"
        definition.write_text(PDFA_DEF.format(icc=str(icc).replace("(", r"\(").replace(")", r"\)")), encoding="ascii")
        command = [gs, "-sDEVICE=pdfwrite", f"-dPDFA={part}", "-dBATCH", "-dNOPAUSE", "-dQUIET", "-dNOOUTERSAVE",
                   "-sColorConversionStrategy=RGB", "-sProcessColorModel=DeviceRGB", "-dPDFACompatibilityPolicy=1",
                   f"--permit-file-read={icc}", f"-sOutputFile={target}", str(definition), str(source)]
        env = {**os.environ, "TZ": "Europe/Oslo"}
        try:
            run = subprocess.run(command, capture_output=True, timeout=timeout, env=env)
        except subprocess.TimeoutExpired:
            raise ProgramFailed("Ghostscript brukte for lang tid.", timeout=True) from None
    if run.returncode != 0 or not target.exists() or target.stat().st_size == 0:
        detail = (run.stderr or run.stdout).decode(errors="replace").strip().splitlines()[-1:] or ["ukjent feil"]
        raise ProgramFailed(detail[0])
