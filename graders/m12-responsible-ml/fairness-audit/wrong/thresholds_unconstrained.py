"""group_thresholds that gives each group its own most accurate threshold and never looks
at the TPR gap.

fails: thresholds-example, thresholds-valid, thresholds-held-out
"""

import numpy as np


def group_thresholds(scores, y_true, group, max_tpr_gap):
    scores = np.asarray(scores, dtype=float)
    y_true = np.asarray(y_true).astype(int)
    group = np.asarray(group).astype(str)
    result = {}
    for name in np.unique(group):
        s, y = scores[group == name], y_true[group == name]
        candidates = np.append(np.unique(s), np.inf)
        accuracy = [np.mean((s >= t) == y) for t in candidates]
        result[str(name)] = float(candidates[int(np.argmax(accuracy))])
    return result
