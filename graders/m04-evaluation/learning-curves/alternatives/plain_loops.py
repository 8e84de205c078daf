"""A correct solution written differently: explicit index lists and hand-counted accuracy,
a table of rules for diagnose, and the gain per doubling from log2 differences."""

import math

import numpy as np


def _accuracy(model, X, y):
    predicted = model.predict(X)
    hits = sum(1 for p, t in zip(predicted, y, strict=True) if p == t)
    return hits / len(y)


def learning_curve_points(X_train, y_train, X_val, y_val, train_sizes, kind, param):
    X_train, y_train = np.asarray(X_train, dtype=float), np.asarray(y_train)
    X_val, y_val = np.asarray(X_val, dtype=float), np.asarray(y_val)
    result = {"train": [], "val": []}
    for n in train_sizes:
        rows = list(range(int(n)))
        model = make_model(kind, param)  # noqa: F821 - defined by the notebook
        model.fit(X_train[rows], y_train[rows])
        result["train"].append(_accuracy(model, X_train[rows], y_train[rows]))
        result["val"].append(_accuracy(model, X_val, y_val))
    return result


def diagnose(train_scores, val_scores, target, gap_tol=0.05):
    train, val = list(train_scores)[-1], list(val_scores)[-1]
    rules = [
        (lambda: val >= target, "good fit"),
        (lambda: train > val + gap_tol, "high variance"),
        (lambda: not train >= target, "high bias"),
        (lambda: True, "unclear"),
    ]
    return next(verdict for holds, verdict in rules if holds())


def worth_more_data(train_sizes, train_scores, val_scores, target, min_gain=0.01):
    *_, n_before, n_last = train_sizes
    *_, val_before, val_last = val_scores
    if val_last >= target or train_scores[-1] < target:
        return False
    doublings = math.log2(n_last) - math.log2(n_before)
    return (val_last - val_before) >= min_gain * doublings
