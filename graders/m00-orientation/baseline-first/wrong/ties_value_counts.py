"""baseline_scores that takes the majority label from pandas' value_counts, which keeps
tied labels in the order they were first seen instead of taking the smallest.

fails: classification-random
"""

import numpy as np
import pandas as pd


def baseline_scores(y_train, y_test, task):
    if task == "classification":
        label = pd.Series(list(y_train)).value_counts().index[0]
        return {"accuracy": float(np.mean(np.asarray(y_test) == label))}
    y_train = np.asarray(y_train, dtype=float)
    y_test = np.asarray(y_test, dtype=float)
    return {"mae": float(np.mean(np.abs(y_test - np.median(y_train)))),
            "rmse": float(np.sqrt(np.mean((y_test - np.mean(y_train)) ** 2)))}
