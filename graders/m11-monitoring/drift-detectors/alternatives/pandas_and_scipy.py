"""A correct solution built on pandas.cut / value_counts and scipy.stats.ks_2samp, with a
sliding window of flags for the alert rule."""

import numpy as np
import pandas as pd
from scipy import stats


def psi(reference, current, bins=10, eps=1e-4):
    reference = pd.Series(np.asarray(reference, dtype=float))
    current = pd.Series(np.asarray(current, dtype=float))
    inner = reference.quantile([k / bins for k in range(1, bins)]).to_numpy()
    cut = [-np.inf, *inner, np.inf]
    # right=False: closed on the left; repeated edges are dropped (their bins are empty anyway)
    p = pd.cut(reference, cut, right=False, duplicates="drop").value_counts(normalize=True,
                                                                             sort=False)
    q = pd.cut(current, cut, right=False, duplicates="drop").value_counts(normalize=True,
                                                                           sort=False)
    p = p.sort_index().to_numpy(dtype=float)
    q = q.sort_index().to_numpy(dtype=float)
    p = np.where(p == 0, eps, p)
    q = np.where(q == 0, eps, q)
    return float(((q - p) * np.log(q / p)).sum())


def ks_statistic(reference, current):
    return float(stats.ks_2samp(reference, current).statistic)


def first_alert(reference, batches, threshold, bins=10, patience=1):
    flags = []
    for i, batch in enumerate(batches):
        flags.append(psi(reference, batch, bins) > threshold)
        if len(flags) >= patience and all(flags[-patience:]):
            return i
    return None
