"""ks_statistic without the absolute value: max(F_ref - F_cur) only sees batches shifted to
the right.

fails: ks-example, ks-random, ks-ties
"""

import numpy as np


def ks_statistic(reference, current):
    ref = np.sort(np.asarray(reference, dtype=float))
    cur = np.sort(np.asarray(current, dtype=float))
    grid = np.concatenate([ref, cur])
    f_ref = np.searchsorted(ref, grid, side="right") / ref.size
    f_cur = np.searchsorted(cur, grid, side="right") / cur.size
    return float(np.max(f_ref - f_cur))
