"""Grade a notebook or a folder of them into an output folder.

``OUT/results/<id>.json``   one schema-validated record per submission
``OUT/feedback/<id>.html``  one feedback page per submission
``OUT/gradebook.db``        nbgrader gradebook (``nbgrader export`` reads it)
``OUT/summary.csv``         one row per submission
``OUT/batch.json``          the batch's seed, so a resumed batch grades alike

A record is written atomically as soon as its submission is graded; a
rerun skips submissions whose record matches the file's hash, so killing a
batch loses no finished result and regrades nothing.
"""

from __future__ import annotations

import csv
import io
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from academy.catalog.load import Catalog, CatalogError
from academy.grading import gradebook
from academy.grading.engine import Grader, file_sha256
from academy.grading.feedback import render
from academy.grading.results import GradingResult, validate_record, write_atomic

SKIP_PARTS = {".ipynb_checkpoints", "_academy", "__pycache__"}


class BatchError(Exception):
    """A batch that cannot start; the message is one sentence for the user."""


@dataclass(frozen=True)
class Submission:
    id: str
    path: Path


def discover(target: Path) -> list[Submission]:
    """Notebooks to grade under *target*, each with a stable, unique id."""
    if not target.exists():
        raise BatchError(f"{target} does not exist")
    if target.is_file():
        return [Submission(_safe_id(target.stem), target)]
    paths = sorted(p for p in target.rglob("*.ipynb")
                   if (p.is_file() or p.is_symlink())
                   and not SKIP_PARTS & set(p.relative_to(target).parts))
    if not paths:
        raise BatchError(f"no .ipynb notebooks found under {target}")
    stems = [p.stem for p in paths]
    subs = []
    for path in paths:
        rel = path.relative_to(target).with_suffix("")
        name = path.stem if stems.count(path.stem) == 1 else "--".join(rel.parts)
        subs.append(Submission(_safe_id(name), path))
    return subs


def _safe_id(name: str) -> str:
    cleaned = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in name)
    return cleaned.strip(".") or "submission"


def _batch_seed(out: Path, seed: int | None) -> int:
    meta = out / "batch.json"
    if meta.is_file():
        try:
            stored = int(json.loads(meta.read_text())["seed"])
        except (ValueError, KeyError, TypeError) as exc:
            raise BatchError(f"{meta} is damaged; remove it to start a new batch") from exc
        if seed is not None and seed != stored:
            raise BatchError(f"{out} holds a batch graded with seed {stored}; use another "
                             "--out folder or the same seed")
        return stored
    chosen = secrets.randbelow(2**31) if seed is None else seed
    write_atomic(meta, json.dumps({"seed": chosen}) + "\n")
    return chosen


def _existing(path: Path, sha: str | None) -> GradingResult | None:
    if not path.is_file():
        return None
    try:
        result = validate_record(json.loads(path.read_text()))
    except Exception:  # noqa: BLE001 - a damaged record is regraded
        return None
    return result if result.submission_sha256 == sha else None


@dataclass
class BatchReport:
    out: Path
    seed: int
    results: list[GradingResult]
    skipped: int


def grade_batch(catalog: Catalog, target: Path, out: Path, *, exercise: str | None = None,
                seed: int | None = None, sandbox: object = None,
                progress: Callable[[Submission, GradingResult, bool], None] | None = None
                ) -> BatchReport:
    """Grade every notebook under *target*; never stops for a broken submission."""
    subs = discover(target)
    if exercise is not None:
        try:
            catalog.exercise(exercise)
        except CatalogError as exc:
            raise BatchError(str(exc)) from exc
    out.mkdir(parents=True, exist_ok=True)
    run_seed = _batch_seed(out, seed)
    config = out / "nbgrader_config.py"
    if not config.exists():
        write_atomic(config, "# Lets `nbgrader export` and formgrader run from this folder.\n"
                     "c = get_config()  # noqa: F821\n"
                     f"c.CourseDirectory.root = {str(out.resolve())!r}\n"
                     f"c.CourseDirectory.course_id = {gradebook.COURSE_ID!r}\n"
                     f"c.CourseDirectory.db_url = {gradebook.db_url(out / 'gradebook.db')!r}\n")
    grader = Grader(catalog, seed=run_seed, sandbox=sandbox)
    results: list[GradingResult] = []
    skipped = 0
    with gradebook.GradebookWriter(out / "gradebook.db") as book:
        for sub in subs:
            skipped += _grade_one(catalog, grader, book, out, sub, exercise, results, progress)
    write_atomic(out / "summary.csv", summary_csv(results))
    return BatchReport(out, run_seed, results, skipped)


def _grade_one(catalog: Catalog, grader: Grader, book: gradebook.GradebookWriter, out: Path,
               sub: Submission, exercise: str | None, results: list[GradingResult],
               progress: Callable[[Submission, GradingResult, bool], None] | None) -> int:
    """Grade one submission unless its record is current; return 1 if it was reused."""
    record_path = out / "results" / f"{sub.id}.json"
    previous = _existing(record_path, file_sha256(sub.path))
    if previous is not None:
        results.append(previous)
        if progress:
            progress(sub, previous, True)
        return 1
    result = grader.grade(sub.path, sub.id, exercise)
    data = json.loads(result.model_dump_json())
    validate_record(data)
    if result.exercise is not None:
        entry = catalog.exercise(result.exercise)
        book.record(grader.suite(entry), entry.id, result)
    write_atomic(out / "feedback" / f"{sub.id}.html", render(result))
    write_atomic(record_path, json.dumps(data, indent=2) + "\n")
    results.append(result)
    if progress:
        progress(sub, result, False)
    return 0


def summary_csv(results: list[GradingResult]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["submission_id", "exercise", "status", "score", "max_score", "percent",
                     "failed_checks", "reason", "sandbox_wall_seconds", "peak_memory_mb"])
    for r in sorted(results, key=lambda r: r.submission_id):
        percent = round(100 * r.score / r.max_score, 1) if r.max_score else 0.0
        failed = ";".join(c.id for c in r.checks if not c.passed)
        writer.writerow([r.submission_id, r.exercise or "", r.status, f"{r.score:g}",
                         f"{r.max_score:g}", percent, failed, r.reason or "",
                         r.timings.sandbox_wall_seconds, r.resources.peak_memory_mb])
    return buf.getvalue()
