"""A correct solution that leans on scikit-learn: learning_curve on the stacked data with one
fixed (train, validation) split and shuffle=False, nested conditions, numpy logarithms."""

import numpy as np
from sklearn.model_selection import learning_curve


def learning_curve_points(X_train, y_train, X_val, y_val, train_sizes, kind, param):
    X = np.vstack([np.asarray(X_train, dtype=float), np.asarray(X_val, dtype=float)])
    y = np.concatenate([np.asarray(y_train), np.asarray(y_val)])
    n_train = len(y_train)
    split = [(np.arange(n_train), np.arange(n_train, len(y)))]
    _, train_scores, val_scores = learning_curve(
        make_model(kind, param), X, y,  # noqa: F821 - defined by the notebook
        train_sizes=np.asarray(train_sizes, dtype=int), cv=split, shuffle=False,
        scoring="accuracy", error_score="raise")
    return {"train": train_scores[:, 0].tolist(), "val": val_scores[:, 0].tolist()}


def diagnose(train_scores, val_scores, target, gap_tol=0.05):
    train, val = train_scores[-1], val_scores[-1]
    if val < target:
        if train - val <= gap_tol:
            return "unclear" if train >= target else "high bias"
        return "high variance"
    return "good fit"


def worth_more_data(train_sizes, train_scores, val_scores, target, min_gain=0.01):
    sizes = np.asarray(train_sizes, dtype=float)
    val = np.asarray(val_scores, dtype=float)
    gain = (val[-1] - val[-2]) / (np.log(sizes[-1] / sizes[-2]) / np.log(2.0))
    still_rising = gain >= min_gain
    room_left = train_scores[-1] >= target > val[-1]
    return bool(still_rising and room_left)

