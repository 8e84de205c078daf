"""A correct solution written as a table of (predicate, cause) rules walked in order, with
numpy for the statistics and set operations for the schema."""

import numpy as np


def is_real_drop(weekly_metric, n_sigmas=3.0):
    values = np.asarray(weekly_metric, dtype=float)
    baseline = values[:-1]
    return bool(baseline.mean() - values[-1] > n_sigmas * baseline.std(ddof=1))


def pipeline_breaks(evidence):
    before, after = evidence["schema_before"], evidence["schema_after"]
    missing = set(before) - set(after)
    retyped = {f for f in set(before) & set(after) if before[f] != after[f]}
    nulls = {f for f in set(before) & set(after)
             if evidence["null_rate_after"][f] - evidence["null_rate_before"][f] > 0.05}
    return sorted(missing | retyped | nulls)


def _released_and_shifted(evidence):
    last_week = len(evidence["weekly_metric"]) - 1
    touched = {f for c in evidence["upstream_changes"] if c["week"] == last_week
               for f in c["features"]}
    return any(evidence["feature_psi"].get(f, 0.0) > 0.25 for f in touched)


RULES = [
    (lambda e: not is_real_drop(e["weekly_metric"]), "not-real"),
    (lambda e: len(pipeline_breaks(e)) > 0, "data-pipeline"),
    (_released_and_shifted, "upstream-change"),
    (lambda e: e["label_coverage"][-1] < 0.8, "label-delay"),
    (lambda e: e["calendar"][-1] != "", "seasonality"),
    (lambda e: max(e["feature_psi"].values(), default=0.0) > 0.25, "feature-drift"),
]


def triage(evidence):
    for holds, cause in RULES:
        if holds(evidence):
            return cause
    return "concept-drift"
