"""Oracle for triage. Runs only in the grader, never in a sandbox.

The ordered checklist of the lesson, with the thresholds the notebook states:

1. not a real drop: last week >= mean(baseline) - n_sigmas * std(baseline, ddof=1),
   where the baseline is every week but the last           -> "not-real"
2. a pipeline break: a feature of schema_before missing from schema_after or with
   another type, or a null rate up by more than 0.05        -> "data-pipeline"
3. an upstream change in the last week touching a feature whose PSI > 0.25
                                                           -> "upstream-change"
4. label coverage of the last week below 0.8               -> "label-delay"
5. a calendar event in the last week                       -> "seasonality"
6. any feature PSI above 0.25                              -> "feature-drift"
7. otherwise                                               -> "concept-drift"
"""

from __future__ import annotations

import statistics

CAUSES = ("not-real", "data-pipeline", "upstream-change", "label-delay", "seasonality",
          "feature-drift", "concept-drift")
NULL_JUMP = 0.05
PSI_MAJOR = 0.25
MIN_COVERAGE = 0.8


def is_real_drop(weekly_metric, n_sigmas=3.0) -> bool:
    baseline, last = list(weekly_metric[:-1]), weekly_metric[-1]
    mean, sd = statistics.fmean(baseline), statistics.stdev(baseline)
    return bool(mean - last > n_sigmas * sd)


def pipeline_breaks(evidence) -> list[str]:
    before, after = evidence["schema_before"], evidence["schema_after"]
    nulls_before, nulls_after = evidence["null_rate_before"], evidence["null_rate_after"]
    broken = set()
    for feature, kind in before.items():
        missing_or_retyped = feature not in after or after[feature] != kind
        if missing_or_retyped or nulls_after[feature] - nulls_before[feature] > NULL_JUMP:
            broken.add(feature)
    return sorted(broken)


def upstream_culprits(evidence) -> list[str]:
    """Features changed upstream in the last week whose PSI is above PSI_MAJOR."""
    last_week = len(evidence["weekly_metric"]) - 1
    psi = evidence["feature_psi"]
    return sorted({f for change in evidence["upstream_changes"] if change["week"] == last_week
                   for f in change["features"] if psi.get(f, 0.0) > PSI_MAJOR})


def triage(evidence) -> str:
    if not is_real_drop(evidence["weekly_metric"]):
        return "not-real"
    if pipeline_breaks(evidence):
        return "data-pipeline"
    if upstream_culprits(evidence):
        return "upstream-change"
    if evidence["label_coverage"][-1] < MIN_COVERAGE:
        return "label-delay"
    if evidence["calendar"][-1]:
        return "seasonality"
    if any(v > PSI_MAJOR for v in evidence["feature_psi"].values()):
        return "feature-drift"
    return "concept-drift"
