"""triage that looks at feature drift right after "is it real": a broken feature looks
drifted, and so does a feature changed upstream, so both are called feature drift.

fails: triage-example, triage-pipeline, triage-upstream, triage-labels-calendar
"""


def triage(evidence):
    if not is_real_drop(evidence["weekly_metric"]):  # noqa: F821
        return "not-real"
    if any(value > 0.25 for value in evidence["feature_psi"].values()):
        return "feature-drift"
    if pipeline_breaks(evidence):  # noqa: F821
        return "data-pipeline"
    if evidence["label_coverage"][-1] < 0.8:
        return "label-delay"
    if evidence["calendar"][-1]:
        return "seasonality"
    return "concept-drift"
