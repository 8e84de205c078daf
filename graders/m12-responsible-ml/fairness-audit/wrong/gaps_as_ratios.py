"""fairness_gaps that reports min / max ratios (the four-fifths-rule style) instead of
max - min differences.

fails: gaps-example, gaps-random
"""

import numpy as np


def fairness_gaps(y_true, y_pred, group):
    per_group = group_metrics(y_true, y_pred, group).values()  # noqa: F821

    def ratio(key):
        values = np.array([m[key] for m in per_group], dtype=float)
        return float(np.nanmin(values) / np.nanmax(values))

    return {
        "demographic_parity_difference": ratio("selection_rate"),
        "equal_opportunity_difference": ratio("tpr"),
        "equalized_odds_difference": min(ratio("tpr"), ratio("fpr")),
    }
