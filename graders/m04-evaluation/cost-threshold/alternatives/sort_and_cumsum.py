"""A correct solution written differently: one sort and cumulative sums, no loop."""

import numpy as np


def expected_cost(y_true, y_score, threshold, cost_fp, cost_fn):
    positive = np.asarray(y_true) == 1
    flagged = np.asarray(y_score, dtype=float) >= threshold
    fp = np.count_nonzero(flagged & ~positive)
    fn = np.count_nonzero(~flagged & positive)
    return float((cost_fp * fp + cost_fn * fn) / positive.size)


def best_threshold(y_true, y_score, cost_fp, cost_fn):
    score = np.asarray(y_score, dtype=float)
    positive = np.asarray(y_true) == 1
    order = np.argsort(-score, kind="stable")  # highest score first
    score, positive = score[order], positive[order]
    # Flagging the k highest scores is a valid decision only at the end of a group of ties.
    ends = np.flatnonzero(np.r_[score[1:] != score[:-1], True])
    tp = np.r_[0, np.cumsum(positive)[ends]]
    fp = np.r_[0, np.cumsum(~positive)[ends]]
    costs = (cost_fp * fp + cost_fn * (positive.sum() - tp)) / score.size
    thresholds = np.r_[np.inf, score[ends]]  # descending: flag nothing, then more and more
    return float(thresholds[np.argmin(costs)])  # first minimum = largest threshold


def threshold_for_recall(y_true, y_score, min_recall):
    score = np.asarray(y_score, dtype=float)
    pos_scores = np.sort(score[np.asarray(y_true) == 1])[::-1]
    n_pos = pos_scores.size
    caught = np.arange(1, n_pos + 1)
    k = caught[caught / n_pos >= min_recall][0]  # fewest positives that reach the target
    return float(pos_scores[k - 1])  # any larger threshold catches fewer than k positives
