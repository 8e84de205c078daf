"""Checks for metrics-from-scratch: the public examples plus hidden random inputs."""

from __future__ import annotations

import numpy as np

from academy.grading.checks import AgreesWithReference, Suite, public_checks

from . import reference
from .public import PUBLIC_CHECKS


def _labels(rng: np.random.Generator, n: int, rate: float) -> np.ndarray:
    y = (rng.random(n) < rate).astype(np.int64)
    y[:2] = [1, 0]  # at least one of each class
    return rng.permutation(y)


def label_pairs(rng: np.random.Generator) -> list:
    """Random (y_true, y_pred) pairs: balanced, rare positives, and the degenerate cases."""
    cases = []
    for n, rate in [(20, 0.5), (200, 0.1), (1000, 0.02), (57, 0.7)]:
        y_true = _labels(rng, n, rate)
        flip = rng.random(n) < 0.25
        cases.append(((y_true, np.where(flip, 1 - y_true, y_true)), {}))
    n = 30
    y_true = _labels(rng, n, 0.4)
    cases.append(((y_true, np.zeros(n, dtype=np.int64)), {}))  # nothing predicted positive
    cases.append(((np.zeros(n, dtype=np.int64), (rng.random(n) < 0.3).astype(np.int64)), {}))
    cases.append(((np.ones(n, dtype=np.int64), np.ones(n, dtype=np.int64)), {}))
    return cases


def continuous_scores(rng: np.random.Generator) -> list:
    cases = []
    for n, rate in [(30, 0.5), (300, 0.1), (2000, 0.3)]:
        y_true = _labels(rng, n, rate)
        y_score = rng.normal(size=n) + 1.2 * y_true
        cases.append(((y_true, y_score), {}))
    return cases


def tied_scores(rng: np.random.Generator) -> list:
    cases = []
    for n, levels in [(40, 3), (500, 5), (1500, 11)]:
        y_true = _labels(rng, n, 0.35)
        y_score = np.round(rng.random(n) * 0.6 + 0.4 * y_true, 1)
        y_score = np.floor(y_score * levels) / levels
        cases.append(((y_true, y_score), {}))
    return cases


SUITE = Suite(
    exercise="m04-evaluation/metrics-from-scratch",
    checks=[
        *public_checks(PUBLIC_CHECKS),
        AgreesWithReference(
            "counts-random", "confusion_counts on random labels", 2, "confusion_counts",
            label_pairs, reference.confusion_counts,
            message="confusion_counts disagrees with the definitions of TP, FP, FN and TN",
            hints=["Check each of the four cells separately on a tiny example you can count by hand.",
                   "Inputs may be numpy integer arrays; compare with == 1 or cast to bool, and "
                   "return plain ints in a dict with keys tp, fp, fn, tn."]),
        AgreesWithReference(
            "precision-random", "precision on random labels, edge cases included", 1, "precision",
            label_pairs, reference.precision,
            message="precision disagrees with TP / (TP + FP)",
            hints=["Think about a classifier that predicts no positives at all.",
                   "When TP + FP is 0, precision is defined here as 0.0 - no division, no nan."]),
        AgreesWithReference(
            "recall-random", "recall on random labels, edge cases included", 1, "recall",
            label_pairs, reference.recall,
            message="recall disagrees with TP / (TP + FN)",
            hints=["Recall is about the actual positives: how many did the model find?",
                   "The denominator counts actual positives (TP + FN); when it is 0, return 0.0."]),
        AgreesWithReference(
            "f1-random", "F1 on random labels, edge cases included", 1, "f1",
            label_pairs, reference.f1,
            message="f1 disagrees with the harmonic mean of precision and recall",
            hints=["F1 is not the arithmetic mean of precision and recall.",
                   "f1 = 2 * p * r / (p + r), and 0.0 when p + r is 0."]),
        AgreesWithReference(
            "auc-random", "roc_auc on continuous random scores", 2, "roc_auc",
            continuous_scores, reference.roc_auc, rtol=1e-9,
            message="roc_auc disagrees with the probability that a positive outranks a negative",
            hints=["A perfectly ranked sample gives 1.0 and a reversed one 0.0; test both.",
                   "Count ordered (positive, negative) pairs and divide by n_pos * n_neg; or use "
                   "the rank-sum (Mann-Whitney) formula."]),
        AgreesWithReference(
            "auc-ties", "roc_auc with tied scores", 2, "roc_auc",
            tied_scores, reference.roc_auc, rtol=1e-9,
            message="roc_auc is wrong when scores are tied",
            hints=["Real models output rounded scores: what should a tie between a positive and "
                   "a negative count for?",
                   "A tied (positive, negative) pair counts one half; with ranks, give tied scores "
                   "their average rank."]),
    ],
)
