"""Expected cost that charges cost_fn for false positives and cost_fp for false negatives.

fails: cost-example, cost-random, best-example, best-valid, best-ties, best-held-out
"""

import numpy as np


def expected_cost(y_true, y_score, threshold, cost_fp, cost_fn):
    y_true = np.asarray(y_true)
    y_pred = np.asarray(y_score, dtype=float) >= threshold
    fp = np.sum(y_pred & (y_true == 0))
    fn = np.sum(~y_pred & (y_true == 1))
    return float((cost_fn * fp + cost_fp * fn) / len(y_true))
