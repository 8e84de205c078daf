"""Killing the grader with SIGKILL mid-batch loses no finished result and regrades none.

Runs the real CLI in a subprocess with the Docker sandbox and two workers,
kills its whole process group once some records exist, then runs it again.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from academy.grading import gradebook
from academy.grading.docker_sandbox import LABEL
from academy.grading.loader import wrong_solutions
from academy.grading.verify import with_extra_cells

from ..conftest import METRICS, ROOT

pytestmark = [pytest.mark.docker, pytest.mark.slow]

ACADEMY = str(Path(sys.executable).with_name("academy"))
COUNT = 12


def make_submissions(catalog, folder: Path) -> None:
    entry = catalog.exercise(METRICS)
    folder.mkdir()
    wrongs = wrong_solutions(entry.grader)
    for i in range(COUNT):
        if i % 3 == 0:
            shutil.copy(entry.source, folder / f"learner{i:02d}.ipynb")
        else:
            wrong = wrongs[i % len(wrongs)]
            with_extra_cells(entry.source, wrong.code, dest=folder / f"learner{i:02d}.ipynb")


def grade_command(subs: Path, out: Path) -> list[str]:
    return [ACADEMY, "grade", str(subs), "--out", str(out), "--seed", "7", "--jobs", "2",
            "--sandbox", "docker", "--quiet", "--root", str(ROOT)]


def snapshot(out: Path) -> dict[str, str]:
    return {p.name: p.read_text() for p in sorted((out / "results").glob("*.json"))}


def test_sigkill_mid_batch_then_rerun(catalog, tmp_path):
    subs, out = tmp_path / "subs", tmp_path / "out"
    make_submissions(catalog, subs)
    first = subprocess.Popen(grade_command(subs, out), start_new_session=True,  # noqa: S603
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and first.poll() is None:
        if len(list((out / "results").glob("*.json"))) >= 3:
            break
        time.sleep(0.05)
    assert first.poll() is None, "the batch finished before it could be killed"
    os.killpg(first.pid, signal.SIGKILL)
    first.wait()
    finished = snapshot(out)
    assert 3 <= len(finished) < COUNT
    for text in finished.values():  # every record on disk is complete and valid
        json.loads(text)

    second = subprocess.run(grade_command(subs, out), capture_output=True, text=True,  # noqa: S603
                            timeout=600, check=False)
    assert second.returncode == 0, second.stderr
    assert f"graded {COUNT - len(finished)}, reused {len(finished)}" in second.stdout
    after = snapshot(out)
    assert len(after) == COUNT
    for name, text in finished.items():  # reused byte for byte, not regraded
        assert after[name] == text
    scores = gradebook.scores(out / "gradebook.db")
    assert len(scores) == COUNT
    for text in after.values():
        record = json.loads(text)
        assert scores[("metrics-from-scratch", record["submission_id"])] == record["score"]
    assert (out / "summary.csv").read_text().count("\n") == COUNT + 1

    import docker

    client = docker.from_env()
    left = client.containers.list(all=True, filters={
        "label": [LABEL, f"academy.owner={os.uname().nodename}:{first.pid}"]})
    assert left == [], "the killed grader's containers were not cleaned up by the next run"
