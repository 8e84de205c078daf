"""ECE with np.searchsorted on the inner edges (scikit-learn's calibration_curve rule): a
probability exactly on an inner edge goes to the lower bin instead of the one it starts.

fails: ece-edges
"""

import numpy as np


def expected_calibration_error(y_true, y_prob, n_bins=10):
    y = np.asarray(y_true, dtype=float)
    p = np.asarray(y_prob, dtype=float)
    idx = np.searchsorted(np.linspace(0.0, 1.0, n_bins + 1)[1:-1], p)
    count = np.bincount(idx, minlength=n_bins)
    sum_prob = np.bincount(idx, weights=p, minlength=n_bins)
    sum_true = np.bincount(idx, weights=y, minlength=n_bins)
    full = count > 0
    gaps = np.abs(sum_true[full] - sum_prob[full]) / count[full]
    return float(np.sum(count[full] / len(p) * gaps))
