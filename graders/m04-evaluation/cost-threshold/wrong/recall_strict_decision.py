"""threshold_for_recall that counts a positive as caught only when score > threshold.

fails: recall-example, recall-random, recall-boundary
"""

import numpy as np


def threshold_for_recall(y_true, y_score, min_recall):
    y_true = np.asarray(y_true)
    y_score = np.asarray(y_score, dtype=float)
    n_pos = np.sum(y_true == 1)
    for t in np.unique(y_score)[::-1]:
        if np.sum((y_score > t) & (y_true == 1)) / n_pos >= min_recall:
            return float(t)
    return float(np.min(y_score))
