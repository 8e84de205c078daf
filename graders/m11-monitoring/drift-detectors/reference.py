"""Oracle for drift-detectors. Runs only in the grader, never in a sandbox.

Conventions (the notebook states them):

* PSI bins: inner edges at ``np.quantile(reference, k / bins)`` for k = 1..bins-1
  (numpy's default linear interpolation), open outer bins; a value goes to the bin
  whose left edge is the largest edge <= value (``searchsorted(..., side="right")``).
  Repeated edges are kept: their zero-width bins are empty in both samples.
* Shares of exactly 0 become ``eps``; PSI = sum((q - p) * ln(q / p)).
* KS statistic: max over all x of |F_ref(x) - F_cur(x)|, F(x) = share of values <= x.
* first_alert: the first index that completes ``patience`` consecutive batches with
  PSI > threshold (strictly), or None.
"""

from __future__ import annotations

import numpy as np


def edges(reference, bins: int) -> np.ndarray:
    """The inner bin edges: the reference's quantiles at k / bins, k = 1..bins-1."""
    return np.quantile(np.asarray(reference, dtype=float), np.arange(1, bins) / bins)


def shares(values, inner_edges: np.ndarray, bins: int) -> np.ndarray:
    """The share of *values* in each bin (left-closed bins, open outer bins)."""
    values = np.asarray(values, dtype=float)
    index = np.searchsorted(inner_edges, values, side="right")
    return np.bincount(index, minlength=bins) / values.size


def psi(reference, current, bins=10, eps=1e-4) -> float:
    cut = edges(reference, bins)
    p = shares(reference, cut, bins)
    q = shares(current, cut, bins)
    p = np.where(p == 0, eps, p)
    q = np.where(q == 0, eps, q)
    return float(np.sum((q - p) * np.log(q / p)))


def ks_statistic(reference, current) -> float:
    ref = np.sort(np.asarray(reference, dtype=float))
    cur = np.sort(np.asarray(current, dtype=float))
    grid = np.concatenate([ref, cur])
    f_ref = np.searchsorted(ref, grid, side="right") / ref.size
    f_cur = np.searchsorted(cur, grid, side="right") / cur.size
    return float(np.max(np.abs(f_ref - f_cur)))


def exceedances(reference, batches, threshold, bins=10) -> list[bool]:
    return [psi(reference, batch, bins) > threshold for batch in batches]


def first_alert(reference, batches, threshold, bins=10, patience=1):
    run = 0
    for i, over in enumerate(exceedances(reference, batches, threshold, bins)):
        run = run + 1 if over else 0
        if run >= patience:
            return i
    return None
