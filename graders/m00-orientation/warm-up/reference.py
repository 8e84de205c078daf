"""Oracle for warm-up. Runs only in the grader, never in a sandbox.

``train_test_indices`` has no single right answer (any seeded shuffle is
fine), so its checks judge properties; the function here is the model
solution's recipe, used by ``checks.py`` only for the expected sizes.
"""

from __future__ import annotations

import math

import numpy as np


def mean_absolute_error(y_true, y_pred) -> float:
    """The average of |y_true - y_pred|."""
    t = np.asarray(y_true, dtype=float)
    p = np.asarray(y_pred, dtype=float)
    return float(np.mean(np.abs(t - p)))


def split_sizes(n, test_fraction) -> tuple[int, int]:
    """(n_train, n_test) with n_test = ceil(n * test_fraction), as scikit-learn does."""
    n_test = math.ceil(n * test_fraction)
    return n - n_test, n_test


def train_test_indices(n, test_fraction, seed) -> tuple[list[int], list[int]]:
    """A seeded shuffle of range(n): the first n_test shuffled indices are the test set."""
    _, n_test = split_sizes(n, test_fraction)
    order = np.random.default_rng(seed).permutation(n)
    return sorted(order[n_test:].tolist()), sorted(order[:n_test].tolist())


def majority_baseline(y_train, n) -> list:
    """n copies of the most frequent training label; ties go to the smallest label."""
    labels, counts = np.unique(np.asarray(y_train), return_counts=True)
    return [labels[int(np.argmax(counts))].item()] * n
