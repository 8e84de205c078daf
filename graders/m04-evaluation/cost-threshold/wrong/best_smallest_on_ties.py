"""best_threshold that returns the smallest of the thresholds sharing the minimum cost.

It is a minimiser, so it passes the validation and held-out checks; only the tie
convention fails.

fails: best-example, best-ties
"""

import numpy as np


def best_threshold(y_true, y_score, cost_fp, cost_fn):
    candidates = np.append(np.unique(np.asarray(y_score, dtype=float)), np.inf)
    costs = [expected_cost(y_true, y_score, t, cost_fp, cost_fn)  # noqa: F821
             for t in candidates]
    return float(candidates[int(np.argmin(costs))])
