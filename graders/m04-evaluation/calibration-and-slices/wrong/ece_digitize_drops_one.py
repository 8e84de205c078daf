"""ECE with np.digitize(p, edges) - 1 over all edges: 1.0 lands past the last bin and is lost.

fails: ece-edges
"""

import numpy as np


def expected_calibration_error(y_true, y_prob, n_bins=10):
    y = np.asarray(y_true, dtype=float)
    p = np.asarray(y_prob, dtype=float)
    idx = np.digitize(p, np.linspace(0.0, 1.0, n_bins + 1)) - 1
    ece = 0.0
    for k in range(n_bins):
        in_bin = idx == k
        if in_bin.any():
            ece += in_bin.sum() / len(p) * abs(y[in_bin].mean() - p[in_bin].mean())
    return float(ece)
