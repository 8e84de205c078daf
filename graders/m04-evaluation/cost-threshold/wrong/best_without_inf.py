"""best_threshold that only scans the observed scores, so it can never flag nothing.

fails: best-valid
"""

import numpy as np


def best_threshold(y_true, y_score, cost_fp, cost_fn):
    best_t, best_cost = None, np.inf
    for t in np.unique(np.asarray(y_score, dtype=float)):
        cost = expected_cost(y_true, y_score, t, cost_fp, cost_fn)  # noqa: F821
        if cost <= best_cost:
            best_t, best_cost = t, cost
    return float(best_t)
