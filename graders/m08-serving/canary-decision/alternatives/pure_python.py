"""A correct solution written differently, without numpy: the normal tail through
math.erf, the 95th percentile by hand (sorted samples, linear interpolation between the two
closest ranks, as numpy's default method), and the error test on the rate difference
written as counts."""

import math


def _percentile(samples, q):
    values = sorted(float(v) for v in samples)
    position = (len(values) - 1) * q / 100
    below = math.floor(position)
    above = min(below + 1, len(values) - 1)
    return values[below] + (values[above] - values[below]) * (position - below)


def canary_decision(baseline, canary, policy):
    n_b, e_b = baseline["requests"], baseline["errors"]
    n_c, e_c = canary["requests"], canary["errors"]
    total_errors, total = e_b + e_c, n_b + n_c
    variance = total_errors * (total - total_errors) / total ** 2 * (n_b + n_c) / (n_b * n_c)
    worse = False
    if variance > 0:
        z = (e_c * n_b - e_b * n_c) / (n_b * n_c) / math.sqrt(variance)
        worse = (1 - math.erf(z / math.sqrt(2))) / 2 < policy["alpha"]
    slow = _percentile(canary["latencies_ms"], 95) > \
        policy["max_p95_ratio"] * _percentile(baseline["latencies_ms"], 95)
    if worse or slow:
        return "rollback"
    return "hold" if n_c < policy["min_requests"] else "promote"
