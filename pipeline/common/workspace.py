"""The workspace: a folder with inbox/, archive/, config/ and templates/docx/.

Every command works on one workspace, chosen with `--root` or `PRAKSIS_ROOT`. The
repository itself is a workspace; `praksis init DIR` makes a new one from its defaults.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .errors import ConfigError
from .permissions import DEFAULT_FILE_MODE, apply_file_mode, folder_mode, parse_mode

PACKAGE_ROOT = Path(__file__).resolve().parents[2]
"""The checkout praksis runs from (installed editable): holds the default config/ and templates/."""

ID_KEY_FILE = "id-noekkel"
TEMP = ".praksis-tmp"
_OWNER = re.compile(r"^[a-z]+(?:-[a-z]+)*-(\d+)-")


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
    def temp(self) -> Path:
        """Temporary files with personal data (signed PDFs being merged, LibreOffice's work
        folders): here, not in /tmp, so a killed run leaves them where the next start removes them."""
        return self.root / TEMP

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


def current_umask() -> int:
    """The process umask, read without changing it (Linux: /proc/self/status), so threads may ask."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    umask = os.umask(0o077)  # only where /proc is missing: set and restore
    os.umask(umask)
    return umask


def file_mode() -> int:
    """The mode of a new file: 0666 less the umask, which `load_config` sets from [tilgang]
    (0640 by default: owner and group read, nobody else)."""
    return 0o666 & ~current_umask()


def atomic_write_bytes(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write via a temp file in the same folder and rename: never a half-written file.
    `mode`: the file's permissions (default `file_mode()`; the temp file starts as 0600)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, file_mode() if mode is None else mode)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        if exc.filename is None:  # a write or fsync on the handle: say which file (disk full, …)
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def copy_file(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
    """Copy bytes only (never the source's permissions: a file HR dropped world-readable
    does not make the copy so), whole or not at all; the copy gets `file_mode()`.
    (Also shutil.copytree's copy_function, which passes strings.)"""
    target = Path(target)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    try:
        shutil.copyfile(source, tmp)
        os.chmod(tmp, file_mode())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def temp_root(workspace: Workspace) -> Path:
    """The workspace's temp folder (made if missing). Entries are named `<what>-<pid>-…`."""
    workspace.temp.mkdir(exist_ok=True)
    return workspace.temp


@contextmanager
def private_temp(workspace: Workspace, what: str) -> Iterator[Path]:
    """A temp folder of this process in the workspace, removed afterwards (and, after a kill -9,
    by `clean_temp` at the next start)."""
    folder = Path(tempfile.mkdtemp(prefix=f"{what}-{os.getpid()}-", dir=temp_root(workspace)))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_temp(workspace: Workspace) -> int:
    """Remove what killed runs left in the temp folder (entries of processes no longer running;
    a running `praksis watch` keeps its own). Returns how many were removed."""
    if not workspace.temp.is_dir():
        return 0
    removed = 0
    for entry in workspace.temp.iterdir():
        match = _OWNER.match(entry.name)
        if match and (int(match[1]) == os.getpid() or _alive(int(match[1]))):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
        removed += 1
    return removed


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
            atomic_write_bytes(path, secrets.token_hex(32).encode() + b"\n", mode=0o600)
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
    apply_file_mode(parse_mode(DEFAULT_FILE_MODE))  # the copied config sets it from then on
    for folder in (workspace.inbox, workspace.archive):
        folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(source.config_dir, workspace.config_dir, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns(ID_KEY_FILE), copy_function=copy_file)
    if source.templates.is_dir():
        shutil.copytree(source.templates, workspace.templates, dirs_exist_ok=True, copy_function=copy_file)
    subfolders = [p for p in workspace.templates.rglob("*") if p.is_dir()] if workspace.templates.is_dir() else []
    for folder in (workspace.config_dir, workspace.templates.parent, workspace.templates, *subfolders):
        if folder.is_dir():  # copytree copies the folders' own modes (the nynorsk nn/ too)
            folder.chmod(folder_mode(file_mode()))
    load_or_create_id_key(workspace)
    return workspace


def workspace_from(root: str | os.PathLike[str] | None) -> Workspace:
    return Workspace(Path(root or os.getcwd()).resolve())
