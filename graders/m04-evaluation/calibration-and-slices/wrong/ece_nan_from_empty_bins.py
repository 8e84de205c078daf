"""ECE that averages every bin, empty ones included, so empty bins turn it into nan.

fails: ece-example, ece-random, ece-edges
"""

import numpy as np


def expected_calibration_error(y_true, y_prob, n_bins=10):
    y = np.asarray(y_true, dtype=float)
    p = np.asarray(y_prob, dtype=float)
    idx = np.minimum(np.floor(p * n_bins).astype(int), n_bins - 1)
    ece = 0.0
    for k in range(n_bins):
        in_bin = idx == k
        gap = abs(np.mean(y[in_bin]) - np.mean(p[in_bin]))  # nan (and a warning) when empty
        ece += in_bin.sum() / len(p) * gap
    return float(ece)
