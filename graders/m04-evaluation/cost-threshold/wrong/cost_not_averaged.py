"""Expected cost as the total over the samples, not the average per sample.

The minimiser does not change, so only the cost checks fail.

fails: cost-example, cost-random
"""

import numpy as np


def expected_cost(y_true, y_score, threshold, cost_fp, cost_fn):
    y_true = np.asarray(y_true)
    y_pred = np.asarray(y_score, dtype=float) >= threshold
    fp = np.sum(y_pred & (y_true == 0))
    fn = np.sum(~y_pred & (y_true == 1))
    return float(cost_fp * fp + cost_fn * fn)
