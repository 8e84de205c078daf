"""ab_decision with the unpooled standard error sqrt(p_a(1-p_a)/n_a + p_b(1-p_b)/n_b): the
confidence-interval formula used for the test. The p-values drift, most with unequal arms.

fails: decision-example, decision-worse-example, p-value-random
"""

import math

from scipy import stats


def ab_decision(conversions_a, n_a, conversions_b, n_b, alpha=0.05):
    p_a, p_b = conversions_a / n_a, conversions_b / n_b
    se = math.sqrt(p_a * (1 - p_a) / n_a + p_b * (1 - p_b) / n_b)
    p_value = float(2 * stats.norm.sf(abs(p_b - p_a) / se))
    return {"p_value": p_value, "significant": p_value < alpha, "lift": (p_b - p_a) / p_a}
