"""Oracle for learning-curves. Runs only in the grader, never in a sandbox."""

from __future__ import annotations

import math

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier

GAP_TOL = 0.05
"""Default gap tolerance of diagnose (the lesson's)."""
MIN_GAIN = 0.01
"""Default validation gain per doubling of the data that counts as "still rising"."""
VERDICTS = ("good fit", "high variance", "high bias", "unclear")


def make_model(kind: str, param):
    """The two model families of the exercise (the notebook defines the same function)."""
    if kind == "logistic":
        return make_pipeline(StandardScaler(), LogisticRegression(C=param, max_iter=1000))
    if kind == "tree":
        return DecisionTreeClassifier(max_depth=param, random_state=0)
    raise ValueError(f"unknown model kind {kind!r}")


def learning_curve_points(X_train, y_train, X_val, y_val, train_sizes, kind, param
                          ) -> dict[str, list[float]]:
    """For each n: fit on the first n training rows, accuracy on those rows and on all of val."""
    X_train, y_train = np.asarray(X_train, dtype=float), np.asarray(y_train)
    X_val, y_val = np.asarray(X_val, dtype=float), np.asarray(y_val)
    train, val = [], []
    for n in train_sizes:
        n = int(n)
        model = make_model(kind, param).fit(X_train[:n], y_train[:n])
        train.append(float(np.mean(model.predict(X_train[:n]) == y_train[:n])))
        val.append(float(np.mean(model.predict(X_val) == y_val)))
    return {"train": train, "val": val}


def diagnose(train_scores, val_scores, target, gap_tol=GAP_TOL) -> str:
    """The lesson's rule on the last points: good fit, high variance, high bias, unclear."""
    train, val = float(train_scores[-1]), float(val_scores[-1])
    if val >= target:
        return "good fit"
    if train - val > gap_tol:
        return "high variance"
    if train < target:
        return "high bias"
    return "unclear"


def gain_per_doubling(train_sizes, val_scores) -> float:
    """Validation gain between the last two points, per doubling of the training size."""
    return (float(val_scores[-1]) - float(val_scores[-2])) / math.log2(
        float(train_sizes[-1]) / float(train_sizes[-2]))


def worth_more_data(train_sizes, train_scores, val_scores, target, min_gain=MIN_GAIN) -> bool:
    """Target not met yet, training score at or above it, validation still rising."""
    return bool(float(val_scores[-1]) < target
                and float(train_scores[-1]) >= target
                and gain_per_doubling(train_sizes, val_scores) >= min_gain)
