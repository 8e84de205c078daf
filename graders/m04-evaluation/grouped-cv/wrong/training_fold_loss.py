"""The loss is computed on the training rows the model was fitted on, not on the test fold.

fails: cv-loss-example, cv-loss-random, cv-loss-no-leak
"""

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def cv_log_loss(X, y, folds):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    losses = []
    for test in folds:
        train = np.setdiff1d(np.arange(len(y)), np.asarray(test, dtype=int))
        model = make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=1000))
        model.fit(X[train], y[train])
        losses.append(float(log_loss(y[train], model.predict_proba(X[train])[:, 1],
                                     labels=[0, 1])))
    return losses
