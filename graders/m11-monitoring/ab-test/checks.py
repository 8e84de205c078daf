"""Checks for ab-test: the public examples plus hidden random experiments.

``ab_decision`` answers a dict; each hidden check judges one key of it, so a learner
who gets the p-value right and the lift wrong loses only the lift:

* ``p-value-random``: the p-value on random experiments (B better and worse, equal and
  very unequal arms, from a few hundred to a million users);
* ``significant-random``: the decision, on experiments whose p-value is clearly on one
  side of alpha (by a factor of two, and on the same side whether or not the standard
  error is pooled), with alpha 0.01, 0.05 and 0.1;
* ``lift-random``: the relative lift.

``sample_size`` is judged exactly against the formula (``sample-size-random``) and by
what it achieves (``sample-size-power``): the power of the pooled two-sided test at the
learner's size must reach the target (within 0.01) without spending more than 5% more
users than needed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from academy.grading.checks import (
    AgreesWithReference,
    Answer,
    Call,
    HiddenCheck,
    Suite,
    Verdict,
    first_error,
    public_checks,
)

from . import reference
from .public import PUBLIC_CHECKS

KEYS = {"p_value", "significant", "lift"}
MAX_TRIES = 5000


def _experiment(rng: np.random.Generator, n_a: int, n_b: int, rate: float,
                lift: float) -> tuple[int, int, int, int]:
    """Binomial conversions for arms of the given sizes; A strictly between 0 and n_a."""
    for _ in range(MAX_TRIES):
        c_a = int(rng.binomial(n_a, rate))
        c_b = int(rng.binomial(n_b, min(rate * (1 + lift), 0.99)))
        if 0 < c_a < n_a:
            return c_a, n_a, c_b, n_b
    raise RuntimeError("could not draw an experiment")  # pragma: no cover


def decision_experiments(rng: np.random.Generator) -> list[tuple[int, int, int, int]]:
    """Experiments of very different shapes; B better in some, worse in others."""
    specs = [  # (n_a, n_b, base rate range, relative lift range)
        (5000, 5000, (0.03, 0.12), (0.05, 0.25)),
        (12000, 8000, (0.02, 0.08), (-0.25, -0.05)),
        (300, 450, (0.1, 0.3), (-0.3, 0.3)),
        (100_000, 100_000, (0.01, 0.05), (0.01, 0.06)),
        (2500, 10_000, (0.05, 0.2), (-0.2, 0.2)),
        (1_000_000, 1_000_000, (0.001, 0.01), (-0.05, 0.05)),
        (40, 40, (0.1, 0.2), (-1.0, -1.0)),  # B may have no conversion at all
        (7000, 7000, (0.05, 0.05), (0.0, 0.0)),
    ]
    cases = []
    for n_a, n_b, (low, high), (lift_low, lift_high) in specs:
        cases.append(_experiment(rng, n_a, n_b, rng.uniform(low, high),
                                 rng.uniform(lift_low, lift_high)))
    return cases


def _unpooled_p(c_a: int, n_a: int, c_b: int, n_b: int) -> float:
    p_a, p_b = c_a / n_a, c_b / n_b
    se = math.sqrt(p_a * (1 - p_a) / n_a + p_b * (1 - p_b) / n_b)
    z = (p_b - p_a) / se if se > 0 else 0.0
    return math.erfc(abs(z) / math.sqrt(2))


SIGNIFICANCE_PLAN = [  # (alpha, sign of the observed difference, range of the p-value)
    (0.05, 1, (0.0, 0.025)),     # significant, B better
    (0.05, -1, (0.0, 0.025)),    # significant, B worse: a one-sided test misses it
    (0.05, 1, (0.1, 1.0)),       # not significant
    (0.01, 1, (0.02, 0.05)),     # significant at 0.05 but not at 0.01
    (0.01, -1, (0.02, 0.05)),
    (0.01, -1, (0.0, 0.005)),    # significant even at 0.01
    (0.1, 1, (0.0625, 0.08)),    # significant at 0.1 but not at 0.05
    (0.1, -1, (0.0625, 0.08)),
]


def significance_experiments(rng: np.random.Generator) -> list:
    """Decisions that are clear-cut (the p-value is at least 20% away from alpha, on the
    same side of it with a pooled or an unpooled standard error), at several alphas, with B
    better and worse."""
    cases = []
    for alpha, sign, (low, high) in SIGNIFICANCE_PLAN:
        for _ in range(MAX_TRIES):
            n = int(rng.integers(2000, 20000))
            case = _experiment(rng, n, n + int(rng.integers(-500, 500)),
                               float(rng.uniform(0.03, 0.15)), sign * float(rng.uniform(0, 0.3)))
            p = reference.p_value(*case)
            observed = case[2] / case[3] - case[0] / case[1]
            if observed * sign > 0 and low < p < high and \
                    (_unpooled_p(*case) < alpha) == (p < alpha):
                cases.append((case, alpha))
                break
        else:  # pragma: no cover
            raise RuntimeError("could not draw a significance case")
    return cases


class DecisionKey(HiddenCheck):
    """ab_decision on hidden experiments, judged on one key of its answer."""

    function = "ab_decision"

    def __init__(self, id: str, title: str, points: float, *, key: str, cases, rtol: float,
                 atol: float, message: str, hints: Sequence[str]) -> None:
        super().__init__(id, title, points, hints=hints)
        self.key, self.cases, self.rtol, self.atol, self.message = key, cases, rtol, atol, message

    def calls(self, rng: np.random.Generator) -> list[Call]:
        calls = []
        for case in self.cases(rng):
            experiment, alpha = case if len(case) == 2 else (case, 0.05)
            calls.append(Call("ab_decision", tuple(experiment), {"alpha": alpha}))
        return calls

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        failed = first_error(calls, answers)
        if failed:
            return failed
        for answer in answers:
            if not isinstance(answer.value, dict) or set(answer.value) != KEYS:
                return Verdict(False, "`ab_decision` must return a dict with exactly the keys "
                                      "'p_value', 'significant' and 'lift'")
        wrong = 0
        for call, answer in zip(calls, answers, strict=True):
            want = reference.ab_decision(*call.args, **call.kwargs)[self.key]
            got = answer.value[self.key]
            if self.key == "significant":
                wrong += type(got) is not bool or got != want
            elif isinstance(got, bool) or not isinstance(got, (int, float)) or \
                    not math.isclose(got, want, rel_tol=self.rtol, abs_tol=self.atol):
                wrong += 1
        if wrong:
            return Verdict(False, f"{self.message} (wrong on {wrong} of {len(calls)} hidden "
                                  "experiments)")
        return Verdict(True, self.title)


# --- sample_size ---------------------------------------------------------------------------

def sample_size_inputs(rng: np.random.Generator) -> list:
    """Baselines from 1% to 40%, MDEs from a tenth of a point to 5 points, several alphas
    and powers; the unrounded size is never within 1e-6 of a whole number."""
    cases = []
    for low, high, mde_low, mde_high, alpha, power in [
        (0.02, 0.08, 0.002, 0.01, 0.05, 0.8),
        (0.1, 0.4, 0.01, 0.05, 0.05, 0.9),
        (0.01, 0.03, 0.001, 0.004, 0.01, 0.8),
        (0.2, 0.3, 0.005, 0.02, 0.1, 0.8),
        (0.05, 0.15, 0.003, 0.02, 0.01, 0.95),
        (0.3, 0.5, 0.02, 0.05, 0.05, 0.8),
    ]:
        for _ in range(MAX_TRIES):
            base = float(rng.uniform(low, high))
            mde = float(rng.uniform(mde_low, mde_high))
            raw = reference.unrounded_sample_size(base, mde, alpha, power)
            if abs(raw - round(raw)) > 1e-6:
                break
        cases.append(((base, mde), {"alpha": alpha, "power": power}))
    return cases


WASTE = 1.05        # at most 5% more users than the reference size (plus one)
POWER_SLACK = 0.01  # the power may fall short of the target by at most this


class SizeReachesPower(HiddenCheck):
    """The power reached at the learner's size: enough, and without waste."""

    function = "sample_size"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        return [Call("sample_size", tuple(args), dict(kwargs))
                for args, kwargs in sample_size_inputs(rng)]

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        failed = first_error(calls, answers)
        if failed:
            return failed
        if not all(isinstance(a.value, int) and not isinstance(a.value, bool) and a.value > 0
                   for a in answers):
            return Verdict(False, "`sample_size` must return a positive int (users per arm)")
        short = wasteful = 0
        for call, answer in zip(calls, answers, strict=True):
            base, mde = call.args
            alpha, power = call.kwargs["alpha"], call.kwargs["power"]
            if reference.power_at(answer.value, base, mde, alpha) < power - POWER_SLACK:
                short += 1
            elif answer.value > WASTE * reference.sample_size(base, mde, alpha, power) + 1:
                wasteful += 1
        if short or wasteful:
            return Verdict(False, f"on hidden inputs, your sample size leaves the test "
                                  f"underpowered in {short} and spends clearly more users than "
                                  f"needed in {wasteful} of {len(calls)} cases")
        return Verdict(True, self.title)


SUITE = Suite(
    exercise="m11-monitoring/ab-test",
    checks=[
        *public_checks(PUBLIC_CHECKS),
        DecisionKey(
            "p-value-random", "ab_decision: p-values on random experiments", 2,
            key="p_value", cases=decision_experiments, rtol=1e-6, atol=1e-9,
            message="the p-value differs from the two-sided pooled two-proportion z-test",
            hints=["Try an experiment where B converts WORSE than A, and one with very unequal "
                   "arms: is your p-value the same as the worked example's method gives?",
                   "se = sqrt(p_pool * (1 - p_pool) * (1/n_a + 1/n_b)) with p_pool = (c_a + c_b) "
                   "/ (n_a + n_b); z = (p_b - p_a) / se; p_value = 2 * stats.norm.sf(abs(z)). "
                   "Each arm's own rate belongs in a confidence interval, not in this test."]),
        DecisionKey(
            "significant-random", "ab_decision: significance at the given alpha", 2,
            key="significant", cases=significance_experiments, rtol=0, atol=0,
            message="the decision 'significant' is wrong",
            hints=["Is the decision made with the alpha argument, and does a large drop of B "
                   "count as significant too?",
                   "significant = p_value < alpha, with the two-sided p-value and the alpha "
                   "that was passed in (0.01, 0.05 or 0.1); return a Python bool."]),
        DecisionKey(
            "lift-random", "ab_decision: the relative lift", 1,
            key="lift", cases=decision_experiments, rtol=1e-9, atol=1e-12,
            message="the lift is not the relative difference of B over A",
            hints=["From 5.0% to 5.5%, is your lift 0.005 or 0.1?",
                   "lift = (p_b - p_a) / p_a: relative to the control's rate, negative when B "
                   "is worse."]),
        AgreesWithReference(
            "sample-size-random", "sample_size follows the stated formula", 2,
            "sample_size", sample_size_inputs, reference.sample_size, rtol=0, atol=0,
            message="sample_size differs from the stated formula, rounded up",
            hints=["Check the worked example first, then an alpha of 0.01 and a power of 0.9: "
                   "which z goes with which square root?",
                   "z_alpha = norm.ppf(1 - alpha/2) multiplies sqrt(2 * pbar * (1 - pbar)); "
                   "z_beta = norm.ppf(power) multiplies sqrt(p1*(1-p1) + p2*(1-p2)); p2 = p1 + "
                   "mde; square, divide by mde**2, and round UP with math.ceil."]),
        SizeReachesPower(
            "sample-size-power", "sample_size reaches the power asked for, without waste", 2,
            hints=["Simulate or compute the power of the test at your sample size: does it "
                   "reach the power you asked for? Is your number per arm or in total?",
                   "Power grows with z_beta = norm.ppf(power) (not norm.ppf(1 - power)); the "
                   "two-sided test needs norm.ppf(1 - alpha/2); the MDE is an absolute "
                   "difference of rates; the answer counts users in ONE arm."]),
    ],
)
