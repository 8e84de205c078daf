"""A correct solution written differently: np.histogram with infinite outer edges, KS on
the distinct values with cumulative counts, and the alert found with a convolution."""

import numpy as np


def psi(reference, current, bins=10, eps=1e-4):
    reference = np.asarray(reference, dtype=float)
    current = np.asarray(current, dtype=float)
    inner = np.quantile(reference, np.linspace(0, 1, bins + 1)[1:-1])
    cut = np.concatenate([[-np.inf], inner, [np.inf]])
    p = np.histogram(reference, cut)[0] / reference.size
    q = np.histogram(current, cut)[0] / current.size
    p[p == 0] = eps
    q[q == 0] = eps
    return float(np.dot(q - p, np.log(q) - np.log(p)))


def ks_statistic(reference, current):
    reference = np.asarray(reference, dtype=float)
    current = np.asarray(current, dtype=float)
    values = np.unique(np.concatenate([reference, current]))
    ref_counts = np.bincount(np.searchsorted(values, reference), minlength=values.size)
    cur_counts = np.bincount(np.searchsorted(values, current), minlength=values.size)
    f_ref = np.cumsum(ref_counts) / reference.size
    f_cur = np.cumsum(cur_counts) / current.size
    return float(np.abs(f_ref - f_cur).max())


def first_alert(reference, batches, threshold, bins=10, patience=1):
    over = np.array([psi(reference, b, bins) > threshold for b in batches], dtype=int)
    if over.size < patience:
        return None
    full_runs = np.flatnonzero(np.convolve(over, np.ones(patience, dtype=int), "valid")
                               == patience)
    return int(full_runs[0] + patience - 1) if full_runs.size else None
