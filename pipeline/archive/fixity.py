"""`praksis verify`: the archive against its stored checksums, every problem at once.

Missing files, changed files (checksum or size), files nobody registered, metadata that
cannot be read, cases the registry knows that have no folder, case folders the registry
does not know, and a missing or damaged registry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..common.config import Config
from .registry import Registry
from ..common.workspace import sha256_file
from .reindex import registry_problem, unknown_case_folders
from .store import GRUNNLAG, HENDELSER, JOURNALPOST, SAKSMAPPE, SOURCES, STAGING, VERSJON, ArchiveError, ArchiveStore, CaseFiles


@dataclass(frozen=True)
class FixityProblem:
    kind: str  # mangler, endret, uregistrert, ulesbar
    path: str
    detail: str

    def as_dict(self) -> dict[str, str]:
        return {"type": self.kind, "fil": self.path, "detalj": self.detail}


@dataclass
class FixityReport:
    cases: int = 0
    files: int = 0
    problems: list[FixityProblem] = field(default_factory=list)


def _check_case(case: CaseFiles, report: FixityReport, root: Path) -> set[Path]:
    """Check one case's registered files; returns every path it registers."""
    known = {case.folder / SAKSMAPPE, case.folder / HENDELSER}
    for journal in case.journals.values():
        known.add(journal.folder / JOURNALPOST)
        for version in journal.versions:
            known |= {version.folder / VERSJON, version.folder / HENDELSER}
            expected = [(version.folder / GRUNNLAG, version.meta["grunnlag"]["sjekksum"], None)]
            expected += [(case.folder / o["referanseDokumentfil"], o["sjekksum"], o["filstoerrelse"])
                         for o in version.meta["dokumentobjekt"]]
            for path, checksum, size in expected:
                known.add(path)
                shown = str(path.relative_to(root))
                if not path.exists():
                    report.problems.append(FixityProblem("mangler", shown, "filen er borte"))
                    continue
                report.files += 1
                if size is not None and path.stat().st_size != size:
                    report.problems.append(FixityProblem("endret", shown, f"størrelse {path.stat().st_size}, "
                                                                        f"registrert {size}"))
                elif sha256_file(path) != checksum:
                    report.problems.append(FixityProblem("endret", shown, "sjekksummen stemmer ikke (SHA-256)"))
    return known


def _check_sources(folder: Path, report: FixityReport, root: Path) -> set[Path]:
    """The kept input files are named by their SHA-256: the name is the checksum."""
    known: set[Path] = set()
    if folder.is_dir():
        for path in sorted(p for p in folder.iterdir() if p.is_file()):
            known.add(path)
            if sha256_file(path) != path.name.split(".", 1)[0]:
                report.problems.append(FixityProblem("endret", str(path.relative_to(root)),
                                                     "innholdet stemmer ikke med sjekksummen i filnavnet"))
    return known


def _unregistered(paths: list[Path], known: set[Path], root: Path) -> list[FixityProblem]:
    return [FixityProblem("uregistrert", str(path.relative_to(root)), "filen står ikke i noen metadata")
            for path in paths if path not in known]


def verify_archive(store: ArchiveStore, registry: Registry | None = None) -> FixityReport:
    """Case by case: each case's files are checked against its own metadata, so memory holds
    one case's paths at a time (a 30,000-case archive has over a million files)."""
    report = FixityReport()
    root = store.root
    unregistered: list[FixityProblem] = []
    if root.is_dir():
        years = sorted(p for p in root.iterdir() if p.is_dir() and p.name.isdigit())
        for year in years:
            for folder in sorted(p for p in year.iterdir() if p.is_dir()):
                known: set[Path] = set()
                try:
                    case = store._load(folder) if (folder / SAKSMAPPE).exists() else None
                except ArchiveError as exc:
                    report.problems.append(FixityProblem("ulesbar", str(folder.relative_to(root)), exc.message))
                    case = None
                else:
                    if case is None:
                        report.problems.append(FixityProblem("mangler", str((folder / SAKSMAPPE).relative_to(root)),
                                                             "saksmappen har ingen saksmappe.json"))
                if case is not None:
                    report.cases += 1
                    known = _check_case(case, report, root)
                unregistered += _unregistered([p for p in folder.rglob("*") if p.is_file()], known, root)
        known = _check_sources(root / SOURCES, report, root)
        # outside the case folders: files in archive/ itself and in its folders (a year, kilder/…)
        loose = [p for p in root.iterdir() if p.is_file()]
        for folder in (p for p in root.iterdir() if p.is_dir() and p.name != STAGING):
            loose += [p for p in folder.iterdir() if p.is_file()]
        unregistered += _unregistered(loose, known, root)
    report.problems += sorted(unregistered, key=lambda problem: problem.path)
    if registry is not None:
        for row in registry.cases():
            if row.status is not None and not (store.case_folder(row.saksnummer) / SAKSMAPPE).exists():
                report.problems.append(FixityProblem("mangler", str(store.case_folder(row.saksnummer).relative_to(root)),
                                                     f"registeret kjenner sak {row.saksnummer}, men mappen er borte"))
    return report


def _check_registry(store: ArchiveStore, registry: Registry, report: FixityReport) -> None:
    """Case folders the registry does not know: their numbers could be handed out again."""
    for saksnummer in unknown_case_folders(store, registry):
        report.problems.append(FixityProblem(
            "uregistrert", str(store.case_folder(saksnummer).relative_to(store.root)),
            f"registeret kjenner ikke sak {saksnummer}; kjør «praksis reindex»"))


def verify_workspace(config: Config) -> FixityReport:
    """Verify the workspace's archive, and its registry where there is one. A damaged or
    missing registry is reported (verify changes nothing; `praksis reindex` rebuilds it)."""
    workspace = config.workspace
    store = ArchiveStore(workspace.archive)
    path = workspace.registry
    problem = registry_problem(path, thorough=True) if path.exists() else None
    if problem is not None:
        report = verify_archive(store)
        report.problems.append(FixityProblem("ulesbar", path.name, f"registeret er ødelagt ({problem}); "
                                                                   "kjør «praksis reindex»"))
        return report
    if not path.exists():
        report = verify_archive(store)
        if report.cases:
            report.problems.append(FixityProblem("mangler", path.name, f"registeret mangler, men arkivet har "
                                                                       f"{report.cases} saker; kjør «praksis reindex»"))
        return report
    registry = Registry(path)
    try:
        report = verify_archive(store, registry)
        _check_registry(store, registry, report)
        return report
    finally:
        registry.close()
