"""card_metrics that divides by actual positives for precision and by predicted positives for
recall (the two denominators swapped).

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
                "precision": tp / actual if actual else None,
                "recall": tp / predicted if predicted else None}

    return {"overall": metrics(y_true, y_pred),
            "groups": {str(g): metrics(y_true[group == g], y_pred[group == g])
                       for g in np.unique(group)}}
