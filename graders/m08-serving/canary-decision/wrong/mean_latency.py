"""Applies the latency guardrail to the mean latency instead of the 95th percentile: a slow
tail that hits one request in fifteen moves the mean by a few percent and goes unnoticed.

fails: example-latency, latency-guardrail
"""

import math

import numpy as np


def canary_decision(baseline, canary, policy):
    n_b, n_c = baseline["requests"], canary["requests"]
    pooled = (baseline["errors"] + canary["errors"]) / (n_b + n_c)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n_b + 1 / n_c))
    if se > 0:
        z = (canary["errors"] / n_c - baseline["errors"] / n_b) / se
        if 0.5 * math.erfc(z / math.sqrt(2)) < policy["alpha"]:
            return "rollback"
    if np.mean(canary["latencies_ms"]) > policy["max_p95_ratio"] * np.mean(baseline["latencies_ms"]):
        return "rollback"
    if n_c < policy["min_requests"]:
        return "hold"
    return "promote"
