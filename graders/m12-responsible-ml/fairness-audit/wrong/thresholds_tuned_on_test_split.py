"""group_thresholds that tunes on the notebook's test split (the globals scores_test,
y_test and group_test) instead of the validation data it is given.

fails: thresholds-example, thresholds-valid, thresholds-held-out
"""

import numpy as np


def group_thresholds(scores, y_true, group, max_tpr_gap):
    scores, y_true = np.asarray(scores_test, dtype=float), np.asarray(y_test)  # noqa: F821
    group = np.asarray(group_test).astype(str)  # noqa: F821
    tables = {}
    for name in np.unique(group):
        s, y = scores[group == name], y_true[group == name]
        candidates = np.append(np.unique(s), np.inf)
        tp = np.array([np.sum((s >= t) & (y == 1)) for t in candidates])
        tn = np.array([np.sum((s < t) & (y == 0)) for t in candidates])
        tables[str(name)] = (candidates, tp / np.sum(y == 1), tp + tn)
    best_total, best = -1, None
    for lo in np.unique(np.concatenate([tpr for _, tpr, _ in tables.values()])):
        total, choice = 0, {}
        for name, (candidates, tpr, correct) in tables.items():
            in_band = (tpr >= lo) & (tpr <= lo + max_tpr_gap)
            if not in_band.any():
                break
            i = np.flatnonzero(in_band)[np.argmax(correct[in_band])]
            total += correct[i]
            choice[name] = float(candidates[i])
        else:
            if total > best_total:
                best_total, best = total, choice
    return best
