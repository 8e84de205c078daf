"""group_thresholds that runs the right band sweep but only over a fixed grid of 21
thresholds (0.0, 0.05, ..., 1.0) instead of the scores themselves: always feasible, but it
misses the most accurate thresholds that lie between grid points.

fails: thresholds-example, thresholds-valid
"""

import numpy as np


def group_thresholds(scores, y_true, group, max_tpr_gap):
    scores = np.asarray(scores, dtype=float)
    y_true = np.asarray(y_true).astype(int)
    group = np.asarray(group).astype(str)
    candidates = np.linspace(0.0, 1.0, 21)
    tables = {}
    for name in np.unique(group):
        s, y = scores[group == name], y_true[group == name]
        tp = np.array([np.sum((s >= t) & (y == 1)) for t in candidates])
        tn = np.array([np.sum((s < t) & (y == 0)) for t in candidates])
        tables[str(name)] = (tp / np.sum(y == 1), tp + tn)
    best_total, best = -1, None
    for lo in np.unique(np.concatenate([tpr for tpr, _ in tables.values()])):
        total, choice = 0, {}
        for name, (tpr, correct) in tables.items():
            in_band = (tpr >= lo - 1e-12) & (tpr <= lo + max_tpr_gap + 1e-12)
            if not in_band.any():
                break
            i = np.flatnonzero(in_band)[np.argmax(correct[in_band])]
            total += correct[i]
            choice[name] = float(candidates[i])
        else:
            if total > best_total:
                best_total, best = total, choice
    return best
