"""is_real_drop whose baseline includes the week under investigation: the outlier inflates
the standard deviation it is compared with, so no single week can ever be 3 deviations out.

fails: real-drop-random, triage-example, triage-real, triage-pipeline, triage-upstream, triage-labels-calendar, triage-drift
"""

import statistics


def is_real_drop(weekly_metric, n_sigmas=3.0):
    mean = statistics.fmean(weekly_metric)
    sd = statistics.stdev(weekly_metric)
    return bool(mean - weekly_metric[-1] > n_sigmas * sd)
