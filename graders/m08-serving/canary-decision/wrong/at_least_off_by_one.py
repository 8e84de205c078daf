"""Holds while the canary has served "up to" the minimum (<= instead of <): a canary that
has served exactly min_requests requests has met the policy and should be promoted.

fails: promote
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
    if np.percentile(canary["latencies_ms"], 95) > \
            policy["max_p95_ratio"] * np.percentile(baseline["latencies_ms"], 95):
        return "rollback"
    if n_c <= policy["min_requests"]:
        return "hold"
    return "promote"
