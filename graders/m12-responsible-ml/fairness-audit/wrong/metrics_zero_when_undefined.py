"""group_metrics that reports 0.0 (like scikit-learn's zero_division default) for a rate
with no denominator, so a group without positives looks like a group the model fails.

fails: metrics-example, metrics-random, gaps-example, gaps-random
"""

import numpy as np


def group_metrics(y_true, y_pred, group):
    y_true = np.asarray(y_true).astype(int)
    y_pred = np.asarray(y_pred).astype(int)
    group = np.asarray(group).astype(str)
    result = {}
    for name in np.unique(group):
        yt, yp = y_true[group == name], y_pred[group == name]
        positives, negatives = np.sum(yt == 1), np.sum(yt == 0)
        tp, fp = np.sum((yp == 1) & (yt == 1)), np.sum((yp == 1) & (yt == 0))
        result[str(name)] = {
            "n": len(yt),
            "selection_rate": float(yp.mean()),
            "tpr": float(tp / positives) if positives > 0 else 0.0,
            "fpr": float(fp / negatives) if negatives > 0 else 0.0,
        }
    return result
