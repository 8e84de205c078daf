"""ROC-AUC of the negatives outranking the positives (1 - AUC).

fails: roc-auc-example, auc-random, auc-ties
"""

import numpy as np


def roc_auc(y_true, y_score):
    t = np.asarray(y_true) == 1
    s = np.asarray(y_score, dtype=float)
    pos, neg = s[t], s[~t]
    greater = (neg[:, None] > pos[None, :]).sum() + 0.5 * (neg[:, None] == pos[None, :]).sum()
    return float(greater / (len(pos) * len(neg)))
