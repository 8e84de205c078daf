"""Both scores computed correctly, but returned under each other's key.

fails: curve-example, curve-random, curve-verdicts
"""

import numpy as np


def learning_curve_points(X_train, y_train, X_val, y_val, train_sizes, kind, param):
    X_train, y_train = np.asarray(X_train, dtype=float), np.asarray(y_train)
    X_val, y_val = np.asarray(X_val, dtype=float), np.asarray(y_val)
    train, val = [], []
    for n in train_sizes:
        model = make_model(kind, param).fit(X_train[:n], y_train[:n])  # noqa: F821 - defined by the notebook
        train.append(float(model.score(X_train[:n], y_train[:n])))
        val.append(float(model.score(X_val, y_val)))
    return {"train": val, "val": train}
