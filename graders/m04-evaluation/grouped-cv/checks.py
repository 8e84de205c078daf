"""Checks for grouped-cv: the public examples plus hidden property and agreement checks.

Fold-valued answers are judged by their properties (every sample exactly once,
no group split, balance, stratification), so any valid assignment passes, not
only the reference's. The cross-validated losses are compared with the
reference tightly enough that a scaler fitted outside the folds is caught.
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
from academy.runtime import codec

from . import reference
from .public import PUBLIC_CHECKS

RATE_TOLERANCE = 0.04
"""Largest allowed gap between a fold's positive rate and the overall rate (stated in the notebook)."""
SIZE_RANGE = (0.8, 1.2)
"""Allowed fold size as a fraction of n / n_splits for stratified folds (stated in the notebook)."""


# ---------------------------------------------------------------- hidden inputs

def _shuffled(rng: np.random.Generator, labels: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """Rows of each group repeated by its size, in random order (visits are not sorted)."""
    rows = np.repeat(labels, sizes)
    return rows[rng.permutation(len(rows))]


def grouping_cases(rng: np.random.Generator) -> list[tuple[Any, int]]:
    """(groups, n_splits) pairs: numeric and string ids, heavy tails, dominant groups."""
    cases: list[tuple[Any, int]] = []
    sizes = np.minimum(1 + rng.geometric(0.12, 60), 40)
    ids = rng.choice(np.arange(1000, 10000), 60, replace=False)
    cases.append((_shuffled(rng, ids, sizes), 5))
    sizes = np.minimum(1 + rng.geometric(0.3, 90), 20)
    names = np.array([f"patient-{i:04d}" for i in rng.choice(10000, 90, replace=False)])
    cases.append((_shuffled(rng, names, sizes).tolist(), 4))
    sizes = np.concatenate([rng.integers(30, 60, 3), rng.integers(1, 12, 9)])
    cases.append((_shuffled(rng, rng.permutation(12), sizes), 3))
    sizes = rng.integers(1, 9, 6)
    cases.append((_shuffled(rng, np.arange(6) * 7 + 3, sizes), 6))
    return cases


def stratified_cases(rng: np.random.Generator) -> list[tuple[Any, Any, int, int]]:
    """(y, groups, n_splits, seed): many small patients, most with one diagnosis for all visits."""
    cases: list[tuple[Any, Any, int, int]] = []
    for n_groups, rate, n_splits, strings in [(120, 0.3, 5, False), (200, 0.4, 4, True),
                                              (150, 0.2, 3, False)]:
        while True:
            sizes = np.minimum(1 + rng.geometric(0.25, n_groups), 15)
            sick = (rng.random(n_groups) < rate).astype(float)
            mixed = rng.random(n_groups) < 0.3
            p = np.where(mixed, rng.uniform(0.2, 0.8, n_groups), sick)
            patient = np.repeat(np.arange(n_groups), sizes)
            y = (rng.random(len(patient)) < p[patient]).astype(np.int64)
            if min(y.sum(), len(y) - y.sum()) >= 4 * n_splits:
                break
        order = rng.permutation(len(y))
        ids = rng.choice(np.arange(100, 100000), n_groups, replace=False)
        groups: Any = ids[patient[order]]
        if strings:
            groups = [f"p{g}" for g in groups]
        cases.append((y[order], groups, n_splits, int(rng.integers(0, 2**31 - 1))))
    return cases


MAX_LOGIT = 15.0
"""Hidden data keeps every honest prediction away from 0 and 1 (|logit| <= 15), so a
hand-written log loss and sklearn's log_loss agree and nothing is clipped."""


def _moderate(X: np.ndarray, y: np.ndarray, folds: Sequence[np.ndarray]) -> bool:
    everything = np.arange(len(y))
    for test in folds:
        train = np.setdiff1d(everything, test)
        if not 0 < y[test].sum() < len(test):
            return False
        model = reference.make_pipeline_model().fit(X[train], y[train])
        if np.abs(model.decision_function(X[test])).max() > MAX_LOGIT:
            return False
    return True


def _clinic_data(rng: np.random.Generator, n_groups: int
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Patients with their own baseline, features on very different scales."""
    sizes = rng.integers(2, 15, n_groups)
    patient = np.repeat(np.arange(n_groups), sizes)
    n, n_feat = len(patient), 5
    scales = 10.0 ** rng.uniform(-1, 2, n_feat)
    base = rng.normal(size=(n_groups, n_feat))[patient] + rng.normal(size=(n, n_feat))
    logit = 0.6 * base @ rng.normal(size=n_feat) + 0.5 * rng.normal(size=n_groups)[patient]
    y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(np.int64)
    X = (base + 3 * rng.normal(size=n_feat)) * scales
    order = rng.permutation(n)
    return X[order], y[order], patient[order]


def cv_cases(rng: np.random.Generator) -> list[tuple[tuple, dict]]:
    """Random clinics; folds from grouped splits, each fold's indices in random order."""
    cases = []
    for n_groups, n_splits in [(40, 3), (50, 4), (60, 5)]:
        while True:
            X, y, patient = _clinic_data(rng, n_groups)
            folds = reference.group_kfold(patient, n_splits)
            if _moderate(X, y, folds):
                break
        cases.append(((X, y, [f[rng.permutation(len(f))] for f in folds]), {}))
    return cases


def shifted_site_cases(rng: np.random.Generator) -> list[tuple[tuple, dict]]:
    """One fold's patients come from a site whose device records a feature with another
    gain and offset: a scaler that sees the test fold changes the model a lot."""
    cases = []
    for n_groups, n_splits in [(40, 4), (50, 5)]:
        while True:
            X, y, patient = _clinic_data(rng, n_groups)
            folds = reference.group_kfold(patient, n_splits)
            site = folds[int(rng.integers(n_splits))]
            column = int(rng.integers(X.shape[1]))
            mean, spread = X[:, column].mean(), X[:, column].std()
            X[site, column] = mean + 4 * (X[site, column] - mean) + 2 * spread
            if _moderate(X, y, folds):
                break
        cases.append(((X, y, folds), {}))
    return cases


# ---------------------------------------------------------------- fold validation

def _as_folds(answer: Any, n: int, n_splits: int) -> tuple[list[np.ndarray] | None, str]:
    """The answer as integer index arrays, or None and a reason safe to show."""
    if isinstance(answer, np.ndarray) and answer.ndim == 2:
        answer = list(answer)
    if not isinstance(answer, list):
        return None, f"expected a list of {n_splits} index arrays, got {type(answer).__name__}"
    if len(answer) != n_splits:
        return None, f"expected {n_splits} folds (one per split), got {len(answer)}"
    folds = []
    for i, fold in enumerate(answer):
        if not isinstance(fold, (list, np.ndarray)):
            return None, f"fold {i} is a {type(fold).__name__}, not a list or array of indices"
        arr = np.asarray(fold)
        if arr.dtype == bool:
            return None, f"fold {i} is a boolean mask; return the row indices of the fold"
        if arr.size == 0:
            return None, f"fold {i} is empty"
        if arr.ndim != 1 or arr.dtype.kind not in "iuf" or not np.all(np.round(arr) == arr):
            return None, f"fold {i} is not a flat array of integer row indices"
        folds.append(arr.astype(np.int64))
    every = np.concatenate(folds)
    if every.min() < 0 or every.max() >= n:
        return None, "some indices are not row numbers of the input (0 .. n - 1)"
    counts = np.bincount(every, minlength=n)
    if np.any(counts > 1):
        return None, "some samples appear more than once (each must be in exactly one test fold)"
    if np.any(counts == 0):
        return None, "some samples are in no fold"
    return folds, ""


def _fold_of(folds: Sequence[np.ndarray], n: int) -> np.ndarray:
    fold_of = np.empty(n, dtype=np.int64)
    for f, idx in enumerate(folds):
        fold_of[idx] = f
    return fold_of


def _grouped_partition(answer: Any, groups: Any, n_splits: int
                       ) -> tuple[list[np.ndarray] | None, np.ndarray, str]:
    """Validate a grouped partition; returns (folds, group index per sample, reason)."""
    _, inverse = np.unique(np.asarray(groups), return_inverse=True)
    n = len(inverse)
    folds, reason = _as_folds(answer, n, n_splits)
    if folds is None:
        return None, inverse, reason
    fold_of = _fold_of(folds, n)
    per_group = {(int(g), int(f)) for g, f in zip(inverse, fold_of, strict=True)}
    if len(per_group) != inverse.max() + 1:
        return None, inverse, "the rows of one group are spread over more than one fold"
    return folds, inverse, ""


def _summary(problems: list[str], total: int) -> str:
    first = next(p for p in problems if p)
    bad = sum(1 for p in problems if p)
    return f"{first} (on {bad} of {total} hidden inputs)"


class GroupedPartition(HiddenCheck):
    """group_kfold returns n_splits non-empty test folds covering every row once, groups intact."""

    function = "group_kfold"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        return [Call("group_kfold", (groups, k)) for groups, k in grouping_cases(rng)]

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        failed = first_error(calls, answers)
        if failed:
            return failed
        problems = [_grouped_partition(a.value, c.args[0], c.args[1])[2]
                    for c, a in zip(calls, answers, strict=True)]
        if any(problems):
            return Verdict(False, "group_kfold does not return a valid grouped partition: "
                           + _summary(problems, len(calls)))
        return Verdict(True, self.title)


class GroupedBalance(GroupedPartition):
    """The stated balance rule: for every largest fold, largest - smallest <= its smallest group."""

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        failed = first_error(calls, answers)
        if failed:
            return failed
        problems = []
        for call, answer in zip(calls, answers, strict=True):
            folds, inverse, reason = _grouped_partition(answer.value, *call.args)
            if folds is None:
                problems.append("the folds are not a valid grouped partition, so their balance "
                                "cannot be judged (see group-kfold-partition)")
                continue
            group_size = np.bincount(inverse)
            sizes = np.array([len(f) for f in folds])
            gap = sizes.max() - sizes.min()
            worst = [int(group_size[np.unique(inverse[f])].min())
                     for f, s in zip(folds, sizes, strict=True) if s == sizes.max()]
            problems.append("" if gap <= min(worst) else
                            "a largest fold exceeds the smallest fold by more than the size of "
                            "the smallest group it holds, so moving that group would balance "
                            "them better")
        if any(problems):
            return Verdict(False, "group_kfold's folds are not balanced: "
                           + _summary(problems, len(calls)))
        return Verdict(True, self.title)


class StratifiedPartition(HiddenCheck):
    """stratified_group_kfold: valid grouped partition, and the same folds for the same seed."""

    function = "stratified_group_kfold"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        calls = []
        for y, groups, k, seed in stratified_cases(rng):
            call = Call("stratified_group_kfold", (y, groups, k), {"seed": seed})
            calls += [call, call]  # asked twice: the same seed must give the same folds
        return calls

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        failed = first_error(calls, answers)
        if failed:
            return failed
        problems = []
        for i in range(0, len(calls), 2):
            _, groups, k = calls[i].args
            first, _, reason = _grouped_partition(answers[i].value, groups, k)
            second, _, again = _grouped_partition(answers[i + 1].value, groups, k)
            if first is None or second is None:
                problems.append(reason or again)
            elif [np.sort(f).tolist() for f in first] != [np.sort(f).tolist() for f in second]:
                problems.append("two calls with the same inputs and seed gave different folds; "
                                "draw all randomness from np.random.default_rng(seed)")
            else:
                problems.append("")
        if any(problems):
            return Verdict(False, "stratified_group_kfold does not return a valid, reproducible "
                           "grouped partition: " + _summary(problems, len(problems)))
        return Verdict(True, self.title)


class StratifiedBalance(HiddenCheck):
    """Every fold's positive rate within RATE_TOLERANCE of the overall rate, sizes in SIZE_RANGE."""

    function = "stratified_group_kfold"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        return [Call("stratified_group_kfold", (y, groups, k), {"seed": seed})
                for y, groups, k, seed in stratified_cases(rng)]

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        failed = first_error(calls, answers)
        if failed:
            return failed
        problems = []
        for call, answer in zip(calls, answers, strict=True):
            y, groups, k = call.args
            folds, _, _ = _grouped_partition(answer.value, groups, k)
            if folds is None:
                problems.append("the folds are not a valid grouped partition, so their "
                                "stratification cannot be judged (see stratified-partition)")
                continue
            y = np.asarray(y)
            rate, target = y.mean(), len(y) / k
            if any(not SIZE_RANGE[0] * target <= len(f) <= SIZE_RANGE[1] * target for f in folds):
                problems.append("a fold holds fewer than 80% or more than 120% of "
                                "n / n_splits samples")
            elif any(abs(y[f].mean() - rate) > RATE_TOLERANCE for f in folds):
                problems.append(f"a fold's positive rate is more than {RATE_TOLERANCE} away "
                                "from the overall positive rate")
            else:
                problems.append("")
        if any(problems):
            return Verdict(False, "stratified_group_kfold's folds are not stratified: "
                           + _summary(problems, len(calls)))
        return Verdict(True, self.title)


class NoLeakAgreement(AgreesWithReference):
    """Agreement with the reference on data where a leaky scaler changes the losses a lot;
    the message says so when the answers match the leaky computation instead."""

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        verdict = super().judge(calls, answers)
        if verdict.passed:
            return verdict
        leaky = 0
        for call, answer in zip(calls, answers, strict=True):
            if not answer.ok:
                return verdict
            expected = codec.decode(codec.encode(reference.leaky_cv_log_loss(*call.args)))
            if codec.compare(answer.value, expected, self.rtol, self.atol) is None:
                leaky += 1
        if leaky:
            return Verdict(False, f"{self.message}; the losses match a scaler fitted on all rows, "
                           "test fold included, before the loop (on "
                           f"{leaky} of {len(calls)} hidden inputs)")
        return verdict


SUITE = Suite(
    exercise="m04-evaluation/grouped-cv",
    checks=[
        *public_checks(PUBLIC_CHECKS),
        GroupedPartition(
            "group-kfold-partition", "group_kfold keeps groups whole and uses every row once", 2,
            hints=["Each row must be in exactly one test fold, and all rows of one group in the "
                   "same fold. Assign folds to groups, not to rows.",
                   "np.unique(groups, return_inverse=True) numbers the groups 0..G-1 and maps "
                   "every row to its group; decide a fold per group, then collect the row "
                   "indices of fold f with np.flatnonzero(fold_of_row == f). Return test "
                   "indices, not training indices."]),
        GroupedBalance(
            "group-kfold-balance", "group_kfold folds are balanced by the stated rule", 1,
            hints=["Walk the groups from largest to smallest; where should each one go so that "
                   "no fold runs ahead?",
                   "Sort the groups by size, largest first, and put each into the fold that "
                   "currently holds the fewest rows. Handing out groups in turn, or by label "
                   "order, ignores their sizes."]),
        StratifiedPartition(
            "stratified-partition",
            "stratified_group_kfold keeps groups whole, uses every row once, is reproducible", 1,
            hints=["Stratifying must not split a patient: decide folds per group, as in "
                   "group_kfold, and only let the labels influence which fold a group joins.",
                   "Create rng = np.random.default_rng(seed) inside the function and use only "
                   "rng for shuffling; np.random.shuffle or an unseeded generator give other "
                   "folds on every call."]),
        StratifiedBalance(
            "stratified-balance",
            "stratified_group_kfold folds have the overall positive rate and similar sizes", 2,
            hints=["A fold can be the right size and still hold most of the positive patients. "
                   "Keep track of positives and negatives per fold separately.",
                   "For each group with p positive and q negative rows (largest groups first), "
                   "choose the fold where p * positives_so_far + q * negatives_so_far is "
                   "smallest; break ties by the fold with fewest rows."]),
        AgreesWithReference(
            "cv-loss-random", "cv_log_loss agrees with an honest pipeline on random data", 2,
            "cv_log_loss", cv_cases, reference.cv_log_loss, rtol=1e-6, atol=1e-9,
            message="cv_log_loss disagrees with a pipeline fitted on the training rows only",
            hints=["Return one loss per given fold, in the order of the folds, computed on the "
                   "test fold's rows only.",
                   "Training rows are all rows not in the test fold; fit a new pipeline (scaler "
                   "and model together) on them for every fold, and pass labels=[0, 1] to "
                   "log_loss."]),
        NoLeakAgreement(
            "cv-loss-no-leak", "cv_log_loss is unaffected by the test fold's statistics", 1,
            "cv_log_loss", shifted_site_cases, reference.cv_log_loss, rtol=1e-4, atol=1e-9,
            message="cv_log_loss depends on information from the test fold",
            hints=["Suppose one fold's patients come from a hospital whose device reads a "
                   "feature on another scale. Would your training step notice?",
                   "Anything that learns from data - the StandardScaler's mean and standard "
                   "deviation included - must be fitted on the training rows of each fold only. "
                   "Do not call fit or fit_transform on the full X."]),
    ],
)
