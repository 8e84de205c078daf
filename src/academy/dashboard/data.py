"""Grading records of a cohort as tidy pandas frames, and the aggregates the dashboard shows.

Input: folders written by ``academy grade --out DIR`` (``DIR/results/<id>.json``
records, ``DIR/gradebook.db``). Whose record is whose:

- a record graded from a folder made by ``academy hub collect`` is matched to
  an entry of that folder's ``collected.json`` (given with ``collected=`` or
  found by walking up from the record's ``submission_file``); the entry names
  the learner, the exercise and when it was submitted;
- otherwise the learner is the record's ``submission_id`` up to the first
  ``--``, and only the grading time is known.

:func:`load` builds a :class:`Cohort`; every view (:func:`progress_matrix`,
:func:`most_failed_checks`, :func:`skill_profile`, :func:`time_to_completion`,
:func:`export_table`) reads a cohort, and :meth:`Cohort.filter` narrows one by
module and learner. Nothing here draws; ``cohort.ipynb`` does.
"""

from __future__ import annotations

import base64
import contextlib
import html
import json
import math
import os
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from academy.grading.results import GradingResult, validate_record, write_atomic
from academy.hub.api import MANIFEST

RESULTS_ENV = "ACADEMY_DASHBOARD_RESULTS"
"""JSON list of results folders; how ``serve`` hands them to the notebook's kernel."""
COLLECTED_ENV = "ACADEMY_DASHBOARD_COLLECTED"
"""JSON list of folders written by ``academy hub collect`` (optional)."""
ROOT_ENV = "ACADEMY_DASHBOARD_ROOT"
"""The content root, for exercise titles and the skills taxonomy (optional)."""
EXPORT_NAME = "dashboard-export.csv"
NOT_SUBMITTED = "\u2014"  # an em dash
NOT_KNOWN = "n/a"

ATTEMPT_COLUMNS = ["attempt", "learner", "module", "exercise", "submission_id", "score",
                   "max_score", "percent", "status", "reason", "submitted_at", "graded_at",
                   "when", "results", "record"]
CHECK_COLUMNS = ["attempt", "learner", "module", "exercise", "status", "check_id", "title",
                 "hidden", "points", "max_points", "passed"]
MANUAL_COLUMNS = ["learner", "module", "exercise", "cell", "kind", "score", "max_score",
                  "comment", "results"]
SKILL_COLUMNS = ["exercise", "skill", "title", "area", "level"]
EXPORT_COLUMNS = ["learner", "module", "exercise", "title", "score", "max_score", "percent",
                  "status", "reason", "submitted_at", "graded_at", "failed_checks"]


class DashboardError(Exception):
    """Input the dashboard cannot use; the message is one sentence for the user."""


# ---------------------------------------------------------------- input folders


def record_files(results: Path) -> list[Path]:
    """The grading records of a results folder, sorted; raise if there are none."""
    if not results.exists():
        raise DashboardError(f"{results} does not exist")
    if not results.is_dir():
        raise DashboardError(f"{results} is not a folder; name a folder written by "
                             "'academy grade --out DIR'")
    folder = results / "results"
    files = sorted(folder.glob("*.json")) if folder.is_dir() else []
    if not files:
        raise DashboardError(f"{results} holds no grading records (expected "
                             f"{folder}/<id>.json, written by 'academy grade --out {results}')")
    return files


@dataclass(frozen=True)
class Submitted:
    """One entry of a ``collected.json`` manifest."""

    user: str
    module: str
    exercise: str
    submitted_at: str
    path: Path                 # the collected notebook, resolved
    rel: tuple[str, ...]       # its path inside the collected folder, as parts


def read_manifest(collected: Path) -> list[Submitted]:
    """The entries of ``collected/collected.json``; raise with one sentence if unreadable."""
    path = collected / MANIFEST
    if not path.is_file():
        raise DashboardError(f"{collected} has no {MANIFEST} (it is written by "
                             "'academy hub collect')")
    try:
        entries = json.loads(path.read_text())["submissions"]
        rows = []
        for e in entries:
            rel = Path(str(e["path"]))
            rows.append(Submitted(str(e["user"]), str(e["module"]), str(e["exercise"]),
                                  str(e["submitted_at"]), (collected / rel).resolve(), rel.parts))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DashboardError(f"{path} is not a manifest written by 'academy hub collect' "
                             f"({type(exc).__name__})") from exc
    return rows


class _Manifests:
    """Finds the manifest entry of a record: named folders first, then walking up."""

    def __init__(self, collected: Sequence[Path]) -> None:
        self.named = [entry for folder in collected for entry in read_manifest(folder)]
        self.by_path = {entry.path: entry for entry in self.named}
        self._found: dict[Path, dict[Path, Submitted]] = {}

    def _at(self, folder: Path) -> dict[Path, Submitted]:
        if folder not in self._found:
            try:
                entries = read_manifest(folder) if (folder / MANIFEST).is_file() else []
            except DashboardError:
                entries = []
            self._found[folder] = {e.path: e for e in entries}
        return self._found[folder]

    def entry(self, record: GradingResult, results: Path) -> Submitted | None:
        file = Path(record.submission_file)
        if file.is_absolute():
            candidates = [file]
        else:  # graded with a relative path: from the cwd of then, unknown; try likely ones
            candidates = [Path.cwd() / file, *(p / file for p in results.resolve().parents)]
        resolved = [c.resolve() for c in candidates]
        for path in resolved:
            if path in self.by_path:
                return self.by_path[path]
        tails = [e for e in self.named if len(e.rel) <= len(file.parts)
                 and file.parts[-len(e.rel):] == e.rel]
        if len(tails) == 1:  # a named collected folder that has moved since grading
            return tails[0]
        for path in resolved:
            if not path.exists():
                continue
            for folder in path.parents:
                hit = self._at(folder).get(path)
                if hit is not None:
                    return hit
        return None


def learner_from_id(submission_id: str) -> str:
    """``ada--m04-evaluation--metrics-from-scratch`` and ``ada`` both belong to ``ada``."""
    return submission_id.split("--", 1)[0]


def _exercise_from_id(submission_id: str) -> str | None:
    parts = submission_id.split("--")
    return f"{parts[-2]}/{parts[-1]}" if len(parts) >= 3 else None


def parse_time(text: str | None) -> datetime | None:
    """An ISO 8601 time (extended or basic format) as UTC; None when absent or unreadable."""
    if not text:
        return None
    try:
        stamp = datetime.fromisoformat(text)
    except ValueError:
        return None
    return stamp.replace(tzinfo=UTC) if stamp.tzinfo is None else stamp.astimezone(UTC)


# ---------------------------------------------------------------- the catalog


@dataclass(frozen=True)
class CatalogInfo:
    """What the dashboard needs from the catalog; empty when there is no catalog."""

    titles: dict[str, str] = field(default_factory=dict)        # exercise key -> title
    order: dict[str, int] = field(default_factory=dict)         # exercise key -> position
    skills: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=SKILL_COLUMNS))
    skill_order: dict[str, int] = field(default_factory=dict)   # skill id -> position

    @classmethod
    def load(cls, root: Path) -> CatalogInfo:
        """Read the catalog at *root*; raise DashboardError if it cannot be read."""
        from academy.catalog.load import Catalog, CatalogError

        try:
            catalog = Catalog.load(root)
        except (CatalogError, OSError) as exc:
            raise DashboardError(f"the catalog at {root} cannot be read: {exc}") from exc
        taxonomy = catalog.taxonomy
        skill_order: dict[str, int] = {}
        for area_id, branch in taxonomy.areas.items():
            for name in branch.skills:
                skill_order[f"{area_id}.{name}"] = len(skill_order)
        titles, order, rows = {}, {}, []
        for i, entry in enumerate(catalog.exercises()):
            titles[entry.key] = entry.spec.title
            order[entry.key] = i
            for ref in entry.spec.skills:
                area_id, _, name = ref.id.partition(".")
                area = taxonomy.areas.get(area_id)
                skill = area.skills.get(name) if area else None
                rows.append({"exercise": entry.key, "skill": ref.id,
                             "title": skill.title if skill else ref.id,
                             "area": area.title if area else area_id, "level": ref.level})
        return cls(titles, order, pd.DataFrame(rows, columns=SKILL_COLUMNS), skill_order)


# ---------------------------------------------------------------- the cohort


@dataclass(frozen=True)
class Cohort:
    """A cohort's grading records, possibly narrowed by :meth:`filter`."""

    attempts: pd.DataFrame
    """Every usable record: one row per graded submission (``ATTEMPT_COLUMNS``)."""
    best: pd.DataFrame
    """One row per (learner, exercise): the attempt with the highest percent (a graded
    one before an ungraded one, then the earliest)."""
    checks: pd.DataFrame
    """One row per check outcome of the best attempts (``CHECK_COLUMNS``)."""
    manual: pd.DataFrame
    """Manual grades and comments from the gradebooks (``MANUAL_COLUMNS``)."""
    roster: tuple[str, ...]
    """Learners in view, sorted; kept by a module filter, so no-shows stay visible."""
    exercise_keys: tuple[str, ...]
    """Exercises in view, in catalog order; kept by a learner filter."""
    results: tuple[Path, ...]
    catalog: CatalogInfo = field(default_factory=CatalogInfo)
    notes: tuple[str, ...] = ()
    """Sentences about records that were skipped or facts that are unknown."""

    @property
    def modules(self) -> list[str]:
        return sorted({key.split("/", 1)[0] for key in self.exercise_keys})

    def title(self, exercise: str) -> str:
        return self.catalog.titles.get(exercise, exercise)

    def filter(self, modules: Iterable[str] | None = None,
               learners: Iterable[str] | None = None) -> Cohort:
        """The cohort narrowed to *modules* and *learners*; None or empty means all."""
        mods = set(modules or ())
        people = set(learners or ())

        def keep(frame: pd.DataFrame) -> pd.DataFrame:
            mask = pd.Series(True, index=frame.index)
            if mods:
                mask &= frame["module"].isin(mods)
            if people:
                mask &= frame["learner"].isin(people)
            return frame[mask].reset_index(drop=True)

        return replace(
            self, attempts=keep(self.attempts), best=keep(self.best), checks=keep(self.checks),
            manual=keep(self.manual),
            roster=tuple(p for p in self.roster if not people or p in people),
            exercise_keys=tuple(e for e in self.exercise_keys
                                if not mods or e.split("/", 1)[0] in mods))


def load(results: Sequence[Path], collected: Sequence[Path] = (),
         root: Path | None = None) -> Cohort:
    """Read every record of the *results* folders into a :class:`Cohort`.

    Damaged records, records of an unknown exercise and an unreadable gradebook
    or catalog are skipped with a note, never an exception; a folder that does
    not exist or holds no records, or a bad ``collected.json``, raises
    :class:`DashboardError`.
    """
    if not results:
        raise DashboardError("name at least one results folder (written by "
                             "'academy grade --out DIR')")
    folders = [Path(p) for p in results]
    files = {folder: record_files(folder) for folder in folders}
    manifests = _Manifests([Path(c) for c in collected])
    notes: list[str] = []
    catalog = CatalogInfo()
    if root is not None:
        try:
            catalog = CatalogInfo.load(Path(root))
        except DashboardError as exc:
            notes.append(f"{exc}; exercise titles and the skill profile are not shown.")
    attempts: list[dict[str, Any]] = []
    checks: list[dict[str, Any]] = []
    manual: list[dict[str, Any]] = []
    for folder in folders:
        damaged, unknown = 0, 0
        placed: dict[tuple[str, str], tuple[str, str]] = {}
        for path in files[folder]:
            try:
                record = validate_record(json.loads(path.read_text()))
            except (OSError, ValueError):
                damaged += 1
                continue
            entry = manifests.entry(record, folder)
            exercise = (record.exercise
                        or (f"{entry.module}/{entry.exercise}" if entry else None)
                        or _exercise_from_id(record.submission_id))
            if exercise is None:
                unknown += 1
                continue
            learner = entry.user if entry else learner_from_id(record.submission_id)
            placed[(record.submission_id, exercise.rsplit("/", 1)[-1])] = (learner, exercise)
            row = _attempt(len(attempts), record, learner, exercise, entry, folder, path)
            attempts.append(row)
            checks.extend(_checks(row, record))
        if damaged:
            notes.append(f"{damaged} damaged record(s) in {folder / 'results'} were skipped.")
        if unknown:
            notes.append(f"{unknown} record(s) in {folder / 'results'} do not say which "
                         "exercise they answer and were skipped.")
        book = folder / "gradebook.db"
        if book.is_file():
            try:
                manual.extend(read_manual_grades(book, placed, catalog, folder))
            except sqlite3.Error as exc:
                notes.append(f"{book} could not be read ({exc}); manual grades from it are "
                             "not shown.")
    if not attempts:
        raise DashboardError("no usable grading records in " + ", ".join(map(str, folders)))
    frame = _attempt_frame(attempts)
    best = _best(frame)
    check_frame = pd.DataFrame(checks, columns=CHECK_COLUMNS).astype(
        {"hidden": bool, "passed": bool, "points": float, "max_points": float})
    check_frame = check_frame[check_frame["attempt"].isin(best["attempt"])].reset_index(drop=True)
    if frame["submitted_at"].isna().any():
        notes.append("Some records have no submission time (they were not collected from the "
                     "hub): for them only the grading time is known.")
    keys = sorted(set(frame["exercise"]), key=lambda k: (catalog.order.get(k, math.inf), k))
    return Cohort(frame, best, check_frame,
                  pd.DataFrame(manual, columns=MANUAL_COLUMNS).astype({"score": float,
                                                                       "max_score": float}),
                  tuple(sorted(set(frame["learner"]))), tuple(keys), tuple(folders), catalog,
                  tuple(notes))


def from_env(environ: Mapping[str, str] | None = None) -> Cohort:
    """The cohort named by the environment ``serve`` gives the notebook's kernel."""
    env = os.environ if environ is None else environ
    if not env.get(RESULTS_ENV):
        raise DashboardError(f"no results folders were given ({RESULTS_ENV} is not set); "
                             "start the dashboard with 'academy dashboard RESULTS...'")
    results = _paths(env[RESULTS_ENV], RESULTS_ENV)
    collected = _paths(env.get(COLLECTED_ENV) or "[]", COLLECTED_ENV)
    root = Path(env[ROOT_ENV]) if env.get(ROOT_ENV) else None
    return load(results, collected, root)


def _paths(text: str, name: str) -> list[Path]:
    try:
        value = json.loads(text)
    except ValueError:
        value = None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DashboardError(f"{name} must be a JSON list of folder paths")
    return [Path(v) for v in value]


def _attempt(number: int, record: GradingResult, learner: str, exercise: str,
             entry: Submitted | None, folder: Path, path: Path) -> dict[str, Any]:
    submitted = parse_time(entry.submitted_at) if entry else None
    graded = parse_time(record.graded_at)
    return {
        "attempt": number, "learner": learner, "module": exercise.split("/", 1)[0],
        "exercise": exercise, "submission_id": record.submission_id,
        "score": record.score, "max_score": record.max_score,
        "percent": 100.0 * record.score / record.max_score if record.max_score else 0.0,
        "status": record.status, "reason": record.reason, "submitted_at": submitted,
        "graded_at": graded, "when": submitted or graded, "results": str(folder),
        "record": str(path)}


def _checks(row: dict[str, Any], record: GradingResult) -> list[dict[str, Any]]:
    return [{"attempt": row["attempt"], "learner": row["learner"], "module": row["module"],
             "exercise": row["exercise"], "status": row["status"], "check_id": c.id,
             "title": c.title, "hidden": c.hidden, "points": c.points,
             "max_points": c.max_points, "passed": c.passed} for c in record.checks]


def _attempt_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=ATTEMPT_COLUMNS)
    for column in ("submitted_at", "graded_at", "when"):
        frame[column] = pd.to_datetime(pd.Series(frame[column], dtype=object), utc=True)
    return frame.astype({"score": float, "max_score": float, "percent": float})


def _best(attempts: pd.DataFrame) -> pd.DataFrame:
    ordered = attempts.assign(_graded=attempts["status"].eq("graded")).sort_values(
        ["learner", "exercise", "percent", "_graded", "when", "attempt"],
        ascending=[True, True, False, False, True, True], kind="stable")
    return (ordered.drop_duplicates(["learner", "exercise"], keep="first")
            .drop(columns="_graded").reset_index(drop=True))


# ---------------------------------------------------------------- manual grades


def read_manual_grades(book: Path, placed: Mapping[tuple[str, str], tuple[str, str]],
                       catalog: CatalogInfo, results: Path | None = None
                       ) -> list[dict[str, Any]]:
    """Cells of an nbgrader gradebook that carry a manual score or a manual comment.

    Formgrader writes an instructor's score into ``grade.manual_score`` and the
    feedback into ``comment.manual_comment`` (of the solution cell of the same
    name). *placed* maps (student id, assignment name) to (learner, exercise
    key), as the records of the same folder say; the gradebook is opened
    read-only and never changed.
    """
    uri = book.resolve().as_uri() + "?mode=ro"
    with contextlib.closing(sqlite3.connect(uri, uri=True)) as db:
        grades = db.execute(
            "SELECT sa.student_id, a.name, n.name, bc.name, gc.cell_type, gc.max_score, "
            "g.auto_score, g.manual_score "
            "FROM grade g JOIN submitted_notebook sn ON g.notebook_id = sn.id "
            "JOIN submitted_assignment sa ON sn.assignment_id = sa.id "
            "JOIN assignment a ON sa.assignment_id = a.id "
            "JOIN notebook n ON sn.notebook_id = n.id "
            "JOIN base_cell bc ON g.cell_id = bc.id "
            "JOIN grade_cells gc ON gc.id = bc.id").fetchall()
        comments = db.execute(
            "SELECT sa.student_id, a.name, n.name, bc.name, c.manual_comment "
            "FROM comment c JOIN submitted_notebook sn ON c.notebook_id = sn.id "
            "JOIN submitted_assignment sa ON sn.assignment_id = sa.id "
            "JOIN assignment a ON sa.assignment_id = a.id "
            "JOIN notebook n ON sn.notebook_id = n.id "
            "JOIN base_cell bc ON c.cell_id = bc.id "
            "WHERE c.manual_comment IS NOT NULL AND trim(c.manual_comment) != ''").fetchall()
    cells: dict[tuple[str, str, str, str], dict[str, Any]] = {}
    for student, assignment, notebook, cell, cell_type, max_score, auto, manual in grades:
        cells[(student, assignment, notebook, cell)] = {
            "kind": "free text" if cell_type == "markdown" else cell_type,
            "max_score": max_score, "auto": auto, "manual": manual, "comment": None}
    for student, assignment, notebook, cell, comment in comments:
        slot = cells.setdefault((student, assignment, notebook, cell), {
            "kind": "comment", "max_score": None, "auto": None, "manual": None,
            "comment": None})
        slot["comment"] = comment.strip()
    by_id = {key.rsplit("/", 1)[-1]: key for key in catalog.titles}
    rows = []
    for (student, assignment, _notebook, cell), slot in sorted(cells.items()):
        if slot["manual"] is None and slot["comment"] is None:
            continue
        learner, exercise = placed.get((student, assignment), (
            learner_from_id(student), by_id.get(assignment, assignment)))
        score = slot["manual"] if slot["manual"] is not None else slot["auto"]
        rows.append({"learner": learner, "module": exercise.split("/", 1)[0],
                     "exercise": exercise, "cell": cell, "kind": slot["kind"],
                     "score": math.nan if score is None else float(score),
                     "max_score": math.nan if slot["max_score"] is None
                     else float(slot["max_score"]),
                     "comment": slot["comment"] or "", "results": str(results or book.parent)})
    return rows


# ---------------------------------------------------------------- the views


def progress_matrix(cohort: Cohort) -> pd.DataFrame:
    """Learners (rows) by exercises (columns); the best score in percent, NaN if none."""
    best = cohort.best
    matrix = best.pivot(index="learner", columns="exercise", values="percent") \
        if not best.empty else pd.DataFrame(dtype=float)
    return matrix.reindex(index=list(cohort.roster), columns=list(cohort.exercise_keys)) \
        .astype(float).rename_axis(index="learner", columns="exercise")


def score_distribution(cohort: Cohort) -> dict[str, list[float]]:
    """The best percents of each exercise that has any, in catalog order."""
    groups = cohort.best.groupby("exercise")["percent"]
    present = {key: sorted(values.tolist()) for key, values in groups}
    return {key: present[key] for key in cohort.exercise_keys if key in present}


def exercise_summary(cohort: Cohort) -> pd.DataFrame:
    """Per exercise: learners who submitted, mean/median/min/max percent, full marks."""
    columns = ["exercise", "title", "submitted", "mean", "median", "min", "max", "full_marks"]
    rows = []
    for key, values in score_distribution(cohort).items():
        series = pd.Series(values, dtype=float)
        rows.append({"exercise": key, "title": cohort.title(key), "submitted": len(values),
                     "mean": series.mean(), "median": series.median(), "min": series.min(),
                     "max": series.max(), "full_marks": int((series >= 100.0).sum())})
    return pd.DataFrame(rows, columns=columns)


def most_failed_checks(cohort: Cohort, limit: int | None = 10) -> pd.DataFrame:
    """Checks failed by the most learners, with the share of learners failing each.

    Counted on best attempts that were graded normally: an invalid or timed-out
    notebook fails every check without saying anything about one. *share* is
    failed / learners whose graded best attempt ran the check.
    """
    columns = ["exercise", "check_id", "title", "hidden", "failed", "learners", "share"]
    graded = cohort.checks[cohort.checks["status"] == "graded"]
    if graded.empty:
        return pd.DataFrame(columns=columns)
    table = graded.assign(failed=~graded["passed"]).groupby(
        ["exercise", "check_id"], as_index=False, sort=False).agg(
        title=("title", "first"), hidden=("hidden", "first"), failed=("failed", "sum"),
        learners=("learner", "nunique"))
    table = table[table["failed"] > 0].astype({"failed": int, "learners": int})
    table["share"] = table["failed"] / table["learners"]
    table["_order"] = [cohort.catalog.order.get(k, math.inf) for k in table["exercise"]]
    table = table.sort_values(["share", "failed", "_order", "exercise", "check_id"],
                              ascending=[False, False, True, True, True], kind="stable")
    table = table[columns].reset_index(drop=True)
    return table if limit is None else table.head(limit)


def skill_profile(cohort: Cohort) -> pd.DataFrame:
    """Per skill assessed by the exercises in view: the mean best percent over every
    (learner, exercise) whose exercise assesses it, in taxonomy order."""
    columns = ["skill", "title", "area", "level", "exercises", "attempts", "mean_percent"]
    merged = cohort.best[["learner", "exercise", "percent"]].merge(
        cohort.catalog.skills, on="exercise")
    if merged.empty:
        return pd.DataFrame(columns=columns)
    table = merged.groupby("skill", as_index=False).agg(
        title=("title", "first"), area=("area", "first"), level=("level", "max"),
        exercises=("exercise", "nunique"), attempts=("percent", "size"),
        mean_percent=("percent", "mean"))
    order = cohort.catalog.skill_order
    table = table.sort_values("skill", key=lambda s: s.map(lambda v: order.get(v, math.inf)),
                              kind="stable")
    return table[columns].reset_index(drop=True)


def time_to_completion(cohort: Cohort) -> pd.DataFrame:
    """Per learner: from the first submission to the one that completed the last exercise.

    An exercise is completed by its best attempt (the earliest, among equals).
    Only submission times (from ``collected.json``) count: a learner with any
    record known only by its grading time gets NaT and the basis says why.
    """
    columns = ["learner", "exercises", "full_marks", "first_submission", "completed_at",
               "time_to_completion", "basis"]
    attempts = dict(tuple(cohort.attempts.groupby("learner")))
    bests = dict(tuple(cohort.best.groupby("learner")))
    rows = []
    for learner in cohort.roster:
        mine, best = attempts.get(learner), bests.get(learner)
        row: dict[str, Any] = {
            "learner": learner, "exercises": 0 if best is None else len(best),
            "full_marks": 0 if best is None else int((best["percent"] >= 100.0).sum()),
            "first_submission": None, "completed_at": None, "time_to_completion": None}
        if mine is None or best is None:
            row["basis"] = "nothing submitted"
        elif mine["submitted_at"].isna().any():
            row["basis"] = "grading time only"
        else:
            row["basis"] = "submission time"
            row["first_submission"] = mine["submitted_at"].min()
            row["completed_at"] = best["submitted_at"].max()
            row["time_to_completion"] = row["completed_at"] - row["first_submission"]
        rows.append(row)
    table = pd.DataFrame(rows, columns=columns)
    for column in ("first_submission", "completed_at"):
        table[column] = pd.Series(table[column].tolist(), index=table.index,
                                  dtype="datetime64[ns, UTC]")
    table["time_to_completion"] = pd.Series(table["time_to_completion"].tolist(),
                                            index=table.index, dtype="timedelta64[ns]")
    return table


def export_table(cohort: Cohort) -> pd.DataFrame:
    """The best attempts in view, one row per (learner, exercise), as the CSV holds them."""
    failed = (cohort.checks[~cohort.checks["passed"]].groupby("attempt")["check_id"]
              .agg(lambda ids: ";".join(ids)))
    position = {key: i for i, key in enumerate(cohort.exercise_keys)}
    best = sorted(cohort.best.itertuples(index=False),
                  key=lambda r: (r.learner, position.get(r.exercise, len(position)), r.exercise))
    rows = [{"learner": r.learner, "module": r.module, "exercise": r.exercise,
             "title": cohort.title(r.exercise), "score": r.score, "max_score": r.max_score,
             "percent": round(r.percent, 1), "status": r.status, "reason": r.reason or "",
             "submitted_at": _iso(r.submitted_at), "graded_at": _iso(r.graded_at),
             "failed_checks": failed.get(r.attempt, "")}
            for r in best]
    return pd.DataFrame(rows, columns=EXPORT_COLUMNS)


def export_csv(cohort: Cohort, folder: Path | None = None) -> Path:
    """Write :func:`export_table` as ``dashboard-export.csv`` into *folder* (default: the
    first results folder) and return its path."""
    path = (folder or cohort.results[0]) / EXPORT_NAME
    write_atomic(path, export_table(cohort).to_csv(index=False, lineterminator="\n"))
    return path


def csv_data_url(cohort: Cohort) -> str:
    """:func:`export_table` as a ``data:`` URL, for a download link that needs no server."""
    text = export_table(cohort).to_csv(index=False, lineterminator="\n")
    return "data:text/csv;charset=utf-8;base64," + base64.b64encode(text.encode()).decode()


def _missing(value: Any) -> bool:
    return value is None or (not isinstance(value, str | bytes | list | tuple | dict)
                             and bool(pd.isna(value)))


def _iso(stamp: Any) -> str:
    return "" if pd.isna(stamp) else pd.Timestamp(stamp).isoformat()


# ---------------------------------------------------------------- text and HTML


def format_percent(value: float | None) -> str:
    """``83%``; an em dash when there is nothing."""
    if value is None or pd.isna(value):
        return NOT_SUBMITTED
    return f"{value:.0f}%"


def format_duration(value: Any) -> str:
    """``2 d 3 h 5 min``; ``n/a`` when the duration is not known."""
    if value is None or pd.isna(value):
        return NOT_KNOWN
    seconds = pd.Timedelta(value).total_seconds()
    minutes = int(seconds // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = [f"{n} {unit}" for n, unit in ((days, "d"), (hours, "h"), (mins, "min")) if n]
    if parts:
        return " ".join(parts)
    return "under 1 min" if seconds > 0 else "0 min"


def percent_colour(value: float | None) -> str:
    """A background colour from red (0%) through yellow (50%) to green (100%); grey if none."""
    if value is None or pd.isna(value):
        return "#eeeeee"
    stops = [(0.0, (0xf4, 0x6d, 0x43)), (50.0, (0xfe, 0xe0, 0x8b)), (100.0, (0x66, 0xbd, 0x63))]
    x = min(max(float(value), 0.0), 100.0)
    (x0, c0), (x1, c1) = (stops[0], stops[1]) if x <= 50.0 else (stops[1], stops[2])
    t = (x - x0) / (x1 - x0)
    return "#" + "".join(f"{round(a + (b - a) * t):02x}" for a, b in zip(c0, c1, strict=True))


def matrix_html(cohort: Cohort) -> str:
    """The progress matrix as an HTML table: a coloured cell per learner and exercise."""
    matrix = progress_matrix(cohort)
    esc = html.escape
    head = "".join(f'<th title="{esc(cohort.title(k))}">{esc(k)}</th>' for k in matrix.columns)
    body = []
    for learner, row in matrix.iterrows():
        cells = "".join(
            f'<td data-learner="{esc(str(learner))}" data-exercise="{esc(k)}" '
            f'style="background:{percent_colour(v)};text-align:center">{format_percent(v)}</td>'
            for k, v in row.items())
        body.append(f"<tr><th>{esc(str(learner))}</th>{cells}</tr>")
    return (f'<table class="academy-matrix"><thead><tr><th>learner</th>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table>')


def table_html(frame: pd.DataFrame, css_class: str, formats: Mapping[str, Any] | None = None
               ) -> str:
    """A frame as an escaped HTML table; *formats* maps a column to a formatter.

    Column names are shown with spaces for underscores (``full_marks``: full marks).
    """
    shown = frame.copy()
    for column, formatter in (formats or {}).items():
        if column in shown:
            shown[column] = [formatter(v) for v in shown[column]]
    for column in shown.columns:  # to_html shows None as "None" in object columns
        if pd.api.types.is_object_dtype(shown[column]):
            shown[column] = [NOT_KNOWN if _missing(v) else v for v in shown[column]]
    shown.columns = [str(c).replace("_", " ") for c in shown.columns]
    return shown.to_html(index=False, escape=True, classes=css_class, na_rep=NOT_KNOWN,
                         border=0)
