"""triage that treats a PSI of exactly 0.25 as a major shift (>= instead of >).

fails: triage-drift
"""


def triage(evidence):
    if not is_real_drop(evidence["weekly_metric"]):  # noqa: F821
        return "not-real"
    if pipeline_breaks(evidence):  # noqa: F821
        return "data-pipeline"
    last_week = len(evidence["weekly_metric"]) - 1
    psi = evidence["feature_psi"]
    for change in evidence["upstream_changes"]:
        if change["week"] == last_week and any(psi.get(f, 0.0) >= 0.25
                                               for f in change["features"]):
            return "upstream-change"
    if evidence["label_coverage"][-1] < 0.8:
        return "label-delay"
    if evidence["calendar"][-1]:
        return "seasonality"
    if any(value >= 0.25 for value in psi.values()):
        return "feature-drift"
    return "concept-drift"
