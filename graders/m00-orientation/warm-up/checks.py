"""Checks for warm-up: the public examples plus hidden random inputs.

``mean_absolute_error``, ``split_sizes`` and ``majority_baseline`` have one
right answer and are compared with the reference. ``train_test_indices`` has
many (any seeded shuffle will do), so three checks judge its properties:

* ``split-partition``: two sorted lists that partition range(n), the test
  list of the size ``split_sizes`` gives;
* ``split-reproducible``: the same seed gives the same split twice;
* ``split-random``: different seeds give different splits, and no test set
  is a block of consecutive indices (rows are shuffled, not cut).
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

# --- mean_absolute_error -----------------------------------------------------------------


def mae_inputs(rng: np.random.Generator) -> list:
    """Lists and arrays, one sample and thousands, errors of both signs."""
    cases = []
    cases.append((([float(rng.normal())], [float(rng.normal())]), {}))
    y = rng.normal(50, 10, size=40)
    cases.append(((y, y + rng.normal(0, 5, size=40)), {}))
    y = rng.integers(0, 20, size=9)
    cases.append(((y.tolist(), rng.integers(0, 20, size=9).tolist()), {}))
    y = rng.lognormal(3, 1, size=2000)
    cases.append(((y, y * rng.uniform(0.7, 1.3, size=2000)), {}))
    return cases


# --- split_sizes --------------------------------------------------------------------------


def fraction_for(rng: np.random.Generator, n: int, low: float, high: float) -> float:
    """A test fraction (three decimals) whose n * fraction has a fractional part in (low, high),
    far from a whole number, so that rounding up is unambiguous in floating point."""
    while True:
        f = round(float(rng.uniform(0.05, 0.45)), 3)
        part = n * f - math.floor(n * f)
        if low < part < high:
            return f


def sizes_inputs(rng: np.random.Generator) -> list:
    """Products with a small and a large fractional part, and exact whole products."""
    n1 = int(rng.integers(20, 200))
    n2 = int(rng.integers(200, 5000))
    n3 = int(rng.integers(11, 40))
    return [
        ((n1, fraction_for(rng, n1, 0.05, 0.45)), {}),   # round() and int() go down
        ((n2, fraction_for(rng, n2, 0.55, 0.95)), {}),   # int() goes down
        ((n3, fraction_for(rng, n3, 0.05, 0.95)), {}),
        ((64 * int(rng.integers(1, 20)), 0.25), {}),     # a whole number of test rows
        ((8 * int(rng.integers(2, 30)), 0.375), {}),
    ]


# --- train_test_indices -------------------------------------------------------------------


def _seed(rng: np.random.Generator) -> int:
    return int(rng.integers(0, 2**31 - 1))


def partition_inputs(rng: np.random.Generator) -> list[tuple[int, float, int]]:
    n1 = int(rng.integers(12, 40))
    n3 = int(rng.integers(200, 400))
    return [
        (n1, fraction_for(rng, n1, 0.05, 0.95), _seed(rng)),
        (128, 0.25, _seed(rng)),                          # a whole number of test rows
        (n3, fraction_for(rng, n3, 0.05, 0.45), _seed(rng)),
        (int(rng.integers(50, 100)), 0.5, _seed(rng)),
    ]


def as_split(value: object) -> tuple[list[int], list[int]] | None:
    """(train, test) as two lists of ints, or None when the answer is not shaped so."""
    if not isinstance(value, list) or len(value) != 2:
        return None
    parts = []
    for part in value:
        if isinstance(part, np.ndarray):
            if part.ndim != 1 or part.dtype.kind not in "iu":
                return None
            part = part.tolist()
        if not isinstance(part, list) or not all(
                isinstance(i, int) and not isinstance(i, bool) for i in part):
            return None
        parts.append(part)
    return parts[0], parts[1]


NOT_A_SPLIT = Verdict(False, "`train_test_indices` must return a pair (train, test) of two "
                             "lists of ints (or two integer numpy arrays)")


def _answers_as_splits(calls: Sequence[Call], answers: Sequence[Answer]
                       ) -> tuple[list[tuple[list[int], list[int]]], Verdict | None]:
    failed = first_error(calls, answers)
    if failed:
        return [], failed
    splits = [as_split(a.value) for a in answers]
    if any(s is None for s in splits):
        return [], NOT_A_SPLIT
    return [s for s in splits if s is not None], None


def partition_problem(n: int, test_fraction: float, train: list[int], test: list[int]) -> str:
    """What is wrong with one split, in words that reveal no input ('' when it is right)."""
    if set(train) & set(test):
        return "some indices are in both the train and the test list"
    if len(set(train)) != len(train) or len(set(test)) != len(test):
        return "an index appears twice in the same list"
    if set(train) | set(test) != set(range(n)):
        return "together the two lists do not cover range(n) exactly"
    if len(test) != reference.split_sizes(n, test_fraction)[1]:
        return "the test list does not have the size split_sizes gives"
    if train != sorted(train) or test != sorted(test):
        return "the lists are not sorted in ascending order"
    return ""


class SplitPartition(HiddenCheck):
    """Each answer is a partition of range(n) with a test part of the expected size."""

    function = "train_test_indices"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        return [Call(self.function, case) for case in partition_inputs(rng)]

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        splits, failed = _answers_as_splits(calls, answers)
        if failed:
            return failed
        problems = [partition_problem(c.args[0], c.args[1], *s)
                    for c, s in zip(calls, splits, strict=True)]
        bad = [p for p in problems if p]
        if bad:
            return Verdict(False, f"the split is not a correct partition: {bad[0]} "
                                  f"(wrong on {len(bad)} of {len(calls)} hidden inputs)")
        return Verdict(True, self.title)


class SplitReproducible(HiddenCheck):
    """The same (n, test_fraction, seed) twice gives the same split twice."""

    function = "train_test_indices"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        calls = []
        for n, f in [(int(rng.integers(20, 60)), 0.25), (int(rng.integers(100, 300)), 0.2),
                     (int(rng.integers(500, 900)), 0.125)]:
            args = (n, f, _seed(rng))
            calls += [Call(self.function, args), Call(self.function, args)]
        return calls

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        splits, failed = _answers_as_splits(calls, answers)
        if failed:
            return failed
        differ = sum(splits[i] != splits[i + 1] for i in range(0, len(splits), 2))
        if differ:
            return Verdict(False, "calling train_test_indices twice with the same seed gave two "
                                  f"different splits ({differ} of {len(splits) // 2} hidden "
                                  "inputs): the split is not reproducible")
        return Verdict(True, self.title)


class SplitRandom(HiddenCheck):
    """Different seeds give different test sets, and no test set is a run of consecutive rows."""

    function = "train_test_indices"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        groups = [(100, 0.2, 4), (int(rng.integers(60, 90)), 0.3, 3)]
        calls = []
        for n, f, k in groups:
            seeds = rng.choice(2**31 - 1, size=k, replace=False)
            calls += [Call(self.function, (n, f, int(s))) for s in seeds]
        return calls

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        splits, failed = _answers_as_splits(calls, answers)
        if failed:
            return failed
        groups: dict[tuple, set[tuple[int, ...]]] = {}
        for call, (_, test) in zip(calls, splits, strict=True):
            groups.setdefault(call.args[:2], set()).add(tuple(test))
        if any(len(tests) == 1 for tests in groups.values()):
            return Verdict(False, "different seeds gave exactly the same test set: the split "
                                  "does not depend on the seed (is there a shuffle, and does "
                                  "the seed argument drive it?)")
        if any(len(test) > 1 and max(test) - min(test) + 1 == len(test) for _, test in splits):
            return Verdict(False, "a test set is a block of consecutive indices: the rows were "
                                  "cut, not shuffled")
        return Verdict(True, self.title)


# --- majority_baseline --------------------------------------------------------------------


def _tie_with_larger_first(rng: np.random.Generator, counts: dict[int, int]) -> list[int]:
    """Labels with the given counts, shuffled, then arranged so that the larger of the two
    most frequent (tied) labels is seen first."""
    y = rng.permutation(np.repeat(list(counts), list(counts.values()))).tolist()
    top = sorted(k for k, c in counts.items() if c == max(counts.values()))
    small, large = top[0], top[-1]
    i, j = y.index(small), y.index(large)
    if i < j:
        y[i], y[j] = y[j], y[i]
    return y


def baseline_inputs(rng: np.random.Generator) -> list:
    cases = []
    y = (rng.random(200) < 0.3).astype(np.int64)
    cases.append(((y, int(rng.integers(20, 60))), {}))
    k = int(rng.integers(20, 40))
    y = _tie_with_larger_first(rng, {4: k, 2: k, 0: k // 3, 1: k // 4, 3: k - 5})
    cases.append(((y, int(rng.integers(3, 10))), {}))
    counts = rng.multinomial(300, [0.1, 0.15, 0.2, 0.4, 0.15])
    y = rng.permutation(np.repeat(np.arange(5), counts))
    cases.append(((y, int(rng.integers(1, 20))), {}))
    k = int(rng.integers(5, 15))
    cases.append(((_tie_with_larger_first(rng, {1: k, 0: k}), 6), {}))
    cases.append((([int(rng.integers(1, 9))], 4), {}))
    return cases


SUITE = Suite(
    exercise="m00-orientation/warm-up",
    checks=[
        *public_checks(PUBLIC_CHECKS),
        AgreesWithReference(
            "mae-random", "mean_absolute_error on random lists and arrays", 1,
            "mean_absolute_error", mae_inputs, reference.mean_absolute_error, rtol=1e-9,
            message="mean_absolute_error disagrees with the average of |y_true - y_pred|",
            hints=["Test your function on inputs where the model over-predicts some rows and "
                   "under-predicts others, and on numpy arrays as well as lists.",
                   "Errors of opposite sign must not cancel: average the absolute errors, "
                   "np.mean(np.abs(np.asarray(y_true) - np.asarray(y_pred)))."]),
        AgreesWithReference(
            "sizes-random", "split_sizes on random sizes and fractions", 1,
            "split_sizes", sizes_inputs, reference.split_sizes, rtol=0, atol=0,
            message="split_sizes gives the wrong (n_train, n_test)",
            hints=["Try a fraction where n * test_fraction is a whole number, such as n=64 and "
                   "0.25, and one where it is not, such as n=10 and 0.25.",
                   "Round UP with math.ceil and only when needed: n_test = math.ceil(n * "
                   "test_fraction) is 16 for (64, 0.25) and 3 for (10, 0.25); n_train is the "
                   "rest."]),
        SplitPartition(
            "split-partition", "train_test_indices splits range(n) into two sorted parts", 2,
            hints=["Check your output with sets: no index in both lists, every index of "
                   "range(n) in one of them, and the test list as long as split_sizes says.",
                   "Draw ONE permutation of range(n) and cut it in two: the first n_test "
                   "shuffled indices are the test set, the rest the training set. Sampling with "
                   "replacement, or drawing the two parts separately, repeats indices."]),
        SplitReproducible(
            "split-reproducible", "train_test_indices gives the same split for the same seed", 1,
            hints=["Call your function twice with the same three arguments and compare the "
                   "results. Where does its randomness come from?",
                   "Create the generator from the argument, rng = np.random.default_rng(seed), "
                   "inside the function; np.random.default_rng() without a seed draws a fresh "
                   "state every time."]),
        SplitRandom(
            "split-random", "train_test_indices shuffles, driven by the seed", 1,
            hints=["Print the test indices for seeds 0, 1 and 2. Do they change? Are they "
                   "spread over range(n)?",
                   "Shuffle before cutting: taking the last (or first) n_test rows as the test "
                   "set is not random, and a hard-coded seed ignores the argument."]),
        AgreesWithReference(
            "baseline-random", "majority_baseline on random labels, ties included", 1,
            "majority_baseline", baseline_inputs, reference.majority_baseline, rtol=0, atol=0,
            message="majority_baseline does not return n copies of the most frequent training "
                    "label (smallest label on ties)",
            hints=["Try labels where two classes are equally frequent and the larger label "
                   "comes first, e.g. y_train = [1, 0, 1, 0].",
                   "Among the labels with the highest count, return the SMALLEST one. "
                   "Counter.most_common keeps the first one seen; np.unique(y, "
                   "return_counts=True) sorts the labels, so argmax picks the smallest."]),
    ],
)
