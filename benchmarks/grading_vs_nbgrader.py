"""Grading throughput: `academy grade` vs `nbgrader autograde`, same machine, same run.

Both grade N copies of the metrics-from-scratch model solution. nbgrader runs
a test cell inside each student's kernel, one submission at a time (the
approach this project replaces; it has no parallel autograde); academy runs
each notebook in a sandbox and judges outside, in three ways: the local
sandbox one at a time, the Docker sandbox (one locked-down container per
submission) one at a time, and the Docker sandbox with one worker per core.
Prints seconds per submission for each and the ratio to nbgrader. The Docker
rows need an engine and the base environment (`make envs`).

    .venv/bin/python benchmarks/grading_vs_nbgrader.py [N]
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXERCISE = ROOT / "exercises" / "m04-evaluation" / "metrics-from-scratch" / "source.ipynb"
BIN = Path(sys.executable).parent

# An nbgrader-style autograder cell: asserts inside the student's kernel.
TEST_CELL = """
import numpy as np
from sklearn import metrics
rng = np.random.default_rng(0)
for n in (20, 200, 1000):
    y = (rng.random(n) < 0.3).astype(int); y[:2] = [1, 0]
    p = np.where(rng.random(n) < 0.25, 1 - y, y)
    s = rng.normal(size=n) + y
    assert abs(precision(y, p) - metrics.precision_score(y, p, zero_division=0)) < 1e-9
    assert abs(recall(y, p) - metrics.recall_score(y, p, zero_division=0)) < 1e-9
    assert abs(f1(y, p) - metrics.f1_score(y, p, zero_division=0)) < 1e-9
    assert abs(roc_auc(y, s) - metrics.roc_auc_score(y, s)) < 1e-9
"""


def nbgrader_course(root: Path, n: int) -> None:
    nb = json.loads(EXERCISE.read_text())
    nb["cells"].append({"cell_type": "code", "execution_count": None, "id": "tests",
                        "metadata": {"nbgrader": {"grade": True, "grade_id": "tests",
                                                  "locked": True, "points": 12,
                                                  "schema_version": 3, "solution": False,
                                                  "task": False}},
                        "outputs": [], "source": TEST_CELL})
    src = root / "source" / "metrics"
    src.mkdir(parents=True)
    (src / "metrics.ipynb").write_text(json.dumps(nb))
    (root / "nbgrader_config.py").write_text(
        "c = get_config()\nc.CourseDirectory.course_id = 'bench'\n"
        f"c.Exchange.root = {str(root / 'exchange')!r}\n")
    run([str(BIN / "nbgrader"), "generate_assignment", "metrics", "--force"], root)
    lib = root / "source" / "metrics" / "_academy"
    lib.mkdir()
    (lib / "__init__.py").write_text("def check(*a, **k):\n    pass\n\nhint = check\n")
    for i in range(n):
        dest = root / "submitted" / f"s{i:03d}" / "metrics"
        dest.mkdir(parents=True)
        (dest / "metrics.ipynb").write_text(json.dumps(nb))
        shutil.copytree(lib, dest / "_academy")


def run(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False,
                          env={"PATH": f"{BIN}:/usr/bin:/bin", "HOME": str(cwd)})
    if proc.returncode != 0:
        sys.exit(f"{cmd[0]} failed: {proc.stderr[-500:]}")
    return time.perf_counter() - start


def main(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        course = Path(tmp) / "course"
        nbgrader_course(course, n)
        t_nbgrader = run([str(BIN / "nbgrader"), "autograde", "metrics", "--force"], course)
        subs = Path(tmp) / "subs"
        subs.mkdir()
        for i in range(n):
            shutil.copy(EXERCISE, subs / f"s{i:03d}.ipynb")
        cores = len(os.sched_getaffinity(0))
        rows = [("nbgrader autograde (in-kernel, serial)", t_nbgrader)]
        for label, flags in (("academy grade --sandbox local -j 1", ["--sandbox", "local", "-j", "1"]),
                             ("academy grade --sandbox docker -j 1", ["--sandbox", "docker", "-j", "1"]),
                             (f"academy grade --sandbox docker -j {cores}",
                              ["--sandbox", "docker", "-j", str(cores)])):
            out = Path(tmp) / f"out-{len(rows)}"
            rows.append((label, run([str(BIN / "academy"), "grade", str(subs), "--out", str(out),
                                     "--quiet", "--seed", "1", "--root", str(ROOT), *flags], ROOT)))
    print(f"submissions: {n}, cores: {cores}")
    for label, seconds in rows:
        print(f"{label:40s} {seconds:7.1f} s  {seconds / n:5.2f} s/submission  "
              f"ratio to nbgrader {seconds / t_nbgrader:.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
