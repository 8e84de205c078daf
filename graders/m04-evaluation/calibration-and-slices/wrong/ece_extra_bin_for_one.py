"""ECE whose bin index floor(p * n_bins) is not capped, so 1.0 gets a bin of its own.

fails: ece-edges
"""

import numpy as np


def expected_calibration_error(y_true, y_prob, n_bins=10):
    y = np.asarray(y_true, dtype=float)
    p = np.asarray(y_prob, dtype=float)
    idx = np.floor(p * n_bins).astype(int)
    ece = 0.0
    for k in np.unique(idx):
        in_bin = idx == k
        ece += in_bin.mean() * abs(y[in_bin].mean() - p[in_bin].mean())
    return float(ece)
