"""A correct solution written differently: scipy's normal survival function for the p-value,
np.quantile for the p95, and the rules as a table of (condition, decision) pairs evaluated
lazily in order."""

import numpy as np
from scipy.stats import norm


def _p_value_worse(baseline, canary):
    e = np.array([baseline["errors"], canary["errors"]], dtype=float)
    n = np.array([baseline["requests"], canary["requests"]], dtype=float)
    rates = e / n
    pooled = e.sum() / n.sum()
    se = np.sqrt(pooled * (1 - pooled) * (1 / n).sum())
    return 1.0 if se == 0 else float(norm.sf((rates[1] - rates[0]) / se))


def canary_decision(baseline, canary, policy):
    def p95(arm):
        return np.quantile(np.asarray(arm["latencies_ms"], dtype=float), 0.95)

    rules = [
        (lambda: _p_value_worse(baseline, canary) < policy["alpha"], "rollback"),
        (lambda: p95(canary) / p95(baseline) > policy["max_p95_ratio"], "rollback"),
        (lambda: canary["requests"] < policy["min_requests"], "hold"),
    ]
    return next((decision for applies, decision in rules if applies()), "promote")
