"""baseline_scores whose 'rmse' is the mean squared error (the square root is missing).

fails: regression-example, regression-random
"""

import numpy as np


def baseline_scores(y_train, y_test, task):
    if task == "classification":
        values, counts = np.unique(np.asarray(y_train), return_counts=True)
        label = values[np.argmax(counts)]
        return {"accuracy": float(np.mean(np.asarray(y_test) == label))}
    y_train = np.asarray(y_train, dtype=float)
    y_test = np.asarray(y_test, dtype=float)
    return {"mae": float(np.mean(np.abs(y_test - np.median(y_train)))),
            "rmse": float(np.mean((y_test - np.mean(y_train)) ** 2))}
