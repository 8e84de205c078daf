"""fairness_gaps whose equalized odds difference is the mean of the TPR and FPR gaps
(AIF360's average odds difference), not the larger of the two.

fails: gaps-example, gaps-random
"""

import numpy as np


def fairness_gaps(y_true, y_pred, group):
    per_group = group_metrics(y_true, y_pred, group).values()  # noqa: F821

    def gap(key):
        values = np.array([m[key] for m in per_group], dtype=float)
        return float(np.nanmax(values) - np.nanmin(values))

    return {
        "demographic_parity_difference": gap("selection_rate"),
        "equal_opportunity_difference": gap("tpr"),
        "equalized_odds_difference": (gap("tpr") + gap("fpr")) / 2,
    }
