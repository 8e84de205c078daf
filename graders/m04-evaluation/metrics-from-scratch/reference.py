"""Oracle for metrics-from-scratch. Runs only in the grader, never in a sandbox."""

from __future__ import annotations

import numpy as np
from scipy.stats import rankdata


def confusion_counts(y_true, y_pred) -> dict[str, int]:
    t = np.asarray(y_true).astype(bool)
    p = np.asarray(y_pred).astype(bool)
    return {"tp": int(np.sum(t & p)), "fp": int(np.sum(~t & p)),
            "fn": int(np.sum(t & ~p)), "tn": int(np.sum(~t & ~p))}


def precision(y_true, y_pred) -> float:
    c = confusion_counts(y_true, y_pred)
    return c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0


def recall(y_true, y_pred) -> float:
    c = confusion_counts(y_true, y_pred)
    return c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0


def f1(y_true, y_pred) -> float:
    p, r = precision(y_true, y_pred), recall(y_true, y_pred)
    return 2 * p * r / (p + r) if p + r else 0.0


def roc_auc(y_true, y_score) -> float:
    """Mann-Whitney form: mean ranks of the positives, ties sharing their average rank."""
    t = np.asarray(y_true).astype(bool)
    ranks = rankdata(np.asarray(y_score, dtype=float))
    n_pos, n_neg = int(t.sum()), int((~t).sum())
    return float((ranks[t].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))
