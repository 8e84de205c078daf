"""mean_absolute_error that computes the root mean squared error instead (the wrong metric).

fails: mae-example, mae-random
"""

import numpy as np


def mean_absolute_error(y_true, y_pred):
    errors = np.asarray(y_true, dtype=float) - np.asarray(y_pred, dtype=float)
    return float(np.sqrt(np.mean(errors ** 2)))
