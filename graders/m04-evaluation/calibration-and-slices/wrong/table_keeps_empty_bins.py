"""A reliability table with a row of zeros for every empty bin instead of no row.

fails: table-example, table-random
"""

import numpy as np


def reliability_table(y_true, y_prob, n_bins=10):
    y = np.asarray(y_true, dtype=float)
    p = np.asarray(y_prob, dtype=float)
    idx = np.minimum(np.floor(p * n_bins).astype(int), n_bins - 1)
    count = np.bincount(idx, minlength=n_bins)
    safe = np.maximum(count, 1)
    return {
        "bin_lower": np.arange(n_bins) / n_bins,
        "bin_upper": np.arange(1, n_bins + 1) / n_bins,
        "count": count,
        "mean_prob": np.bincount(idx, weights=p, minlength=n_bins) / safe,
        "frac_positive": np.bincount(idx, weights=y, minlength=n_bins) / safe,
    }
