"""pipeline_breaks that flags a null rate that moved by more than 0.05 in either direction,
so a fix (nulls falling) looks like a break.

fails: breaks-example, breaks-random, triage-pipeline
"""


def pipeline_breaks(evidence):
    before, after = evidence["schema_before"], evidence["schema_after"]
    broken = []
    for feature, kind in before.items():
        if feature not in after or after[feature] != kind:
            broken.append(feature)
            continue
        moved = evidence["null_rate_after"][feature] - evidence["null_rate_before"][feature]
        if abs(moved) > 0.05:
            broken.append(feature)
    return sorted(broken)
