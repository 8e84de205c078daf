"""Confusion counts with false positives and false negatives swapped.

fails: counts-example, counts-random, precision-example, precision-random, recall-random
"""

import numpy as np


def confusion_counts(y_true, y_pred):
    t = np.asarray(y_true) == 1
    p = np.asarray(y_pred) == 1
    return {"tp": int(np.sum(t & p)), "fp": int(np.sum(t & ~p)),
            "fn": int(np.sum(~t & p)), "tn": int(np.sum(~t & ~p))}
