"""is_real_drop that compares the absolute difference: a week much BETTER than usual is
treated as a drop.

fails: real-drop-random, triage-real
"""

import statistics


def is_real_drop(weekly_metric, n_sigmas=3.0):
    baseline, last = list(weekly_metric[:-1]), weekly_metric[-1]
    return bool(abs(statistics.fmean(baseline) - last) > n_sigmas * statistics.stdev(baseline))
