"""ab_decision with a one-sided p-value (B better than A): P(Z >= z) instead of
2 * P(Z >= |z|). It halves the p-value when B looks better and misses every loss.

fails: decision-example, decision-worse-example, p-value-random, significant-random
"""

import math

from scipy import stats


def ab_decision(conversions_a, n_a, conversions_b, n_b, alpha=0.05):
    p_a, p_b = conversions_a / n_a, conversions_b / n_b
    pooled = (conversions_a + conversions_b) / (n_a + n_b)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
    p_value = float(stats.norm.sf((p_b - p_a) / se))
    return {"p_value": p_value, "significant": p_value < alpha, "lift": (p_b - p_a) / p_a}
