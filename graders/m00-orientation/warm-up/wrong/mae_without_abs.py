"""mean_absolute_error that averages the signed errors, so over- and under-predictions cancel.

fails: mae-example, mae-random
"""

import numpy as np


def mean_absolute_error(y_true, y_pred):
    return float(np.mean(np.asarray(y_true, dtype=float) - np.asarray(y_pred, dtype=float)))
