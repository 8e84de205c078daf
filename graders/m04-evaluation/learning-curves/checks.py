"""Checks for learning-curves: the public examples plus hidden random inputs.

* ``learning_curve_points`` is compared with the reference on random data for both
  model kinds (``curve-random``), and judged by its consequence on three setups
  built to underfit, overfit and fit well (``curve-verdicts``): the lesson's rule,
  applied here in the grader to the last points of the learner's curve, must give
  the verdict the setup was built for. The data of those setups is re-drawn until
  the reference curve shows its regime with a wide margin, so an equivalent
  implementation always passes.
* ``diagnose`` and ``worth_more_data`` get synthetic curves from known regimes with
  every value at least 0.01 away from each threshold (``*-regimes``, ``data-random``),
  and curves sitting exactly on the thresholds (``*-boundaries``). Boundary values
  are multiples of 1/64, so differences such as ``train - val`` are exact in floating
  point however they are computed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

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

MAX_TRIES = 200
UNIT = 1 / 64
"""Boundary values are multiples of this, so sums and differences are exact."""


# ---------------------------------------------------------------- data for the curves

def ring_data(rng: np.random.Generator, n: int, flip: float, n_noise: int = 0
              ) -> tuple[np.ndarray, np.ndarray]:
    """Class 1 inside a circle: no straight line separates it (a linear model underfits)."""
    X = rng.uniform(-1.0, 1.0, size=(n, 2 + n_noise))
    y = (X[:, 0] ** 2 + X[:, 1] ** 2 < 0.5).astype(np.int64)
    return X, np.where(rng.random(n) < flip, 1 - y, y)


def linear_data(rng: np.random.Generator, n: int, flip: float, n_noise: int = 0
                ) -> tuple[np.ndarray, np.ndarray]:
    """Classes split by a straight line plus label noise: a linear model fits well."""
    X = rng.normal(size=(n, 2 + n_noise))
    y = (X[:, 0] + 0.5 * X[:, 1] > 0).astype(np.int64)
    return X, np.where(rng.random(n) < flip, 1 - y, y)


def split(rng: np.random.Generator, make, n_train: int, n_val: int, first: int, **kwargs: Any
          ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Train and validation sets; both classes among the first ``first`` training rows."""
    for _ in range(MAX_TRIES):
        X, y = make(rng, n_train + n_val, **kwargs)
        if 0 < y[:first].sum() < first and 0 < y[n_train:].sum() < n_val:
            return X[:n_train], y[:n_train], X[n_train:], y[n_train:]
    raise RuntimeError("could not draw a data set with both classes")


def curve_cases(rng: np.random.Generator) -> list:
    """Both model kinds; most sizes smaller than the training set, rows in random order."""
    cases = []
    sizes = [20, 40, 80, 160]
    data = split(rng, ring_data, 240, 160, sizes[0], flip=0.1)
    cases.append(((*data, sizes, "logistic", float(rng.choice([0.1, 1.0, 10.0]))), {}))
    sizes = [10, 25, 50, 100, 200]
    data = split(rng, ring_data, 200, 150, sizes[0], flip=0.15, n_noise=3)
    cases.append(((*data, sizes, "tree", None), {}))
    sizes = [30, 60, 120, 240]
    data = split(rng, linear_data, 300, 200, sizes[0], flip=0.1, n_noise=2)
    cases.append(((*data, sizes, "tree", int(rng.integers(2, 6))), {}))
    sizes = [25, 100, 250]
    data = split(rng, linear_data, 250, 120, sizes[0], flip=0.05)
    cases.append(((*data, sizes, "logistic", 1.0), {}))
    return cases


# ---------------------------------------------------------------- curve-verdicts

SETUPS = [
    # name, data maker and options, n_train, n_val, sizes, kind, param, target, expected
    ("underfit", ring_data, {"flip": 0.1}, 300, 300, [30, 75, 150, 300],
     "logistic", 1.0, 0.85, "high bias"),
    ("overfit", ring_data, {"flip": 0.15, "n_noise": 3}, 120, 200, [15, 30, 60, 120],
     "tree", None, 0.85, "high variance"),
    ("good", linear_data, {"flip": 0.1}, 300, 300, [30, 75, 150, 300],
     "logistic", 1.0, 0.8, "good fit"),
]
SETUP_WORDS = {"underfit": "the setup built to underfit (a linear model, a curved boundary)",
               "overfit": "the setup built to overfit (an unlimited tree, few rows)",
               "good": "the setup built to fit well (a linear model, a straight boundary)"}


def _clear(name: str, curve: dict[str, list[float]], target: float) -> bool:
    """The reference curve shows its regime with a wide margin, so that curves with the
    train and validation scores swapped, or nearly equal implementations, read the same."""
    train, val = curve["train"][-1], curve["val"][-1]
    gap = train - val
    if name == "underfit":
        return train <= target - 0.1 and abs(gap) <= reference.GAP_TOL - 0.02
    if name == "overfit":
        return val <= target - 0.05 and gap >= 0.15
    return min(train, val) >= target + 0.03


class CurveVerdicts(HiddenCheck):
    """On setups built to underfit, overfit and fit well, the lesson's rule applied to the
    last points of the learner's curve gives the verdict the setup was built for."""

    function = "learning_curve_points"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        calls = []
        for name, make, options, n_train, n_val, sizes, kind, param, target, _ in SETUPS:
            for _ in range(MAX_TRIES):
                data = split(rng, make, n_train, n_val, sizes[0], **options)
                curve = reference.learning_curve_points(*data, sizes, kind, param)
                if _clear(name, curve, target):
                    break
            else:
                raise RuntimeError(f"no clear {name} data set")
            calls.append(Call(self.function, (*data, sizes, kind, param)))
        return calls

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        failed = first_error(calls, answers)
        if failed:
            return failed
        problems = []
        for setup, call, answer in zip(SETUPS, calls, answers, strict=True):
            name, target, expected = setup[0], setup[8], setup[9]
            curve = answer.value
            n_points = len(call.args[4])
            if not (isinstance(curve, dict) and set(curve) == {"train", "val"}
                    and all(_numbers(curve[k], n_points) for k in ("train", "val"))):
                return Verdict(False, "`learning_curve_points` must return a dict with keys "
                                      "'train' and 'val', each holding one score per training "
                                      "size")
            got = reference.diagnose(curve["train"], curve["val"], target)
            if got != expected:
                problems.append(f"on {SETUP_WORDS[name]}, the last points of your curve read "
                                f"as '{got}'")
        if problems:
            return Verdict(False, "the lesson's rule applied to your curves gives the wrong "
                                  "verdict: " + "; ".join(problems))
        return Verdict(True, self.title)


def _numbers(values: Any, n: int) -> bool:
    if isinstance(values, np.ndarray):
        values = values.tolist()
    return (isinstance(values, list) and len(values) == n
            and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values))


# ---------------------------------------------------------------- synthetic curves

def synthetic(rng: np.random.Generator, final_train: float, final_val: float, n_points: int,
              as_array: bool = False) -> tuple[Any, Any]:
    """A learning curve ending exactly at the given scores. Early points look like any small
    training set: the training score near 1, the validation score far below it."""
    weight = (1 - np.arange(n_points) / (n_points - 1)) ** 2  # 1 at the left edge, 0 at the right
    start_train = rng.uniform(max(final_train, 0.97), 1.0)
    start_val = min(rng.uniform(0.45, 0.6), final_val)
    train = final_train + (start_train - final_train) * weight
    val = final_val - (final_val - start_val) * weight
    train[-1], val[-1] = final_train, final_val
    if as_array:
        return train, val
    return train.tolist(), val.tolist()


def _regime(rng: np.random.Generator, kind: str, target: float, tol: float
            ) -> tuple[float, float]:
    """Final (train, val) scores of one regime, every threshold at least 0.01 away."""
    for _ in range(MAX_TRIES):
        if kind == "good":
            val = target + rng.uniform(0.01, 0.04)
            train = val + rng.uniform(0.0, tol - 0.01)
        elif kind == "good-gap":  # the random forest of the lesson: a gap, but on target
            val = target + rng.uniform(0.01, 0.03)
            train = val + tol + rng.uniform(0.01, 0.05)
        elif kind == "variance":
            val = target - rng.uniform(0.02, 0.15)
            train = val + tol + rng.uniform(0.02, 0.2)
            if train < target + 0.01:
                continue
        elif kind == "both":  # a large gap AND the training score below target
            train = target - rng.uniform(0.02, 0.1)
            val = train - tol - rng.uniform(0.02, 0.15)
        elif kind == "bias":
            train = target - rng.uniform(0.02, 0.15)
            val = train - rng.uniform(-0.02, tol - 0.01)
        elif kind == "bias-wide":  # a gap the default tolerance would call high variance
            train = target - rng.uniform(0.02, 0.15)
            val = train - rng.uniform(0.06, 0.09)
        elif kind == "unclear-wide":
            train = target + rng.uniform(0.01, 0.02)
            val = train - rng.uniform(0.06, 0.09)
        else:  # unclear: training score on target, validation a little below, small gap
            gap = rng.uniform(0.02, tol - 0.01)
            val = target - rng.uniform(0.01, gap - 0.01)
            train = val + gap
        if train <= 1.0 and val >= 0.3:
            return float(train), float(val)
    raise RuntimeError(f"no {kind} curve")


REGIMES = [
    # kind, gap_tol (None: the default), expected verdict
    ("good", None, "good fit"),
    ("good-gap", None, "good fit"),
    ("variance", None, "high variance"),
    ("variance", 0.1, "high variance"),
    ("both", None, "high variance"),
    ("bias", None, "high bias"),
    ("bias-wide", 0.1, "high bias"),
    ("unclear", None, "unclear"),
    ("unclear-wide", 0.1, "unclear"),
]


def regime_cases(rng: np.random.Generator) -> list:
    cases = []
    for i, (kind, tol, _) in enumerate(REGIMES):
        target = float(rng.uniform(0.75, 0.85) if kind == "good-gap" else rng.uniform(0.75, 0.93))
        train, val = _regime(rng, kind, target, reference.GAP_TOL if tol is None else tol)
        curves = synthetic(rng, train, val, int(rng.integers(3, 7)), as_array=bool(i % 2))
        kwargs = {} if tol is None else {"gap_tol": tol}
        cases.append(((*curves, target), kwargs))
    return cases


def boundary_cases(rng: np.random.Generator) -> list:
    """Scores exactly on a threshold, as multiples of 1/64; flat curves, so only the
    comparisons at the last point matter. One gap tolerance is 2/64 (below the default
    0.05), the other 4/64 to 6/64 (above it)."""
    cases = []
    for j in (2, int(rng.integers(4, 7))):
        k = int(rng.integers(44, 57))
        target, tol = k * UNIT, j * UNIT
        for train, val in [
            (target + (j + 2) * UNIT, target),       # val == target, wide gap: good fit
            (target, target),                        # good fit
            (target + UNIT, target + (1 - j) * UNIT),  # gap == gap_tol, train above: unclear
            (target - UNIT, target - (1 + j) * UNIT),  # gap == gap_tol, train below: high bias
            (target, target - UNIT),                 # train == target, small gap: unclear
            (target + UNIT, target - j * UNIT),      # gap just above gap_tol: high variance
        ]:
            cases.append((([train] * 3, [val] * 3, target), {"gap_tol": tol}))
    return cases


# ---------------------------------------------------------------- worth_more_data

def _sizes(rng: np.random.Generator, n_points: int, last_ratio: float) -> list[int]:
    sizes = [int(rng.integers(20, 61))]
    for _ in range(n_points - 2):
        sizes.append(sizes[-1] * 2)
    sizes.append(round(sizes[-1] * last_ratio))
    return sizes


def data_cases(rng: np.random.Generator) -> list:
    """Curves where each part of the rule decides once: the training ceiling, the target
    already met, a flat or falling edge, and a gain that only counts per doubling."""
    cases = []

    def add(sizes: list[int], train_last: float, val_prev: float, val_last: float,
            target: float, min_gain: float | None = None, val_early: Sequence[float] = ()
            ) -> None:
        n = len(sizes)
        val = list(val_early) or [val_prev - 0.05 * (n - 2 - i) for i in range(n - 2)]
        val += [val_prev, val_last]
        train = [min(1.0, train_last + 0.02 * (n - 1 - i)) for i in range(n)]
        train[-1] = train_last
        kwargs = {} if min_gain is None else {"min_gain": min_gain}
        cases.append(((sizes, train, val, target), kwargs))

    target = float(rng.uniform(0.8, 0.9))
    # still rising, ceiling above target: True
    v = target - rng.uniform(0.03, 0.08)
    add(_sizes(rng, 4, 2.0), target + rng.uniform(0.03, 0.1), v - rng.uniform(0.02, 0.04), v,
        target)
    # rising fast, but the training score is below target: False
    v = target - rng.uniform(0.06, 0.1)
    add(_sizes(rng, 3, 2.0), target - rng.uniform(0.02, 0.05), v - rng.uniform(0.03, 0.06), v,
        target)
    # target already met, still rising: False
    v = target + rng.uniform(0.01, 0.03)
    add(_sizes(rng, 4, 2.0), min(1.0, v + 0.05), v - rng.uniform(0.02, 0.05), v, target)
    # large gap but a flat edge: False
    v = target - rng.uniform(0.05, 0.1)
    add(_sizes(rng, 5, 2.0), 1.0, v - rng.uniform(0.0, 0.006), v, target)
    # falling at the edge: False
    v = target - rng.uniform(0.03, 0.06)
    add(_sizes(rng, 3, 2.0), 0.99, v + rng.uniform(0.005, 0.02), v, target)
    # four times the data for 1.3 to 1.6 points: under one point per doubling: False
    v = target - rng.uniform(0.03, 0.06)
    add(_sizes(rng, 3, 4.0), 1.0, v - rng.uniform(0.013, 0.016), v, target)
    # 1.5 times the data for 0.7 to 0.85 points: over one point per doubling: True
    v = target - rng.uniform(0.03, 0.06)
    add(_sizes(rng, 4, 1.5), 1.0, v - rng.uniform(0.007, 0.0085), v, target)
    # steep at the left edge, flat at the right: False
    v = target - rng.uniform(0.04, 0.08)
    add(_sizes(rng, 4, 2.0), 0.98, v - 0.002, v, target, val_early=[v - 0.15, v - 0.06])
    # flat at the left edge, rising at the right: True
    v = target - rng.uniform(0.04, 0.08)
    add(_sizes(rng, 4, 2.0), 0.98, v - 0.04, v, target, val_early=[v - 0.045, v - 0.042])
    # a stated min_gain of 0.03: a rise of 2 points per doubling is not enough: False
    v = target - rng.uniform(0.04, 0.08)
    add(_sizes(rng, 3, 2.0), 0.99, v - rng.uniform(0.015, 0.024), v, target, min_gain=0.03)
    # a stated min_gain of 0.002: half a point per doubling is enough: True
    v = target - rng.uniform(0.04, 0.08)
    add(_sizes(rng, 3, 2.0), 0.99, v - rng.uniform(0.004, 0.006), v, target, min_gain=0.002)
    return cases


def data_boundary_cases(rng: np.random.Generator) -> list:
    """The training score exactly on target (True) and the validation score exactly on
    target (False), as multiples of 1/64 with a clear rise per doubling."""
    cases = []
    for _ in range(2):
        target = int(rng.integers(48, 60)) * UNIT
        sizes = _sizes(rng, 3, 2.0)
        rise = int(rng.integers(2, 5)) * UNIT
        cases.append(((sizes, [1.0, target + UNIT, target],
                       [target - 3 * rise, target - 2 * rise, target - rise], target), {}))
        cases.append(((sizes, [1.0, 1.0, target + 2 * UNIT],
                       [target - 2 * rise, target - rise, target], target), {}))
    return cases


# ---------------------------------------------------------------- suite

SUITE = Suite(
    exercise="m04-evaluation/learning-curves",
    checks=[
        *public_checks(PUBLIC_CHECKS),
        AgreesWithReference(
            "curve-random", "learning_curve_points follows the protocol on random data", 2,
            "learning_curve_points", curve_cases, reference.learning_curve_points,
            rtol=1e-9, atol=1e-9,
            message="learning_curve_points gives other scores than the stated protocol",
            hints=["Three questions for each size n: which rows is the model fitted on, which "
                   "rows is the training score measured on, and which the validation score?",
                   "Fit a fresh make_model(kind, param) on X_train[:n], y_train[:n] (the first n "
                   "rows, not a random sample); score it on exactly those rows for 'train' and "
                   "on all of X_val, y_val for 'val'. Keep the order of train_sizes."]),
        CurveVerdicts(
            "curve-verdicts", "learning curves of an underfit, an overfit and a good model "
            "read correctly", 2,
            hints=["A deep tree memorises its training rows, so its training score is close to "
                   "1.0 and well above its validation score. Does your curve show that?",
                   "If an overfit model's curve reads as 'good fit', the validation score is "
                   "probably measured on training rows, or the two lists are swapped: 'train' "
                   "comes from the rows the model was fitted on, 'val' from X_val."]),
        AgreesWithReference(
            "diagnose-regimes", "diagnose recognises every regime, in the stated order", 2,
            "diagnose", regime_cases, reference.diagnose,
            message="diagnose gives a wrong verdict",
            hints=["Use only the last point of each curve, the gap as training score minus "
                   "validation score, and the gap_tol you are given.",
                   "Check the rules in this order: val >= target gives 'good fit' (even with a "
                   "large gap); then train - val > gap_tol gives 'high variance' (even when the "
                   "training score is also below target); then train < target gives 'high "
                   "bias'; anything else is 'unclear'."]),
        AgreesWithReference(
            "diagnose-boundaries", "diagnose on curves exactly at the thresholds", 1,
            "diagnose", boundary_cases, reference.diagnose,
            message="diagnose decides a case exactly on a threshold the wrong way",
            hints=["Look at which comparisons are strict in the rules: 'at least', 'more than', "
                   "'below'.",
                   "A validation score equal to the target is a good fit (>=); a gap equal to "
                   "gap_tol is not high variance (>); a training score equal to the target is "
                   "not high bias (<)."]),
        AgreesWithReference(
            "data-random", "worth_more_data applies all three conditions", 1,
            "worth_more_data", data_cases, reference.worth_more_data,
            message="worth_more_data gives a wrong answer",
            hints=["All three must hold: the target is not met yet, the training score allows "
                   "reaching it, and the validation curve still rises at its right edge.",
                   "The gain is measured between the LAST two points, divided by "
                   "log2(sizes[-1] / sizes[-2]) - the number of doublings between them; four "
                   "times the data is two doublings, 1.5 times is about 0.58."]),
        AgreesWithReference(
            "data-boundaries", "worth_more_data on scores exactly at the target", 1,
            "worth_more_data", data_boundary_cases, reference.worth_more_data,
            message="worth_more_data decides a score exactly on the target the wrong way",
            hints=["Which comparisons with the target are strict?",
                   "A training score equal to the target still allows reaching it (>=); a "
                   "validation score equal to the target means the target is met already, so "
                   "more data is not needed (< for 'not met')."]),
    ],
)
