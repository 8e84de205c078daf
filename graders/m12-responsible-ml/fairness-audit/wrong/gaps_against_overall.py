"""fairness_gaps that measures each group against the overall rate (the largest distance
from the population) instead of comparing the groups with each other.

fails: gaps-example, gaps-random
"""

import numpy as np


def fairness_gaps(y_true, y_pred, group):
    y_true = np.asarray(y_true).astype(int)
    y_pred = np.asarray(y_pred).astype(int)
    per_group = group_metrics(y_true, y_pred, group).values()  # noqa: F821
    overall = {
        "selection_rate": y_pred.mean(),
        "tpr": y_pred[y_true == 1].mean(),
        "fpr": y_pred[y_true == 0].mean(),
    }

    def gap(key):
        values = np.array([m[key] for m in per_group], dtype=float)
        return float(np.nanmax(np.abs(values - overall[key])))

    return {
        "demographic_parity_difference": gap("selection_rate"),
        "equal_opportunity_difference": gap("tpr"),
        "equalized_odds_difference": max(gap("tpr"), gap("fpr")),
    }
