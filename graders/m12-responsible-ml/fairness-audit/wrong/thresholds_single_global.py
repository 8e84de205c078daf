"""group_thresholds that picks the single most accurate threshold and gives it to every
group: "the model is group-blind, so it is fair".

fails: thresholds-example, thresholds-valid, thresholds-held-out
"""

import numpy as np


def group_thresholds(scores, y_true, group, max_tpr_gap):
    scores = np.asarray(scores, dtype=float)
    y_true = np.asarray(y_true).astype(int)
    candidates = np.append(np.unique(scores), np.inf)
    accuracy = [np.mean((scores >= t) == y_true) for t in candidates]
    best = float(candidates[int(np.argmax(accuracy))])
    return {str(name): best for name in np.unique(np.asarray(group).astype(str))}
