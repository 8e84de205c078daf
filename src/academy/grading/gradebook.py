"""Scores into an nbgrader gradebook, so ``nbgrader export`` and formgrader see them.

Each exercise is an nbgrader assignment with one notebook (named like the
student notebook); each check is an autograded grade cell worth its points;
each submission is a student's submitted assignment whose grades carry the
check's awarded points as ``auto_score``. One :class:`GradebookWriter` per
batch keeps the database open (nbgrader spends seconds opening it) and is
the only writer; each submission is its own transaction.
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path
from types import TracebackType
from typing import Any

from academy.grading.checks import Suite
from academy.grading.results import GradingResult
from academy.nbgrader_env import ensure_tools_on_path

COURSE_ID = "academy"


def db_url(path: Path) -> str:
    return f"sqlite:///{path.resolve()}"


class GradebookWriter:
    """Opened lazily on the first write, closed at the end of the batch."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._gb: Any = None
        self._known: set[str] = set()

    def __enter__(self) -> GradebookWriter:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        if self._gb is not None:
            self._gb.close()
            self._gb = None

    def _open(self) -> Any:
        if self._gb is None:
            ensure_tools_on_path()
            from nbgrader.api import Gradebook

            logging.getLogger("alembic").setLevel(logging.WARNING)
            self._gb = Gradebook(db_url(self.path), COURSE_ID)
        return self._gb

    def record(self, suite: Suite, exercise_id: str, result: GradingResult) -> None:
        """Write one result (idempotent: a regraded submission overwrites its grades)."""
        from nbgrader.api import MissingEntry

        gb = self._open()
        with warnings.catch_warnings():
            # nbgrader's add_submission builds rows before adding them to the session,
            # which SQLAlchemy reports as a warning; the rows are committed correctly.
            warnings.simplefilter("ignore")
            if exercise_id not in self._known:
                gb.update_or_create_assignment(exercise_id)
                gb.update_or_create_notebook(exercise_id, exercise_id)
                for check in suite.checks:
                    gb.update_or_create_grade_cell(
                        f"check-{check.id}", exercise_id, exercise_id, max_score=check.points,
                        cell_type="code")
                self._known.add(exercise_id)
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
