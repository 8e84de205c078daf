"""Every exercise's model solution earns full marks in the Docker sandbox, inside the
image of the environment the exercise names: the environments hold what the
exercises need, and nothing in grading depends on the grader's own venv."""

from __future__ import annotations

import pytest

from academy.catalog.load import Catalog
from academy.grading.docker_sandbox import DockerSandbox
from academy.grading.engine import Grader
from academy.grading.sandbox import SandboxUnavailable

from ..conftest import ROOT

pytestmark = [pytest.mark.docker, pytest.mark.slow]

EXERCISES = [e.key for e in Catalog.load(ROOT).exercises()]


@pytest.fixture(scope="module")
def docker_grader(catalog):
    try:
        return Grader(catalog, seed=20261123, sandbox=DockerSandbox(ROOT))
    except SandboxUnavailable as exc:  # a failure, not a skip: CI must run these
        pytest.fail(f"the Docker sandbox is not available: {exc}")


@pytest.mark.parametrize("key", EXERCISES)
def test_model_solution_earns_full_marks_in_its_environment(docker_grader, catalog, key):
    entry = catalog.exercise(key)
    result = docker_grader.grade(entry.source, "model", key)
    assert result.sandbox.kind == "docker"
    assert result.sandbox.image and result.sandbox.image.startswith(f"academy/{entry.environment}:")
    assert (result.status, result.score) == ("graded", result.max_score), (
        result.reason, [(c.id, c.message) for c in result.checks if not c.passed], result.notes)
