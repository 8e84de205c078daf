"""pipeline_breaks that only compares the features present in both schemas, so a column
that disappeared goes unnoticed.

fails: breaks-example, breaks-random, triage-pipeline
"""


def pipeline_breaks(evidence):
    before, after = evidence["schema_before"], evidence["schema_after"]
    broken = []
    for feature in before:
        if feature not in after:
            continue
        if after[feature] != before[feature] or \
                evidence["null_rate_after"][feature] - evidence["null_rate_before"][feature] > 0.05:
            broken.append(feature)
    return sorted(broken)
