"""Prove an exercise's grader: the model solution earns full marks, the student
version earns nothing on hidden checks, every ``wrong/`` solution loses exactly
the checks it names, and every ``alternatives/`` solution earns full marks.

Used by the content tests (one case per exercise) and by ``academy verify``.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from academy.build.student import build_exercise
from academy.catalog.load import ExerciseEntry
from academy.grading.engine import Grader
from academy.grading.loader import wrong_solutions
from academy.grading.results import GradingResult


def with_extra_cells(source: Path, *cells: str, dest: Path) -> Path:
    """A copy of notebook *source* with *cells* appended as its last code cells."""
    nb = json.loads(source.read_text())
    for code in cells:
        nb["cells"].append({"cell_type": "code", "execution_count": None,
                            "id": f"appended-{len(nb['cells'])}", "metadata": {}, "outputs": [],
                            "source": code})
    dest.write_text(json.dumps(nb))
    return dest


@dataclass
class Verification:
    exercise: str
    problems: list[str] = field(default_factory=list)
    results: dict[str, GradingResult] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def _failed(result: GradingResult) -> set[str]:
    return {c.id for c in result.checks if not c.passed}


def verify_exercise(grader: Grader, entry: ExerciseEntry) -> Verification:
    out = Verification(entry.key)
    with tempfile.TemporaryDirectory(prefix="academy-verify-") as tmp:
        work = Path(tmp)
        model = grader.grade(entry.source, "model-solution")
        out.results["model"] = model
        if model.status != "graded" or model.score != model.max_score:
            out.problems.append(
                f"model solution scores {model.score:g}/{model.max_score:g} "
                f"({model.reason or 'failed: ' + ', '.join(sorted(_failed(model)))}); "
                + "; ".join(c.message for c in model.checks if not c.passed)[:400])
        student = build_exercise(entry, work / "student").notebook
        blank = grader.grade(student, "student-version")
        out.results["student"] = blank
        earned = [c.id for c in blank.checks if c.hidden and c.passed]
        if earned:
            out.problems.append(f"student version earns hidden checks {earned}")
        for wrong in wrong_solutions(entry.grader):
            sub = with_extra_cells(entry.source, wrong.code,
                                   dest=work / f"wrong-{wrong.path.stem}.ipynb")
            result = grader.grade(sub, f"wrong-{wrong.path.stem}")
            out.results[f"wrong/{wrong.path.name}"] = result
            failed, expected = _failed(result), set(wrong.fails)
            if failed != expected:
                surprises = [f"{c.id}: {c.message}" for c in result.checks
                             if (c.id in failed) != (c.id in expected)]
                out.problems.append(
                    f"wrong/{wrong.path.name} should fail exactly {sorted(expected)} but failed "
                    f"{sorted(failed)}" + (f" ({result.reason})" if result.reason else "")
                    + f"; {'; '.join(surprises)[:400]}")
        alternatives = entry.grader / "alternatives"
        for alt in sorted(alternatives.glob("*.py")) if alternatives.is_dir() else []:
            sub = with_extra_cells(entry.source, alt.read_text(), dest=work / f"alt-{alt.stem}.ipynb")
            result = grader.grade(sub, f"alt-{alt.stem}")
            out.results[f"alternatives/{alt.name}"] = result
            if result.score != result.max_score:
                bad = [f"{c.id}: {c.message}" for c in result.checks if not c.passed]
                out.problems.append(f"alternatives/{alt.name} scores {result.score:g}/"
                                    f"{result.max_score:g}: {'; '.join(bad)[:400]}")
    return out
