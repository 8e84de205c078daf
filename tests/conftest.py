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

