"""The "validation" score is measured on the training rows again, so it equals the training score.

fails: curve-example, curve-random, curve-verdicts
"""

import numpy as np


def learning_curve_points(X_train, y_train, X_val, y_val, train_sizes, kind, param):
    X_train, y_train = np.asarray(X_train, dtype=float), np.asarray(y_train)
    train, val = [], []
    for n in train_sizes:
        model = make_model(kind, param).fit(X_train[:n], y_train[:n])  # noqa: F821 - defined by the notebook
        score = float(model.score(X_train[:n], y_train[:n]))
        train.append(score)
        val.append(score)
    return {"train": train, "val": val}
