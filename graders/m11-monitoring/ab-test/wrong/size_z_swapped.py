"""sample_size with the roles of alpha and power swapped in the formula: z_alpha multiplies
the spread under the alternative and z_beta the pooled spread under the null.

The two spreads are close, so the size is only slightly off (the power check still
passes); the stated formula is not followed.

fails: sample-size-example, sample-size-random
"""

import math

from scipy import stats


def sample_size(baseline_rate, mde, alpha=0.05, power=0.8):
    p1, p2 = baseline_rate, baseline_rate + mde
    pbar = (p1 + p2) / 2
    z_alpha = stats.norm.ppf(1 - alpha / 2)
    z_beta = stats.norm.ppf(power)
    root = z_beta * math.sqrt(2 * pbar * (1 - pbar)) + z_alpha * math.sqrt(
        p1 * (1 - p1) + p2 * (1 - p2))
    return int(math.ceil(root ** 2 / mde ** 2))
