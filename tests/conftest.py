"""Shared fixtures: the repository's own catalog and a grader with a fixed seed."""

from __future__ import annotations

from pathlib import Path

import pytest

from academy.catalog.load import Catalog
from academy.grading.engine import Grader
from academy.grading.sandbox import Limits

ROOT = Path(__file__).resolve().parent.parent
METRICS = "m04-evaluation/metrics-from-scratch"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return Catalog.load(ROOT)


@pytest.fixture(scope="session")
def grader(catalog: Catalog) -> Grader:
    return Grader(catalog, seed=12345)


@pytest.fixture(scope="session")
def quick_grader(catalog: Catalog) -> Grader:
    """Short time limits, so hostile submissions are stopped quickly."""
    limits = Limits(wall_seconds=25, cell_timeout=3, probe_timeout=2, memory_mb=1536)
    return Grader(catalog, seed=12345, limits=limits)



@pytest.fixture(scope="session", autouse=True)
def nothing_left_behind():
    """After the session, no container or image that this test process made through the
    lab or the Docker sandbox may remain (each xdist worker checks its own)."""
    yield
    import os
    import socket

    from academy.environments import EnvError, docker_client
    from academy.grading.docker_sandbox import LABEL as SANDBOX_LABEL
    from academy.grading.docker_sandbox import OWNER_LABEL as SANDBOX_OWNER
    from academy.lab.lab import LAB_LABEL, OWNER_LABEL

    try:
        client = docker_client(timeout=30)
    except EnvError:
        return  # no engine: nothing can have been left in it
    me = f"{socket.gethostname()}:{os.getpid()}"
    left = [c.name for c in client.containers.list(
        all=True, filters={"label": [f"{OWNER_LABEL}={me}"]}, ignore_removed=True)]
    left += [c.name for c in client.containers.list(
        all=True, filters={"label": [f"{SANDBOX_OWNER}={me}"]}, ignore_removed=True)
        if SANDBOX_LABEL in c.labels]
    left += [i.short_id for i in client.images.list(filters={"label": [f"{OWNER_LABEL}={me}"]})
             if LAB_LABEL in i.labels]
    assert not left, f"containers or images left behind by this test session: {left}"
