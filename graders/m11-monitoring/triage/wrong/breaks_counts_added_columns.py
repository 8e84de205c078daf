"""pipeline_breaks that reports every schema difference, including columns that only
appeared in the last week (which the model never reads).

fails: breaks-example, breaks-random, triage-example, triage-pipeline
"""


def pipeline_breaks(evidence):
    before, after = evidence["schema_before"], evidence["schema_after"]
    broken = {f for f in set(before) | set(after) if before.get(f) != after.get(f)}
    for feature in set(before) & set(after):
        if evidence["null_rate_after"][feature] - evidence["null_rate_before"][feature] > 0.05:
            broken.add(feature)
    return sorted(broken)
