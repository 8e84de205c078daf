"""``academy build student``: learner notebooks, made by nbgrader from each source.

For every exercise a throwaway nbgrader course is laid out
(``source/<exercise-id>/<exercise-id>.ipynb`` plus its data), nbgrader's
``generate_assignment`` strips the solutions and keeps locked cells, and the
release folder is copied to ``OUT/<module>/<exercise>/`` together with the
``_academy`` helpers that ``check()`` and ``hint()`` cells import: the codec,
the feedback code and the exercise's *public* checks. Hidden checks and the
reference never leave ``graders/``.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from academy.catalog.load import Catalog, ExerciseEntry
from academy.nbgrader_env import ensure_tools_on_path

RUNTIME = Path(__file__).resolve().parent.parent / "runtime"


class BuildError(Exception):
    """A student version could not be produced; the message says which and why."""


@dataclass(frozen=True)
class StudentBuild:
    exercise: str
    folder: Path
    notebook: Path
    archive: Path


def helpers_package(entry: ExerciseEntry, dest: Path) -> Path:
    """Write ``dest/_academy``: what the learner's check()/hint() cells import."""
    pkg = dest / "_academy"
    pkg.mkdir(parents=True, exist_ok=True)
    shutil.copy2(RUNTIME / "codec.py", pkg / "codec.py")
    shutil.copy2(RUNTIME / "feedback.py", pkg / "feedback.py")
    public = entry.grader / "public.py"
    if public.is_file():
        shutil.copy2(public, pkg / "public.py")
    else:
        (pkg / "public.py").write_text("PUBLIC_CHECKS = []\n")
    (pkg / "__init__.py").write_text(
        f'"""Feedback helpers for {entry.key} (public checks only)."""\n\n'
        "from .feedback import check, hint\n\n__all__ = ['check', 'hint']\n")
    return pkg


def _generate(entry: ExerciseEntry, course: Path) -> Path:
    from nbgrader.apps import NbGraderAPI
    from traitlets.config import Config

    ensure_tools_on_path()

    src = course / "source" / entry.id
    src.mkdir(parents=True)
    shutil.copy2(entry.source, src / f"{entry.id}.ipynb")
    for rel, path in entry.data_files().items():
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, src / rel)
    config = Config()
    config.CourseDirectory.root = str(course)
    config.CourseDirectory.course_id = "academy"
    config.CourseDirectory.db_url = f"sqlite:///{course / 'gradebook.db'}"
    config.GenerateAssignment.create_assignment = True
    config.Exchange.root = str(course / "exchange")  # unused; keeps nbgrader from probing /usr
    config.Application.log_level = logging.WARNING
    api = NbGraderAPI(config=config)
    api.log.setLevel(logging.WARNING)
    result = api.generate_assignment(entry.id, force=True, create=True)
    if not result.get("success"):
        detail = (result.get("error") or result.get("log") or "").strip().splitlines()
        raise BuildError(f"nbgrader could not generate the student version of {entry.key}: "
                         f"{detail[-1] if detail else 'no detail'}")
    return course / "release" / entry.id


def build_exercise(entry: ExerciseEntry, out: Path) -> StudentBuild:
    if not entry.source.is_file():
        raise BuildError(f"{entry.source} is missing, so {entry.key} has no student version "
                         "(run 'academy lint')")
    folder = out / entry.module.id / entry.id
    with tempfile.TemporaryDirectory(prefix="academy-nbgrader-") as tmp:
        release = _generate(entry, Path(tmp))
        if folder.exists():
            shutil.rmtree(folder)
        shutil.copytree(release, folder)
    helpers_package(entry, folder)
    archive = out / entry.module.id / f"{entry.id}.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                zf.write(path, Path(entry.id) / path.relative_to(folder))
    return StudentBuild(entry.key, folder, folder / f"{entry.id}.ipynb", archive)


def build_all(catalog: Catalog, out: Path, only: str | None = None) -> list[StudentBuild]:
    entries = [catalog.exercise(only)] if only else catalog.exercises()
    return [build_exercise(entry, out) for entry in entries]
