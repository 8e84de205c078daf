"""ab_decision that reports the lift as the absolute difference of rates (percentage
points) instead of the relative lift.

fails: decision-example, decision-worse-example, lift-random
"""

import math

from scipy import stats


def ab_decision(conversions_a, n_a, conversions_b, n_b, alpha=0.05):
    p_a, p_b = conversions_a / n_a, conversions_b / n_b
    pooled = (conversions_a + conversions_b) / (n_a + n_b)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
    p_value = float(2 * stats.norm.sf(abs(p_b - p_a) / se))
    return {"p_value": p_value, "significant": p_value < alpha, "lift": p_b - p_a}
