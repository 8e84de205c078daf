"""One case per exercise, generated from the catalog: the grader is proven on the
model solution (full marks), the student version (zero on hidden checks), every
wrong/ solution (loses exactly the checks it names) and every alternative (full)."""

from __future__ import annotations

import pytest

from academy.catalog.load import Catalog
from academy.grading.engine import Grader
from academy.grading.loader import load_suite, wrong_solutions
from academy.grading.verify import verify_exercise

from ..conftest import ROOT

EXERCISES = [e.key for e in Catalog.load(ROOT).exercises()]


@pytest.mark.slow
@pytest.mark.parametrize("key", EXERCISES)
def test_exercise_grader_is_proven(catalog, key):
    entry = catalog.exercise(key)
    result = verify_exercise(Grader(catalog, seed=20261123), entry)
    assert result.ok, "\n".join(result.problems)
    assert result.results["student"].score == 0


@pytest.mark.parametrize("key", EXERCISES)
def test_exercise_meets_the_bar(catalog, key):
    """CURRICULUM.md: three hidden checks, public checks, two hints, alternatives."""
    entry = catalog.exercise(key)
    suite = load_suite(entry.grader)
    hidden = [c for c in suite.checks if c.hidden]
    assert len(hidden) >= 3
    assert any(not c.hidden for c in suite.checks), "no public checks for instant feedback"
    assert all(len(c.hints) >= 2 for c in hidden)
    assert {t for w in wrong_solutions(entry.grader) for t in w.fails} >= {c.id for c in hidden}
    assert list((entry.grader / "alternatives").glob("*.py")), "no alternative solution"
