"""Hostile submissions against the Docker sandbox, graded as one batch beside honest ones.

Each case in ``cases.py`` must be contained, score what it deserves and say why;
the honest submissions of the same batch must be graded exactly as in a batch
without the hostile ones. Runs in CI against the real engine (``make test``
builds the base environment first).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from academy.grading.batch import grade_batch
from academy.grading.docker_sandbox import LABEL, DockerSandbox
from academy.grading.loader import wrong_solutions
from academy.grading.sandbox import Limits, SandboxUnavailable
from academy.grading.verify import with_extra_cells

from ..conftest import METRICS, ROOT
from .cases import CASES, Case

pytestmark = [pytest.mark.docker, pytest.mark.slow]

QUICK = Limits(wall_seconds=30, cell_timeout=8, probe_timeout=4, memory_mb=1536)
SEED = 4242


@pytest.fixture(scope="module")
def sandbox():
    try:
        return DockerSandbox(ROOT)
    except SandboxUnavailable as exc:  # a failure, not a skip: CI must run these
        pytest.fail(f"the Docker sandbox is not available: {exc}")


def honest(catalog, folder: Path) -> list[str]:
    """The honest submissions: model solution, student version, two wrong solutions."""
    entry = catalog.exercise(METRICS)
    folder.mkdir(parents=True)
    shutil.copy(entry.source, folder / "model.ipynb")
    wrongs = wrong_solutions(entry.grader)[:2]
    for i, wrong in enumerate(wrongs):
        with_extra_cells(entry.source, wrong.code, dest=folder / f"wrong{i}.ipynb")
    from academy.build.student import build_exercise

    student = build_exercise(entry, folder.parents[2] / "student-build").notebook
    shutil.copy(student, folder / "untouched.ipynb")
    return ["model", "wrong0", "wrong1", "untouched"]


def run_batch(catalog, sandbox, target: Path, out: Path):
    """Short limits, so hostile submissions stop quickly."""
    return grade_batch(catalog, target, out, seed=SEED, sandbox=sandbox, jobs=2, limits=QUICK)


@pytest.fixture(scope="module")
def batches(catalog, sandbox, tmp_path_factory):
    """One batch of honest submissions alone, one with every hostile case added."""
    base = tmp_path_factory.mktemp("hostile")
    source = catalog.exercise(METRICS).source
    alone = base / "alone"
    names = honest(catalog, alone / "subs" / "honest")
    mixed = base / "mixed"
    shutil.copytree(alone / "subs", mixed / "subs")
    for case in CASES:
        folder = mixed / "subs" / case.name
        folder.mkdir()
        case.build(source, folder)
    clean = run_batch(catalog, sandbox, alone / "subs", alone / "out")
    dirty = run_batch(catalog, sandbox, mixed / "subs", mixed / "out")
    return names, clean, dirty, mixed


def by_id(report):
    return {r.submission_id: r for r in report.results}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_submission_is_contained_and_scored(batches, case: Case):
    _, _, dirty, _ = batches
    results = by_id(dirty)
    matching = [r for key, r in results.items() if key.startswith(f"{case.name}--")]
    assert len(matching) == 1, sorted(results)
    case.expect(matching[0])
    if matching[0].status != "invalid":
        assert matching[0].sandbox.kind == "docker"
        assert matching[0].sandbox.image_digest.startswith("sha256:")


def test_honest_submissions_are_graded_as_if_the_hostile_ones_were_absent(batches):
    names, clean, dirty, _ = batches
    before, after = by_id(clean), by_id(dirty)
    assert sorted(before) == sorted(names)
    for name in names:
        a, b = before[name], after[name]
        assert (a.status, a.score, a.reason) == (b.status, b.score, b.reason), name
        assert [(c.id, c.points, c.message) for c in a.checks] == \
               [(c.id, c.points, c.message) for c in b.checks], name
    assert before["model"].score == 12 and before["untouched"].score == 0


def test_the_forged_record_is_replaced_by_the_graders_own(batches):
    _, _, _, mixed = batches
    record = json.loads((mixed / "out" / "results" / "forged-result--sub.json").read_text())
    assert record["score"] == 11 and record["grader_version"]
    assert "seed" in record and record["sandbox"]["kind"] == "docker"


def test_no_sandbox_container_is_left_behind(batches, sandbox):
    import os
    import socket

    owner = f"{socket.gethostname()}:{os.getpid()}"
    left = sandbox.client.containers.list(
        all=True, filters={"label": [LABEL, f"academy.owner={owner}"]})
    assert left == []


def test_records_carry_image_lockfile_and_resources(batches):
    _, clean, _, _ = batches
    model = by_id(clean)["model"]
    assert model.sandbox.image and model.sandbox.image.startswith("academy/base:")
    assert model.environment is not None and len(model.environment.lockfile_sha256 or "") == 64
    assert model.resources.peak_memory_mb > 10
    assert model.timings.sandbox_cpu_seconds > 0
