"""The oracle for canary-decision (trusted; never enters the sandbox).

The rules, in order (the notebook states them):

1. rollback if the canary's error rate is significantly *higher* than the baseline's: a
   one-sided two-proportion z-test with the pooled rate, p-value < policy["alpha"]; with no
   errors at all (or nothing but errors) the test is not significant;
2. rollback if the canary's p95 latency (np.percentile, linear interpolation) is above
   policy["max_p95_ratio"] times the baseline's;
3. hold if the canary has served fewer than policy["min_requests"] requests;
4. promote otherwise.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np


def error_p_value(baseline: dict[str, Any], canary: dict[str, Any]) -> float:
    """One-sided p-value of 'the canary's error rate is higher than the baseline's'."""
    n_b, n_c = baseline["requests"], canary["requests"]
    e_b, e_c = baseline["errors"], canary["errors"]
    pooled = (e_b + e_c) / (n_b + n_c)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n_b + 1 / n_c))
    if se == 0:
        return 1.0
    z = (e_c / n_c - e_b / n_b) / se
    return 0.5 * math.erfc(z / math.sqrt(2))


def p95(samples: Any) -> float:
    return float(np.percentile(np.asarray(samples, dtype=np.float64), 95))


def p95_ratio(baseline: dict[str, Any], canary: dict[str, Any]) -> float:
    return p95(canary["latencies_ms"]) / p95(baseline["latencies_ms"])


def canary_decision(baseline: dict[str, Any], canary: dict[str, Any], policy: dict[str, Any]) -> str:
    if error_p_value(baseline, canary) < policy["alpha"]:
        return "rollback"
    if p95_ratio(baseline, canary) > policy["max_p95_ratio"]:
        return "rollback"
    if canary["requests"] < policy["min_requests"]:
        return "hold"
    return "promote"
