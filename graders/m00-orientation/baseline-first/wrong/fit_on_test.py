"""baseline_scores that learns the majority label, the median and the mean from y_test:
the baseline has seen the answers, so it looks better than any honest baseline can.

fails: classification-example, regression-example, classification-random, regression-random
"""

import numpy as np


def baseline_scores(y_train, y_test, task):
    if task == "classification":
        values, counts = np.unique(np.asarray(y_test), return_counts=True)
        label = values[np.argmax(counts)]
        return {"accuracy": float(np.mean(np.asarray(y_test) == label))}
    y_test = np.asarray(y_test, dtype=float)
    mae = np.mean(np.abs(y_test - np.median(y_test)))
    rmse = np.sqrt(np.mean((y_test - np.mean(y_test)) ** 2))
    return {"mae": float(mae), "rmse": float(rmse)}
