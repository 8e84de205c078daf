"""sample_size with z_alpha = norm.ppf(1 - alpha), the one-sided quantile, for a two-sided
test: the experiment comes out underpowered.

fails: sample-size-example, sample-size-random, sample-size-power
"""

import math

from scipy import stats


def sample_size(baseline_rate, mde, alpha=0.05, power=0.8):
    p1, p2 = baseline_rate, baseline_rate + mde
    pbar = (p1 + p2) / 2
    z_alpha = stats.norm.ppf(1 - alpha)
    z_beta = stats.norm.ppf(power)
    root = z_alpha * math.sqrt(2 * pbar * (1 - pbar)) + z_beta * math.sqrt(
        p1 * (1 - p1) + p2 * (1 - p2))
    return int(math.ceil(root ** 2 / mde ** 2))
