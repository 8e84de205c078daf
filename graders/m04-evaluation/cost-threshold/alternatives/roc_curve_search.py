"""A correct solution built on scikit-learn's roc_curve and confusion_matrix."""

import numpy as np
from sklearn.metrics import confusion_matrix, roc_curve


def expected_cost(y_true, y_score, threshold, cost_fp, cost_fn):
    y_pred = (np.asarray(y_score, dtype=float) >= threshold).astype(int)
    _, fp, fn, _ = confusion_matrix(np.asarray(y_true), y_pred, labels=[0, 1]).ravel()
    return float((cost_fp * fp + cost_fn * fn) / len(y_pred))


def _curve(y_true, y_score):
    y_true = np.asarray(y_true)
    # thresholds decrease from +inf (nothing flagged) down to the lowest score
    fpr, tpr, thresholds = roc_curve(y_true, y_score, drop_intermediate=False)
    n_pos = int(np.sum(y_true == 1))
    return fpr, tpr, thresholds, n_pos, len(y_true) - n_pos


def best_threshold(y_true, y_score, cost_fp, cost_fn):
    fpr, tpr, thresholds, n_pos, n_neg = _curve(y_true, y_score)
    fp = np.rint(fpr * n_neg)  # back to exact counts, so equal costs compare equal
    fn = n_pos - np.rint(tpr * n_pos)
    costs = (cost_fp * fp + cost_fn * fn) / (n_pos + n_neg)
    return float(thresholds[np.argmin(costs)])  # first minimum = largest threshold


def threshold_for_recall(y_true, y_score, min_recall):
    _, tpr, thresholds, _, _ = _curve(y_true, y_score)
    return float(thresholds[np.flatnonzero(tpr >= min_recall)[0]])
