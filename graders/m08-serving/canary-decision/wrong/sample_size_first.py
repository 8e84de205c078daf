"""Waits for the minimum sample size before looking at anything ("we cannot conclude on so
few requests"): a canary failing one request in twenty keeps its share of traffic until it
has served min_requests, and so does one whose slowest requests break the guardrail.

fails: rollback-errors, latency-guardrail
"""

import math

import numpy as np


def canary_decision(baseline, canary, policy):
    if canary["requests"] < policy["min_requests"]:
        return "hold"
    n_b, n_c = baseline["requests"], canary["requests"]
    pooled = (baseline["errors"] + canary["errors"]) / (n_b + n_c)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n_b + 1 / n_c))
    if se > 0:
        z = (canary["errors"] / n_c - baseline["errors"] / n_b) / se
        if 0.5 * math.erfc(z / math.sqrt(2)) < policy["alpha"]:
            return "rollback"
    if np.percentile(canary["latencies_ms"], 95) > \
            policy["max_p95_ratio"] * np.percentile(baseline["latencies_ms"], 95):
        return "rollback"
    return "promote"
