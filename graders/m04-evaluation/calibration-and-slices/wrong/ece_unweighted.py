"""ECE as the plain mean of the per-bin gaps, ignoring how many predictions each bin holds.

fails: ece-example, ece-random, ece-edges
"""

import numpy as np


def expected_calibration_error(y_true, y_prob, n_bins=10):
    table = reliability_table(y_true, y_prob, n_bins)  # noqa: F821 - defined by the notebook
    gaps = np.abs(np.asarray(table["frac_positive"]) - np.asarray(table["mean_prob"]))
    return float(np.mean(gaps))
