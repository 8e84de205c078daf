"""Oracle for calibration-and-slices. Runs only in the grader, never in a sandbox."""

from __future__ import annotations

import numpy as np


def bin_index(y_prob, n_bins: int) -> np.ndarray:
    """Bin k holds [k/n, (k+1)/n); the last bin is closed on the right, so 1.0 lands in it."""
    p = np.asarray(y_prob, dtype=float)
    return np.minimum(np.floor(p * n_bins).astype(np.int64), n_bins - 1)


def reliability_table(y_true, y_prob, n_bins: int) -> dict[str, list]:
    y = np.asarray(y_true, dtype=float)
    p = np.asarray(y_prob, dtype=float)
    idx = bin_index(p, n_bins)
    count = np.bincount(idx, minlength=n_bins)
    keep = np.flatnonzero(count)
    sum_prob = np.bincount(idx, weights=p, minlength=n_bins)
    sum_true = np.bincount(idx, weights=y, minlength=n_bins)
    return {
        "bin_lower": (keep / n_bins).tolist(),
        "bin_upper": ((keep + 1) / n_bins).tolist(),
        "count": count[keep].tolist(),
        "mean_prob": (sum_prob[keep] / count[keep]).tolist(),
        "frac_positive": (sum_true[keep] / count[keep]).tolist(),
    }


def expected_calibration_error(y_true, y_prob, n_bins: int) -> float:
    table = reliability_table(y_true, y_prob, n_bins)
    count = np.asarray(table["count"], dtype=float)
    gaps = np.abs(np.asarray(table["frac_positive"]) - np.asarray(table["mean_prob"]))
    return float(np.sum(count / count.sum() * gaps))


def _metrics(t: np.ndarray, p: np.ndarray) -> dict:
    tp = int(np.sum(t & p))
    predicted, actual = int(p.sum()), int(t.sum())
    return {"n": int(t.size), "n_pos": actual,
            "precision": tp / predicted if predicted else 0.0,
            "recall": tp / actual if actual else 0.0}


def slice_metrics(y_true, y_pred, slice_ids) -> dict[str, dict]:
    t = np.asarray(y_true) == 1
    p = np.asarray(y_pred) == 1
    s = np.asarray([str(x) for x in slice_ids])
    return {str(key): _metrics(t[s == key], p[s == key]) for key in np.unique(s)}


def release_gate(y_true, y_pred, slice_ids, min_recall: float, min_positives: int) -> dict:
    per_slice = slice_metrics(y_true, y_pred, slice_ids)
    insufficient = sorted(k for k, m in per_slice.items() if m["n_pos"] < min_positives)
    failing = sorted(k for k, m in per_slice.items()
                     if m["n_pos"] >= min_positives and m["recall"] < min_recall)
    return {"passed": not failing, "failing": failing, "insufficient": insufficient}
