"""sample_size that reads the MDE as a relative lift, p2 = p1 * (1 + mde), instead of an
absolute difference p2 = p1 + mde.

fails: sample-size-example, sample-size-random, sample-size-power
"""

import math

from scipy import stats


def sample_size(baseline_rate, mde, alpha=0.05, power=0.8):
    p1, p2 = baseline_rate, baseline_rate * (1 + mde)
    pbar = (p1 + p2) / 2
    z_alpha = stats.norm.ppf(1 - alpha / 2)
    z_beta = stats.norm.ppf(power)
    root = z_alpha * math.sqrt(2 * pbar * (1 - pbar)) + z_beta * math.sqrt(
        p1 * (1 - p1) + p2 * (1 - p2))
    return int(math.ceil(root ** 2 / (p2 - p1) ** 2))
