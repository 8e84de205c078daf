"""Oracle for grouped-cv. Runs only in the grader, never in a sandbox."""

from __future__ import annotations

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def canonical(folds) -> list[np.ndarray]:
    """Each fold sorted ascending, folds ordered by their smallest index."""
    out = [np.sort(np.asarray(f, dtype=np.int64)) for f in folds]
    return sorted(out, key=lambda f: int(f[0]) if len(f) else -1)


def _folds_from_assignment(fold_of_sample: np.ndarray, n_splits: int) -> list[np.ndarray]:
    return canonical(np.flatnonzero(fold_of_sample == f) for f in range(n_splits))


def group_kfold(groups, n_splits: int) -> list[np.ndarray]:
    """Largest group first, each into the fold with the fewest samples so far."""
    _, inverse, counts = np.unique(np.asarray(groups), return_inverse=True, return_counts=True)
    if len(counts) < n_splits:
        raise ValueError("fewer groups than folds")
    fold_size = np.zeros(n_splits, dtype=np.int64)
    fold_of_group = np.empty(len(counts), dtype=np.int64)
    for g in np.argsort(-counts, kind="stable"):
        f = int(np.argmin(fold_size))
        fold_of_group[g] = f
        fold_size[f] += counts[g]
    return _folds_from_assignment(fold_of_group[inverse], n_splits)


def stratified_group_kfold(y, groups, n_splits: int, seed: int) -> list[np.ndarray]:
    """Shuffle groups (seeded), sort largest first, and put each group where it adds
    least to the squared shortfall of the class counts: argmin pos_g * P_f + neg_g * N_f."""
    y = np.asarray(y)
    _, inverse = np.unique(np.asarray(groups), return_inverse=True)
    n_groups = int(inverse.max()) + 1
    if n_groups < n_splits:
        raise ValueError("fewer groups than folds")
    pos = np.bincount(inverse, weights=(y == 1).astype(float), minlength=n_groups)
    neg = np.bincount(inverse, weights=(y != 1).astype(float), minlength=n_groups)
    order = np.random.default_rng(seed).permutation(n_groups)
    order = order[np.argsort(-(pos + neg)[order], kind="stable")]
    fold_pos = np.zeros(n_splits)
    fold_neg = np.zeros(n_splits)
    fold_of_group = np.empty(n_groups, dtype=np.int64)
    for g in order:
        cost = pos[g] * fold_pos + neg[g] * fold_neg
        f = int(np.lexsort((np.arange(n_splits), fold_pos + fold_neg, cost))[0])
        fold_of_group[g] = f
        fold_pos[f] += pos[g]
        fold_neg[f] += neg[g]
    return _folds_from_assignment(fold_of_group[inverse], n_splits)


def make_pipeline_model():
    return make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=1000))


def cv_log_loss(X, y, folds) -> list[float]:
    """Per-fold log loss of the pipeline fitted on the other rows only."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    losses = []
    for test in folds:
        test = np.asarray(test, dtype=np.int64)
        train = np.setdiff1d(np.arange(len(y)), test)
        model = make_pipeline_model().fit(X[train], y[train])
        proba = model.predict_proba(X[test])[:, 1]
        losses.append(float(log_loss(y[test], proba, labels=[0, 1])))
    return losses


def leaky_cv_log_loss(X, y, folds) -> list[float]:
    """The classic mistake, kept for diagnosis: the scaler is fitted on all rows first."""
    X = StandardScaler().fit_transform(np.asarray(X, dtype=float))
    y = np.asarray(y)
    losses = []
    for test in folds:
        test = np.asarray(test, dtype=np.int64)
        train = np.setdiff1d(np.arange(len(y)), test)
        model = LogisticRegression(C=1.0, max_iter=1000).fit(X[train], y[train])
        proba = model.predict_proba(X[test])[:, 1]
        losses.append(float(log_loss(y[test], proba, labels=[0, 1])))
    return losses
