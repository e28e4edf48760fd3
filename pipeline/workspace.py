"""The workspace: a folder with inbox/, archive/, config/ and templates/docx/.

Every command works on one workspace, chosen with `--root` or `PRAKSIS_ROOT`. The
repository itself is a workspace; `praksis init DIR` makes a new one from its defaults.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import ConfigError

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
"""The checkout praksis runs from (installed editable): holds the default config/ and templates/."""

ID_KEY_FILE = "id-noekkel"


@dataclass(frozen=True)
class Workspace:
    root: Path

    @property
    def config_dir(self) -> Path:
        return self.root / "config"

    @property
    def config_file(self) -> Path:
        return self.config_dir / "praksis.toml"

    @property
    def inbox(self) -> Path:
        return self.root / "inbox"

    @property
    def archive(self) -> Path:
        return self.root / "archive"

    @property
    def registry(self) -> Path:
        """The SQLite registry, derived from archive/ (praksis reindex rebuilds it)."""
        return self.root / "registry.sqlite"

    @property
    def templates(self) -> Path:
        return self.root / "templates" / "docx"

    def require(self) -> None:
        """Fail with a usable message when the folder is not a workspace."""
        if not self.config_file.is_file():
            raise ConfigError(
                f"Fant ikke {self.config_file}. Velg arbeidsområdet med --root DIR "
                f"(eller PRAKSIS_ROOT), eller lag et nytt med «praksis init DIR»."
            )


def atomic_write_bytes(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write via a temp file in the same folder and rename: never a half-written file.
    `mode`: permissions for a file others must read (the temp file starts as 0600)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def sha256_file(path: Path) -> str:
    """The SHA-256 of a file, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def load_or_create_id_key(workspace: Workspace) -> bytes:
    """The workspace's secret for derived placement ids (an HMAC key).

    A plain hash of fødselsnummer + unit + date could be reversed by trying every
    fødselsnummer; a keyed hash cannot without the key, which stays in the workspace.
    """
    path = workspace.config_dir / ID_KEY_FILE
    if not path.exists():
        try:
            atomic_write_bytes(path, secrets.token_hex(32).encode() + b"\n")
            path.chmod(0o600)
        except OSError as exc:
            raise ConfigError(f"Kunne ikke lage nøkkelfilen {path}: {exc.strerror}") from exc
    text = path.read_text(encoding="ascii").strip()
    try:
        key = bytes.fromhex(text)
    except ValueError:
        key = b""
    if len(key) < 16:
        raise ConfigError(f"Nøkkelfilen {path} er ødelagt. Gjenopprett den fra sikkerhetskopi.")
    return key


def init_workspace(target: Path) -> Workspace:
    """Create a workspace in `target` with the default config and templates."""
    workspace = Workspace(target.resolve())
    if workspace.config_file.exists():
        raise ConfigError(f"{workspace.root} er allerede et arbeidsområde (fant {workspace.config_file}).")
    source = Workspace(PACKAGE_ROOT)
    if not source.config_file.is_file():
        raise ConfigError(f"Standardoppsettet mangler i {PACKAGE_ROOT}: installasjonen er ufullstendig.")
    for folder in (workspace.inbox, workspace.archive):
        folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(source.config_dir, workspace.config_dir, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns(ID_KEY_FILE))
    if source.templates.is_dir():
        shutil.copytree(source.templates, workspace.templates, dirs_exist_ok=True)
    load_or_create_id_key(workspace)
    return workspace


def workspace_from(root: str | os.PathLike[str] | None) -> Workspace:
    return Workspace(Path(root or os.getcwd()).resolve())
