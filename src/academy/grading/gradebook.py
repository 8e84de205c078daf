"""Scores into an nbgrader gradebook, so ``nbgrader export`` and formgrader see them.

Each exercise is an nbgrader assignment with one notebook (named like the
student notebook); each check is an autograded grade cell worth its points;
each submission is a student's submitted assignment whose grades carry the
check's awarded points as ``auto_score``. Writes happen in the grading
process only (one writer), one submission per transaction.
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path

from academy.grading.checks import Suite
from academy.grading.results import GradingResult
from academy.nbgrader_env import ensure_tools_on_path

COURSE_ID = "academy"


def db_url(path: Path) -> str:
    return f"sqlite:///{path.resolve()}"


def record(path: Path, suite: Suite, exercise_id: str, result: GradingResult) -> None:
    """Write one result into the gradebook at *path* (created if missing)."""
    ensure_tools_on_path()
    from nbgrader.api import Gradebook, MissingEntry

    logging.getLogger("alembic").setLevel(logging.WARNING)
    with warnings.catch_warnings(), Gradebook(db_url(path), COURSE_ID) as gb:
        # nbgrader's add_submission builds rows before adding them to the session,
        # which SQLAlchemy reports as a warning; the rows are committed correctly.
        warnings.simplefilter("ignore")
        gb.update_or_create_assignment(exercise_id)
        gb.update_or_create_notebook(exercise_id, exercise_id)
        for check in suite.checks:
            gb.update_or_create_grade_cell(
                f"check-{check.id}", exercise_id, exercise_id, max_score=check.points,
                cell_type="code")
        gb.update_or_create_student(result.submission_id)
        try:
            gb.find_submission(exercise_id, result.submission_id)
        except MissingEntry:
            gb.add_submission(exercise_id, result.submission_id)
        awarded = {c.id: c.points for c in result.checks}
        for check in suite.checks:
            grade = gb.find_grade(f"check-{check.id}", exercise_id, exercise_id,
                                  result.submission_id)
            grade.auto_score = awarded.get(check.id, 0.0)
            grade.needs_manual_grade = False
        gb.db.commit()


def scores(path: Path) -> dict[tuple[str, str], float]:
    """(assignment, student) -> total score, read back through nbgrader's API."""
    ensure_tools_on_path()
    from nbgrader.api import Gradebook

    out: dict[tuple[str, str], float] = {}
    with Gradebook(db_url(path), COURSE_ID) as gb:
        for assignment in gb.assignments:
            for submission in assignment.submissions:
                out[(assignment.name, submission.student.id)] = submission.score
    return out
