"""threshold_for_recall that returns the smallest feasible threshold (the lowest score).

fails: recall-example, recall-random, recall-boundary
"""

import numpy as np


def threshold_for_recall(y_true, y_score, min_recall):
    y_true = np.asarray(y_true)
    y_score = np.asarray(y_score, dtype=float)
    n_pos = np.sum(y_true == 1)
    for t in np.unique(y_score):  # ascending: the first feasible one is the smallest
        if np.sum((y_score >= t) & (y_true == 1)) / n_pos >= min_recall:
            return float(t)
    raise ValueError("no threshold reaches min_recall")
