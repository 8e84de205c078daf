"""Oracle for cost-threshold. Runs only in the grader, never in a sandbox.

Everything is counted with integers and sorted arrays, so costs that are equal
in exact arithmetic are equal here too (ties are decided on exact totals).
"""

from __future__ import annotations

import numpy as np


def _as_arrays(y_true, y_score) -> tuple[np.ndarray, np.ndarray]:
    return np.asarray(y_true).astype(bool), np.asarray(y_score, dtype=float)


def counts_at(y_true, y_score, thresholds) -> tuple[np.ndarray, np.ndarray, int, int]:
    """False positives and false negatives at each threshold (rule: score >= threshold)."""
    t, s = _as_arrays(y_true, y_score)
    thresholds = np.asarray(thresholds, dtype=float)
    pos, neg = np.sort(s[t]), np.sort(s[~t])
    tp = len(pos) - np.searchsorted(pos, thresholds, side="left")
    fp = len(neg) - np.searchsorted(neg, thresholds, side="left")
    return fp, len(pos) - tp, len(pos), len(neg)


def expected_cost(y_true, y_score, threshold, cost_fp, cost_fn) -> float:
    fp, fn, n_pos, n_neg = counts_at(y_true, y_score, [threshold])
    return float((cost_fp * int(fp[0]) + cost_fn * int(fn[0])) / (n_pos + n_neg))


def candidates(y_score) -> np.ndarray:
    """The unique scores, ascending, then +inf (predict nothing positive)."""
    return np.append(np.unique(np.asarray(y_score, dtype=float)), np.inf)


def candidate_costs(y_true, y_score, cost_fp, cost_fn) -> tuple[np.ndarray, np.ndarray]:
    """Every candidate threshold and its expected cost."""
    cands = candidates(y_score)
    fp, fn, n_pos, n_neg = counts_at(y_true, y_score, cands)
    return cands, (cost_fp * fp + cost_fn * fn) / (n_pos + n_neg)


def minimisers(y_true, y_score, cost_fp, cost_fn, rtol: float = 1e-12) -> np.ndarray:
    """All candidate thresholds whose cost equals the minimum (up to rounding)."""
    cands, costs = candidate_costs(y_true, y_score, cost_fp, cost_fn)
    best = costs.min()
    return cands[costs <= best + rtol * max(abs(best), 1.0)]


def best_threshold(y_true, y_score, cost_fp, cost_fn) -> float:
    """The largest candidate threshold with the minimum expected cost."""
    return float(minimisers(y_true, y_score, cost_fp, cost_fn).max())


def threshold_for_recall(y_true, y_score, min_recall) -> float:
    """The largest threshold whose recall (TP / positives) is at least min_recall."""
    t, s = _as_arrays(y_true, y_score)
    pos = np.sort(s[t])
    cands = np.unique(s)
    tp = len(pos) - np.searchsorted(pos, cands, side="left")
    return float(cands[tp / len(pos) >= min_recall].max())
