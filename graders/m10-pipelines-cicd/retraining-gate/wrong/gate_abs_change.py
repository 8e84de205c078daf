"""Treats the margin as "the model changed significantly": it compares the size of the
difference, abs(gain), with min_improvement, so a candidate far *worse* than production is
promoted too.

fails: rejects-worse
"""


def gate(candidate_metrics, production_metrics, problems, policy):
    if problems:
        return {"decision": "reject", "reason": "validation failed"}
    metric = policy["metric"]
    gain = candidate_metrics[metric] - production_metrics[metric]
    if abs(gain) >= policy["min_improvement"]:
        return {"decision": "promote", "reason": f"{metric} changed by {gain:+.4f}"}
    return {"decision": "reject", "reason": f"{metric} changed by only {gain:+.4f}"}
