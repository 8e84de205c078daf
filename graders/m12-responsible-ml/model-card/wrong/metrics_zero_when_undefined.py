"""card_metrics that reports 0.0 for a precision or recall without a denominator, so the card
shows 0.000 instead of n/a and a group without churners is "flagged" for recall.

fails: metrics-example, metrics-random, card-example, card-table, card-limitations
"""

import numpy as np


def card_metrics(y_true, y_pred, group):
    y_true, y_pred = np.asarray(y_true).astype(int), np.asarray(y_pred).astype(int)
    group = np.asarray(group).astype(str)

    def metrics(t, p):
        tp = int(np.sum((t == 1) & (p == 1)))
        predicted, actual = int(np.sum(p == 1)), int(np.sum(t == 1))
        return {"n": len(t), "accuracy": float(np.mean(t == p)),
                "precision": tp / predicted if predicted else 0.0,
                "recall": tp / actual if actual else 0.0}

    return {"overall": metrics(y_true, y_pred),
            "groups": {str(g): metrics(y_true[group == g], y_pred[group == g])
                       for g in np.unique(group)}}
