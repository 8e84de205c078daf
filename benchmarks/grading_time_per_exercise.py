"""Time to grade one submission of every exercise, beside nbgrader, same run.

CURRICULUM.md asks that grading an exercise take under a minute on one core.
For each exercise this grades its model solution once with `academy grade`
in the Docker sandbox (the exercise's own environment image, one container
limited to one CPU, hidden checks included), and once with
`nbgrader autograde` on the same notebook and data files (executed in the
kernel with its public `check()` cells, no hidden checks: the cost of
running the notebook the way an in-kernel grader does). Prints seconds for
both, the ratio, and flags any exercise over the minute. Needs an engine and
the environments (`make envs`).

    .venv/bin/python benchmarks/grading_time_per_exercise.py [EXERCISE-KEY ...]
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from academy.build.student import build_exercise  # noqa: E402
from academy.catalog.load import Catalog, ExerciseEntry  # noqa: E402

BIN = Path(sys.executable).parent
BUDGET = 60.0


def run(cmd: list[str], cwd: Path) -> tuple[float, str]:
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False,  # noqa: S603
                          env={"PATH": f"{BIN}:/usr/bin:/bin", "HOME": str(cwd),
                               "OMP_NUM_THREADS": "1", "MLFLOW_ALLOW_FILE_STORE": "true"})
    elapsed = time.perf_counter() - start
    return elapsed, "" if proc.returncode == 0 else (proc.stderr or proc.stdout)[-300:]


def academy_time(entry: ExerciseEntry, tmp: Path) -> tuple[float, str]:
    subs = tmp / "academy-subs"
    subs.mkdir()
    shutil.copy(entry.source, subs / f"{entry.id}.ipynb")
    seconds, error = run([str(BIN / "academy"), "grade", str(subs), "--exercise", entry.key,
                          "--out", str(tmp / "academy-out"), "--quiet", "--seed", "1",
                          "--sandbox", "docker", "-j", "1", "--root", str(ROOT)], ROOT)
    if not error:
        record = json.loads(next((tmp / "academy-out" / "results").glob("*.json")).read_text())
        if record["status"] != "graded" or record["score"] != record["max_score"]:
            error = f"model solution: {record['status']}, {record['score']} of {record['max_score']}"
    return seconds, error


def nbgrader_time(entry: ExerciseEntry, tmp: Path) -> tuple[float, str]:
    course = tmp / "course"
    student = build_exercise(entry, tmp / "student").folder
    source = course / "source" / entry.id
    shutil.copytree(student, source)
    (source / f"{entry.id}.ipynb").unlink()
    shutil.copy(entry.source, source / f"{entry.id}.ipynb")
    (course / "nbgrader_config.py").write_text(
        "c = get_config()\nc.CourseDirectory.course_id = 'bench'\n"
        f"c.Exchange.root = {str(tmp / 'exchange')!r}\n"
        "c.ExecutePreprocessor.timeout = 600\n")
    _, error = run([str(BIN / "nbgrader"), "generate_assignment", entry.id, "--force"], course)
    if error:
        return 0.0, error
    shutil.copytree(source, course / "submitted" / "s000" / entry.id)
    return run([str(BIN / "nbgrader"), "autograde", entry.id, "--force"], course)


def main(keys: list[str]) -> int:
    catalog = Catalog.load(ROOT)
    entries = [catalog.exercise(k) for k in keys] if keys else catalog.exercises()
    print(f"{'exercise':45s} {'env':8s} {'academy s':>9s} {'nbgrader s':>10s} {'ratio':>6s}")
    slow = []
    for entry in entries:
        with tempfile.TemporaryDirectory() as tmp:
            ours, error = academy_time(entry, Path(tmp))
            theirs, their_error = nbgrader_time(entry, Path(tmp))
        ratio = f"{ours / theirs:6.2f}" if theirs and not their_error else "     -"
        note = f"  academy failed: {error}" if error else ""
        note += "  nbgrader failed" if their_error else ""
        note += "  OVER THE MINUTE" if ours > BUDGET else ""
        print(f"{entry.key:45s} {entry.environment:8s} {ours:9.1f} {theirs:10.1f} {ratio}{note}")
        if ours > BUDGET or error:
            slow.append(entry.key)
    if slow:
        print(f"over budget or failed: {', '.join(slow)}")
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
