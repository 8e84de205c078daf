"""Oracle for baseline-first. Runs only in the grader, never in a sandbox.

Each baseline is the best constant prediction for its metric, learned from the
training labels only: the most frequent class for accuracy (smallest label on
ties), the median for MAE, the mean for RMSE.
"""

from __future__ import annotations

import numpy as np


def majority_label(y_train):
    labels, counts = np.unique(np.asarray(y_train), return_counts=True)
    return labels[int(np.argmax(counts))]


def baseline_scores(y_train, y_test, task) -> dict[str, float]:
    if task == "classification":
        y_test = np.asarray(y_test)
        return {"accuracy": float(np.mean(y_test == majority_label(y_train)))}
    if task == "regression":
        y_train = np.asarray(y_train, dtype=float)
        y_test = np.asarray(y_test, dtype=float)
        mae = np.mean(np.abs(y_test - np.median(y_train)))
        rmse = np.sqrt(np.mean((y_test - np.mean(y_train)) ** 2))
        return {"mae": float(mae), "rmse": float(rmse)}
    raise ValueError(f"unknown task {task!r}")


def beats_baseline(model_score, baseline_score, higher_is_better, margin) -> bool:
    """True when the model improves on the baseline by at least margin (metric units)."""
    gain = model_score - baseline_score if higher_is_better else baseline_score - model_score
    return bool(gain >= margin)
