"""Checks for test-the-features: the learner's tests are graded by mutation testing.

Every hidden check asks the sandbox to run the learner's ``test_*`` functions
(through the runner built-in ``academy:run_tests``) against several versions of
``add_features``, sent as source text:

* the correct versions: the given function and three rewrites that behave the
  same (see ``reference.py``); each rewrite adds the new columns in a seeded
  random order that differs from the given one;
* the mutants of one group: the given function with one plausible bug each.

A test is *trusted* when it passes on every correct version. A mutant is
*killed* when at least one trusted test fails on it. So a suite without tests,
a suite whose tests fail on everything, and a test that inspects the source or
pins an unspecified detail (column order, dtype, exact float digits) can never
kill anything: only tests of the documented behaviour count.

* ``accepts-correct``: every test passes on every correct version;
* ``kills-<group>``: every mutant of the group is killed.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np

from academy.grading.checks import Answer, Call, Check, Suite, Verdict, public_checks

from . import reference
from .public import PUBLIC_CHECKS

RUN_TESTS = "academy:run_tests"
TARGET = "add_features"
ORDERS = [order for order in itertools.permutations(reference.NEW_COLUMNS)
          if order != reference.NEW_COLUMNS]


def _run(source: str) -> Call:
    return Call(RUN_TESTS, kwargs={"target": TARGET, "source": source})


def correct_calls(rng: np.random.Generator) -> list[Call]:
    """The given function, then each rewrite with its new columns in a random other order."""
    calls = [_run(reference.GIVEN_SOURCE)]
    for name in reference.EQUIVALENTS:
        order = ORDERS[int(rng.integers(len(ORDERS)))]
        calls.append(_run(reference.equivalent_source(name, order)))
    return calls


N_CORRECT = 1 + len(reference.EQUIVALENTS)


def _outcomes(answers: Sequence[Answer]) -> tuple[list[dict[str, str]], Verdict | None]:
    """The {test: outcome} answers, or a failing verdict if a run crashed or returned junk."""
    outcomes = []
    for answer in answers:
        if not answer.ok:
            error = answer.error or ""
            if error.startswith("Timeout"):
                return [], Verdict(False, "running your tests did not finish within the time "
                                          "limit: keep each test small and fast")
            return [], Verdict(False, f"running your tests failed: {error}")
        value = answer.value
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            return [], Verdict(False, "the test run returned something unexpected")
        outcomes.append(value)
    if not outcomes[0]:
        return [], Verdict(False, "no tests found: the grader runs every function whose name "
                                  "starts with test_")
    return outcomes, None


def _trusted(correct: list[dict[str, str]]) -> list[str]:
    """Tests that pass on every correct version."""
    return [name for name in correct[0]
            if all(outcome.get(name) == "passed" for outcome in correct)]


class _SuiteCheck(Check):
    """A hidden check that runs the learner's tests on several versions of add_features."""

    def __init__(self, id: str, title: str, points: float, *, hints: Sequence[str]) -> None:
        super().__init__(id, title, points, hidden=True, hints=hints)

    @property
    def functions(self) -> tuple[str, ...]:
        return (TARGET,)


class AcceptsCorrect(_SuiteCheck):
    """Every test passes on the given function and on each correct rewrite."""

    def calls(self, rng: np.random.Generator) -> list[Call]:
        return correct_calls(rng)

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        outcomes, failed = _outcomes(answers)
        if failed:
            return failed
        given = outcomes[0]
        broken = sorted(name for name, outcome in given.items() if outcome != "passed")
        if broken:
            first = given[broken[0]]
            return Verdict(False, f"{len(broken)} of your {len(given)} tests fail on the given "
                                  f"add_features ({', '.join(broken[:5])}); the first says: "
                                  f"{first[:200]}")
        rejecting = sorted({name for outcome in outcomes[1:] for name in given
                            if outcome.get(name) != "passed"})
        if rejecting:
            return Verdict(False, f"{len(rejecting)} of your tests fail on a correct rewrite of "
                                  "add_features that keeps every promise of its docstring: "
                                  f"{', '.join(rejecting[:5])}. They test something the contract "
                                  "leaves open, or how the function is written instead of what "
                                  "it does")
        return Verdict(True, self.title)


class KillsMutants(_SuiteCheck):
    """Every mutant of one group fails at least one trusted test."""

    def __init__(self, id: str, title: str, points: float, *, group: str, area: str,
                 hints: Sequence[str]) -> None:
        super().__init__(id, title, points, hints=hints)
        self.group = group
        self.area = area

    def calls(self, rng: np.random.Generator) -> list[Call]:
        return correct_calls(rng) + [_run(source)
                                     for source in reference.MUTANTS[self.group].values()]

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        outcomes, failed = _outcomes(answers)
        if failed:
            return failed
        trusted = _trusted(outcomes[:N_CORRECT])
        if not trusted:
            return Verdict(False, "none of your tests passes on all the correct versions of "
                                  "add_features, so none of them can count as catching a bug")
        mutants = outcomes[N_CORRECT:]
        survivors = sum(1 for outcome in mutants
                        if not any(outcome.get(name, "").startswith("failed")
                                   for name in trusted))
        if survivors:
            return Verdict(False, f"{survivors} of {len(mutants)} mutants that break "
                                  f"{self.area} survive your tests (every test you trust passes "
                                  "on them)")
        return Verdict(True, self.title)


SUITE = Suite(
    exercise="m01-engineering/test-the-features",
    checks=[
        *public_checks(PUBLIC_CHECKS),
        AcceptsCorrect(
            "accepts-correct", "your tests pass on every correct version of add_features", 2,
            hints=["A correct function may be written in many ways. Does any test depend on "
                   "something the docstring does not promise: the order of the four new "
                   "columns, the dtype of age_band, the exact last digits of a float, or the "
                   "source code of the function?",
                   "Compare floats with pytest.approx (0.3 and 3 * 0.1 differ in the last "
                   "digit), check the new columns as a set, and compare age_band values with "
                   ".tolist() or == on one value rather than its dtype."]),
        KillsMutants(
            "kills-ratio", "your tests catch the bugs in debt_to_income", 2,
            group="ratio", area="debt_to_income",
            hints=["Read the docstring line by line: a value, a cap, and two cases where the "
                   "ratio is missing. Is each of them pinned down by a test?",
                   "Test a ratio you can compute by hand, a ratio above the cap and one exactly "
                   "at it, income == 0 and income missing (both must give NaN: check with "
                   "np.isnan, not ==)."]),
        KillsMutants(
            "kills-amount", "your tests catch the bugs in log_amount", 2,
            group="amount", area="log_amount",
            hints=["log1p misbehaves in three places: below -1 (NaN), at -1 (-inf) and between "
                   "-1 and 0 (negative). Which of those amounts do your tests use?",
                   "Test amount 0 (gives 0.0), a positive amount (9.0 gives log(10)), refunds "
                   "of -0.5, -1.0 and -250 (all give 0.0), and a missing amount (stays NaN)."]),
        KillsMutants(
            "kills-age", "your tests catch the bugs in age_band", 2,
            group="age", area="age_band",
            hints=["Off-by-one errors live at the edges. Which ages sit exactly on an edge "
                   "between two bands, and which sit just below one?",
                   "Test every edge and the age just below it: 24 and 25, 39 and 40, 64 and "
                   "65; pytest.mark.parametrize turns that table into eight tests."]),
        KillsMutants(
            "kills-flag", "your tests catch the bugs in income_missing", 2,
            group="flag", area="income_missing",
            hints=["The flag has two ways to be wrong: it can miss a missing income, and it "
                   "can flag an income that is present. Do you test both directions?",
                   "Test a missing income (flag 1), an income of 0 (flag 0: zero is a value, "
                   "not a missing one) and an ordinary income (flag 0)."]),
        KillsMutants(
            "kills-contract", "your tests catch broken promises about the frame itself", 2,
            group="contract", area="the frame-level contract (input, columns, index)",
            hints=["The docstring promises three things about frames, not values: the input "
                   "is not modified, the input columns come back unchanged, and the index is "
                   "kept. Which of those do your tests check, and on what kind of frame?",
                   "Keep a copy of the input and compare after the call "
                   "(pd.testing.assert_frame_equal); compare the input columns of the result "
                   "with the input, using a negative amount; and use a frame whose index is "
                   "not 0..n-1 (e.g. index=[12, 5, 9]) and check the values row by row."]),
    ],
)
