"""A correct solution without scipy: the normal tail with math.erfc and the normal
quantile by Newton's method on math.erf."""

import math


def _phi(x):
    return 0.5 * math.erfc(-x / math.sqrt(2))


def _quantile(q):
    x = 0.0
    for _ in range(100):
        step = (_phi(x) - q) / (math.exp(-x * x / 2) / math.sqrt(2 * math.pi))
        x -= step
        if abs(step) < 1e-15:
            break
    return x


def ab_decision(conversions_a, n_a, conversions_b, n_b, alpha=0.05):
    rate_a = conversions_a / n_a
    rate_b = conversions_b / n_b
    pooled = (conversions_a + conversions_b) / (n_a + n_b)
    z = (rate_b - rate_a) / math.sqrt(pooled * (1 - pooled) * (n_a + n_b) / (n_a * n_b))
    p_value = math.erfc(abs(z) / math.sqrt(2))  # = 2 * (1 - Phi(|z|)), without cancellation
    return {"p_value": p_value, "significant": p_value < alpha,
            "lift": rate_b / rate_a - 1}


def sample_size(baseline_rate, mde, alpha=0.05, power=0.8):
    p1, p2 = baseline_rate, baseline_rate + mde
    pbar = (p1 + p2) / 2
    null_spread = math.sqrt(2 * pbar * (1 - pbar))
    alt_spread = math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    n = ((_quantile(1 - alpha / 2) * null_spread + _quantile(power) * alt_spread) / mde) ** 2
    return math.ceil(n)
