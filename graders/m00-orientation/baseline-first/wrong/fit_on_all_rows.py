"""baseline_scores that learns its constants from training and test labels together
("use all the data we have"): the test labels still leak into the baseline.

fails: classification-example, regression-example, classification-random, regression-random
"""

import numpy as np


def baseline_scores(y_train, y_test, task):
    everything = np.concatenate([np.asarray(y_train), np.asarray(y_test)])
    if task == "classification":
        values, counts = np.unique(everything, return_counts=True)
        label = values[np.argmax(counts)]
        return {"accuracy": float(np.mean(np.asarray(y_test) == label))}
    everything = everything.astype(float)
    y_test = np.asarray(y_test, dtype=float)
    mae = np.mean(np.abs(y_test - np.median(everything)))
    rmse = np.sqrt(np.mean((y_test - np.mean(everything)) ** 2))
    return {"mae": float(mae), "rmse": float(rmse)}
