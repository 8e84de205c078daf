"""group_metrics that divides false positives by all rows of the group, not by its negatives.

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
        positives = np.sum(yt == 1)
        tp, fp = np.sum((yp == 1) & (yt == 1)), np.sum((yp == 1) & (yt == 0))
        result[str(name)] = {
            "n": len(yt),
            "selection_rate": float(yp.mean()),
            "tpr": float(tp / positives) if positives > 0 else float("nan"),
            "fpr": float(fp / len(yt)),
        }
    return result
