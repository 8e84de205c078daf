"""The training score is measured on the whole training set, not on the n rows the model saw.

fails: curve-example, curve-random
"""

import numpy as np


def learning_curve_points(X_train, y_train, X_val, y_val, train_sizes, kind, param):
    X_train, y_train = np.asarray(X_train, dtype=float), np.asarray(y_train)
    X_val, y_val = np.asarray(X_val, dtype=float), np.asarray(y_val)
    train, val = [], []
    for n in train_sizes:
        model = make_model(kind, param).fit(X_train[:n], y_train[:n])  # noqa: F821 - defined by the notebook
        train.append(float(model.score(X_train, y_train)))
        val.append(float(model.score(X_val, y_val)))
    return {"train": train, "val": val}
