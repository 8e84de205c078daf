"""Skips the significance test: any canary whose observed error rate is above the baseline's
is rolled back. By chance alone that is about half of all canaries that are exactly as good,
including healthy ones that should be promoted or held.

fails: example-promote, example-hold, promote, hold
"""

import numpy as np


def canary_decision(baseline, canary, policy):
    if canary["errors"] / canary["requests"] > baseline["errors"] / baseline["requests"]:
        return "rollback"
    if np.percentile(canary["latencies_ms"], 95) > \
            policy["max_p95_ratio"] * np.percentile(baseline["latencies_ms"], 95):
        return "rollback"
    if canary["requests"] < policy["min_requests"]:
        return "hold"
    return "promote"
