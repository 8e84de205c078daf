"""One model fitted once on all training rows, then scored on growing prefixes: no refit per size.

fails: curve-example, curve-random
"""

import numpy as np


def learning_curve_points(X_train, y_train, X_val, y_val, train_sizes, kind, param):
    X_train, y_train = np.asarray(X_train, dtype=float), np.asarray(y_train)
    X_val, y_val = np.asarray(X_val, dtype=float), np.asarray(y_val)
    model = make_model(kind, param).fit(X_train, y_train)  # noqa: F821 - defined by the notebook
    train = [float(model.score(X_train[:n], y_train[:n])) for n in train_sizes]
    val = [float(model.score(X_val, y_val)) for _ in train_sizes]
    return {"train": train, "val": val}
