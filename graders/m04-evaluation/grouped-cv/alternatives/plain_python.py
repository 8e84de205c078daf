"""A correct solution in plain Python: dictionaries and loops for the folds, boolean
masks and a hand-written log loss for the cross-validation."""

import math
import random

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def _rows_by_group(groups):
    rows = {}
    for i, g in enumerate(groups):
        rows.setdefault(g.item() if hasattr(g, "item") else g, []).append(i)
    return rows


def _as_folds(assignment, rows, n_splits):
    folds = [[] for _ in range(n_splits)]
    for g, f in assignment.items():
        folds[f].extend(rows[g])
    return sorted((sorted(f) for f in folds), key=lambda f: f[0])


def group_kfold(groups, n_splits):
    rows = _rows_by_group(groups)
    sizes = [0] * n_splits
    assignment = {}
    for g in sorted(rows, key=lambda g: len(rows[g]), reverse=True):
        f = sizes.index(min(sizes))
        assignment[g] = f
        sizes[f] += len(rows[g])
    return _as_folds(assignment, rows, n_splits)


def stratified_group_kfold(y, groups, n_splits, seed):
    rows = _rows_by_group(groups)
    labels = [int(v) for v in y]
    names = sorted(rows, key=str)
    random.Random(seed).shuffle(names)
    names.sort(key=lambda g: len(rows[g]), reverse=True)
    pos_in, neg_in = [0] * n_splits, [0] * n_splits
    assignment = {}
    for g in names:
        p = sum(labels[i] for i in rows[g])
        q = len(rows[g]) - p
        f = min(range(n_splits), key=lambda i: (p * pos_in[i] + q * neg_in[i],
                                                pos_in[i] + neg_in[i], i))
        assignment[g] = f
        pos_in[f] += p
        neg_in[f] += q
    return _as_folds(assignment, rows, n_splits)


def cv_log_loss(X, y, folds):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    losses = []
    for test in folds:
        in_test = np.zeros(len(y), dtype=bool)
        in_test[list(test)] = True
        model = make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=1000))
        model.fit(X[~in_test], y[~in_test])
        total = 0.0
        for label, p in zip(y[in_test], model.predict_proba(X[in_test])[:, 1], strict=True):
            total -= math.log(p) if label == 1 else math.log(1 - p)
        losses.append(total / int(in_test.sum()))
    return losses
