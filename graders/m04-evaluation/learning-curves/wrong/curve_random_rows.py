"""Each model is fitted on a random sample of n training rows (seeded) instead of the first n.

fails: curve-example, curve-random
"""

import numpy as np


def learning_curve_points(X_train, y_train, X_val, y_val, train_sizes, kind, param):
    X_train, y_train = np.asarray(X_train, dtype=float), np.asarray(y_train)
    X_val, y_val = np.asarray(X_val, dtype=float), np.asarray(y_val)
    rng = np.random.default_rng(0)
    train, val = [], []
    for n in train_sizes:
        rows = rng.choice(len(y_train), size=int(n), replace=False)
        model = make_model(kind, param).fit(X_train[rows], y_train[rows])  # noqa: F821 - defined by the notebook
        train.append(float(model.score(X_train[rows], y_train[rows])))
        val.append(float(model.score(X_val, y_val)))
    return {"train": train, "val": val}
