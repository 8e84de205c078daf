"""The test fold is standardised with its own mean and spread (fit_transform on test).

fails: cv-loss-example, cv-loss-random, cv-loss-no-leak
"""

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss
from sklearn.preprocessing import StandardScaler


def cv_log_loss(X, y, folds):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    losses = []
    for test in folds:
        test = np.asarray(test, dtype=int)
        train = np.setdiff1d(np.arange(len(y)), test)
        scaler = StandardScaler()
        X_train = scaler.fit_transform(X[train])
        X_test = scaler.fit_transform(X[test])  # should be scaler.transform
        model = LogisticRegression(C=1.0, max_iter=1000).fit(X_train, y[train])
        losses.append(float(log_loss(y[test], model.predict_proba(X_test)[:, 1],
                                     labels=[0, 1])))
    return losses
