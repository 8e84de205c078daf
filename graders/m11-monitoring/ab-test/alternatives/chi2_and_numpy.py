"""A correct solution written differently: the decision from scipy's chi-square test of
the 2x2 table without continuity correction (the same test: chi2 = z**2), and the sample
size with numpy."""

import numpy as np
from scipy import stats


def ab_decision(conversions_a, n_a, conversions_b, n_b, alpha=0.05):
    table = np.array([[conversions_a, n_a - conversions_a],
                      [conversions_b, n_b - conversions_b]])
    _, p_value, _, _ = stats.chi2_contingency(table, correction=False)
    rate_a, rate_b = conversions_a / n_a, conversions_b / n_b
    return {"p_value": float(p_value), "significant": bool(p_value < alpha),
            "lift": float((rate_b - rate_a) / rate_a)}


def sample_size(baseline_rate, mde, alpha=0.05, power=0.8):
    p = np.array([baseline_rate, baseline_rate + mde])
    pbar = p.mean()
    z = stats.norm.ppf([1 - alpha / 2, power])
    spreads = np.sqrt([2 * pbar * (1 - pbar), np.sum(p * (1 - p))])
    return int(np.ceil((z @ spreads / mde) ** 2))
