"""Oracle for ab-test. Runs only in the grader, never in a sandbox.

* ab_decision: two-sided two-proportion z-test with the pooled rate in the standard
  error; significant when p_value < alpha; lift = (p_b - p_a) / p_a (relative).
* sample_size: users per arm for a two-sided test of p1 = baseline against
  p2 = baseline + mde (absolute), normal approximation (Fleiss), rounded up.
"""

from __future__ import annotations

import math

from scipy import stats


def z_statistic(conversions_a, n_a, conversions_b, n_b) -> float:
    p_a, p_b = conversions_a / n_a, conversions_b / n_b
    pooled = (conversions_a + conversions_b) / (n_a + n_b)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
    return (p_b - p_a) / se


def p_value(conversions_a, n_a, conversions_b, n_b) -> float:
    return float(2 * stats.norm.sf(abs(z_statistic(conversions_a, n_a, conversions_b, n_b))))


def ab_decision(conversions_a, n_a, conversions_b, n_b, alpha=0.05) -> dict:
    p = p_value(conversions_a, n_a, conversions_b, n_b)
    p_a, p_b = conversions_a / n_a, conversions_b / n_b
    return {"p_value": p, "significant": bool(p < alpha), "lift": (p_b - p_a) / p_a}


def unrounded_sample_size(baseline_rate, mde, alpha=0.05, power=0.8) -> float:
    p1, p2 = baseline_rate, baseline_rate + mde
    pbar = (p1 + p2) / 2
    z_alpha = stats.norm.ppf(1 - alpha / 2)
    z_beta = stats.norm.ppf(power)
    root = z_alpha * math.sqrt(2 * pbar * (1 - pbar)) + z_beta * math.sqrt(
        p1 * (1 - p1) + p2 * (1 - p2))
    return root ** 2 / mde ** 2


def sample_size(baseline_rate, mde, alpha=0.05, power=0.8) -> int:
    return int(math.ceil(unrounded_sample_size(baseline_rate, mde, alpha, power)))


def power_at(n, baseline_rate, mde, alpha=0.05) -> float:
    """Power of the two-sided pooled test with n users per arm (normal approximation,
    both rejection regions counted)."""
    p1, p2 = baseline_rate, baseline_rate + mde
    pbar = (p1 + p2) / 2
    z_alpha = stats.norm.ppf(1 - alpha / 2)
    null_sd = math.sqrt(2 * pbar * (1 - pbar) / n)
    alt_sd = math.sqrt((p1 * (1 - p1) + p2 * (1 - p2)) / n)
    return float(stats.norm.sf((z_alpha * null_sd - mde) / alt_sd)
                 + stats.norm.cdf((-z_alpha * null_sd - mde) / alt_sd))
