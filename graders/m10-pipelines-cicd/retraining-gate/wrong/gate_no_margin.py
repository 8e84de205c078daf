"""Promotes any candidate that scores higher than production, however small the gain: a
difference that is noise swaps the model every week.

fails: gate-example, rejects-marginal
"""


def gate(candidate_metrics, production_metrics, problems, policy):
    if problems:
        return {"decision": "reject", "reason": "validation failed"}
    metric = policy["metric"]
    if candidate_metrics[metric] > production_metrics[metric]:
        return {"decision": "promote", "reason": f"{metric} improved"}
    return {"decision": "reject", "reason": f"{metric} did not improve"}
