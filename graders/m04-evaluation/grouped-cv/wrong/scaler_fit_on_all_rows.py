"""The classic leak: StandardScaler fitted on all of X before the cross-validation loop.

fails: cv-loss-example, cv-loss-random, cv-loss-no-leak
"""

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss
from sklearn.preprocessing import StandardScaler


def cv_log_loss(X, y, folds):
    X = StandardScaler().fit_transform(np.asarray(X, dtype=float))
    y = np.asarray(y)
    losses = []
    for test in folds:
        test = np.asarray(test, dtype=int)
        train = np.setdiff1d(np.arange(len(y)), test)
        model = LogisticRegression(C=1.0, max_iter=1000).fit(X[train], y[train])
        losses.append(float(log_loss(y[test], model.predict_proba(X[test])[:, 1],
                                     labels=[0, 1])))
    return losses
