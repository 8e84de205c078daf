"""triage that blames any upstream release it finds, whatever its week and whether or not
the features it touches moved.

fails: triage-upstream
"""


def triage(evidence):
    if not is_real_drop(evidence["weekly_metric"]):  # noqa: F821
        return "not-real"
    if pipeline_breaks(evidence):  # noqa: F821
        return "data-pipeline"
    if evidence["upstream_changes"]:
        return "upstream-change"
    if evidence["label_coverage"][-1] < 0.8:
        return "label-delay"
    if evidence["calendar"][-1]:
        return "seasonality"
    if any(value > 0.25 for value in evidence["feature_psi"].values()):
        return "feature-drift"
    return "concept-drift"
