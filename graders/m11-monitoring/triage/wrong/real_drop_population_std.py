"""is_real_drop with the population standard deviation (np.std's default, ddof=0): on a
handful of weeks it is too small, so drops just inside the band are called real.

fails: real-drop-example, real-drop-random, triage-real
"""

import numpy as np


def is_real_drop(weekly_metric, n_sigmas=3.0):
    baseline = np.asarray(weekly_metric[:-1], dtype=float)
    return bool(baseline.mean() - weekly_metric[-1] > n_sigmas * baseline.std())
