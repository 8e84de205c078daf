"""ROC-AUC that counts a tied (positive, negative) pair as wrongly ordered.

fails: auc-ties
"""

import numpy as np


def roc_auc(y_true, y_score):
    t = np.asarray(y_true) == 1
    s = np.asarray(y_score, dtype=float)
    pos, neg = s[t], s[~t]
    return float(np.mean(pos[:, None] > neg[None, :]))
