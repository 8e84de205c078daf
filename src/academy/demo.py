"""The main job: build everything, grade a sample cohort, show the scores, serve the site.

The cohort is described in ``demo/cohort-<module>.yaml``: each learner's
notebook is an exercise's source or student version plus snippet cells, or
raw bytes; every ``wrong/`` solution of the module joins as one more learner.
Each learner states the score it deserves, and the demo fails if grading
disagrees.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from academy.build.student import build_exercise
from academy.catalog.load import Catalog
from academy.grading.loader import load_suite, wrong_solutions
from academy.grading.verify import with_extra_cells


class DemoError(Exception):
    """The demo cannot run; one sentence why."""


@dataclass(frozen=True)
class Learner:
    id: str
    about: str
    exercise: str
    expect: float
    status: str | None
    path: Path


def make_cohort(catalog: Catalog, spec_path: Path, out: Path, students: Path) -> list[Learner]:
    """Write each learner's notebook into *out*; return what each deserves."""
    spec: Any = yaml.safe_load(spec_path.read_text())
    module = spec["module"]
    snippets = spec_path.parent / "snippets"
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    student_nb: dict[str, Path] = {}
    learners: list[Learner] = []

    def base_notebook(key: str, kind: str) -> Path:
        entry = catalog.exercise(key)
        if kind == "source":
            return entry.source
        if key not in student_nb:
            student_nb[key] = build_exercise(entry, students).notebook
        return student_nb[key]

    for item in spec["learners"]:
        key = f"{module}/{item['exercise']}"
        entry = catalog.exercise(key)
        total = load_suite(entry.grader).total
        dest = out / f"{item['id']}.ipynb"
        if item["base"] == "raw":
            dest.write_text(item["raw"])
        else:
            extra = [(snippets / name).read_text() for name in item.get("cells", [])]
            with_extra_cells(base_notebook(key, item["base"]), *extra, dest=dest)
        expect = total if item["expect"] == "full" else float(item["expect"])
        learners.append(Learner(item["id"], item["about"], key, expect, item.get("status"), dest))
    for entry in (e for e in catalog.exercises() if e.module.id == module):
        suite = load_suite(entry.grader)
        for wrong in wrong_solutions(entry.grader):
            learner_id = f"wrong-{entry.id}-{wrong.path.stem}".replace("_", "-")
            dest = with_extra_cells(entry.source, wrong.code, dest=out / f"{learner_id}.ipynb")
            lost = sum(suite.get(c).points for c in wrong.fails)
            learners.append(Learner(learner_id, wrong.description, entry.key,
                                    suite.total - lost, None, dest))
    return learners
