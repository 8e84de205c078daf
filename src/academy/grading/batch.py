"""Grade a notebook or a folder of them into an output folder.

``OUT/results/<id>.json``   one schema-validated record per submission
``OUT/feedback/<id>.html``  one feedback page per submission
``OUT/gradebook.db``        nbgrader gradebook (``nbgrader export`` reads it)
``OUT/summary.csv``         one row per submission
``OUT/batch.json``          the batch's seed, so a resumed batch grades alike

Submissions are graded by ``jobs`` sandboxes at once. Records, feedback
pages and gradebook rows are written by one thread, as each submission
finishes; a record is written atomically, and last, so a record on disk
always means a finished result. A rerun skips submissions whose record
matches the file's hash: killing a batch, even with SIGKILL, loses no
finished result and regrades nothing.
"""

from __future__ import annotations

import csv
import io
import json
import os
import secrets
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from academy.catalog.load import Catalog, CatalogError
from academy.grading import gradebook
from academy.grading.archive import archive_stem, is_archive
from academy.grading.engine import Grader, file_sha256
from academy.grading.feedback import render
from academy.grading.results import GradingResult, validate_record, write_atomic
from academy.grading.sandbox import Limits, SandboxUnavailable

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
    if target.is_file() or target.is_symlink():
        return [Submission(_safe_id(_stem(target)), target)]
    paths = sorted(p for p in target.rglob("*")
                   if (p.suffix == ".ipynb" or is_archive(p))
                   and (p.is_file() or p.is_symlink())
                   and not SKIP_PARTS & set(p.relative_to(target).parts))
    if not paths:
        raise BatchError(f"no notebooks (.ipynb) or archives (.zip, .tar, .tar.gz) found "
                         f"under {target}")
    stems = [_stem(p) for p in paths]
    subs = []
    for path, stem in zip(paths, stems, strict=True):
        rel = path.relative_to(target)
        parts = [*rel.parts[:-1], stem]
        name = stem if stems.count(stem) == 1 else "--".join(parts)
        subs.append(Submission(_safe_id(name), path))
    ids = [s.id for s in subs]
    for sub in subs:  # an archive and a notebook with the same stem in one folder
        if ids.count(sub.id) > 1:
            raise BatchError(f"two submissions would share the id {sub.id!r} "
                             f"({sub.path.name}); rename one")
    return subs


def _stem(path: Path) -> str:
    return archive_stem(path) if is_archive(path) else path.stem


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


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
               else os.cpu_count() or 1)


def grade_batch(catalog: Catalog, target: Path, out: Path, *, exercise: str | None = None,
                seed: int | None = None, sandbox: object = None, jobs: int = 1,
                limits: Limits | None = None,
                progress: Callable[[Submission, GradingResult, bool], None] | None = None,
                on_start: Callable[[int, int], None] | None = None) -> BatchReport:
    """Grade every submission under *target*; never stops for a broken submission.

    *on_start* hears (submissions to grade, finished results reused) before
    grading begins; *progress* hears each submission as it finishes.
    """
    if jobs < 1:
        raise BatchError(f"--jobs must be at least 1 (got {jobs})")
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
    grader = Grader(catalog, seed=run_seed, sandbox=sandbox, limits=limits or Limits())
    results: list[GradingResult] = []
    todo: list[Submission] = []
    for sub in subs:
        previous = _existing(out / "results" / f"{sub.id}.json", file_sha256(sub.path))
        if previous is None:
            todo.append(sub)
            continue
        results.append(previous)
        if progress:
            progress(sub, previous, True)
    skipped = len(results)
    if on_start:
        on_start(len(todo), skipped)
    if todo:
        with gradebook.GradebookWriter(out / "gradebook.db") as book:
            _grade_parallel(catalog, grader, book, out, todo, exercise, jobs, results, progress)
    write_atomic(out / "summary.csv", summary_csv(results))
    return BatchReport(out, run_seed, results, skipped)


def _grade_parallel(catalog: Catalog, grader: Grader, book: gradebook.GradebookWriter,
                    out: Path, todo: list[Submission], exercise: str | None, jobs: int,
                    results: list[GradingResult],
                    progress: Callable[[Submission, GradingResult, bool], None] | None) -> None:
    """Grade *todo* in *jobs* threads; this thread alone writes records and the gradebook."""
    pending = iter(todo)
    running: dict[Future[GradingResult], Submission] = {}
    with ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="grade") as pool:
        def submit_next() -> None:
            sub = next(pending, None)
            if sub is not None:
                running[pool.submit(grader.grade, sub.path, sub.id, exercise)] = sub

        for _ in range(jobs):
            submit_next()
        while running:
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                sub = running.pop(future)
                try:
                    result = future.result()
                except SandboxUnavailable as exc:
                    for other in running:
                        other.cancel()
                    raise BatchError(str(exc)) from exc
                _write(catalog, grader, book, out, sub, result)
                results.append(result)
                if progress:
                    progress(sub, result, False)
                submit_next()


def _write(catalog: Catalog, grader: Grader, book: gradebook.GradebookWriter, out: Path,
           sub: Submission, result: GradingResult) -> None:
    """Gradebook row, feedback page, then the record: the record last marks it finished."""
    data = json.loads(result.model_dump_json())
    validate_record(data)
    if result.exercise is not None:
        entry = catalog.exercise(result.exercise)
        book.record(grader.suite(entry), entry.id, result)
    write_atomic(out / "feedback" / f"{sub.id}.html", render(result))
    write_atomic(out / "results" / f"{sub.id}.json", json.dumps(data, indent=2) + "\n")


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
