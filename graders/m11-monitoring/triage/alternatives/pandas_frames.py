"""A correct solution that loads the evidence into pandas: the schema and null rates as one
frame per period joined on the feature name, the weekly series as a Series."""

import pandas as pd


def is_real_drop(weekly_metric, n_sigmas=3.0):
    weeks = pd.Series(weekly_metric, dtype=float)
    baseline = weeks.iloc[:-1]
    return bool(baseline.mean() - weeks.iloc[-1] > n_sigmas * baseline.std())  # ddof=1


def pipeline_breaks(evidence):
    before = pd.DataFrame({"type": pd.Series(evidence["schema_before"], dtype=object),
                           "nulls": pd.Series(evidence["null_rate_before"], dtype=float)})
    after = pd.DataFrame({"type": pd.Series(evidence["schema_after"], dtype=object),
                          "nulls": pd.Series(evidence["null_rate_after"], dtype=float)})
    if before.empty:
        return []
    joined = before.join(after, how="left", rsuffix="_after")
    broken = (joined["type_after"].isna() | (joined["type_after"] != joined["type"])
              | (joined["nulls_after"] - joined["nulls"] > 0.05))
    return sorted(str(f) for f in joined.index[broken])


def triage(evidence):
    if not is_real_drop(evidence["weekly_metric"]):
        return "not-real"
    if pipeline_breaks(evidence):
        return "data-pipeline"
    psi = pd.Series(evidence["feature_psi"], dtype=float)
    changes = pd.DataFrame(evidence["upstream_changes"], columns=["week", "source", "features"])
    this_week = changes[changes["week"] == len(evidence["weekly_metric"]) - 1]
    touched = this_week["features"].explode().dropna()
    if (psi.reindex(touched.tolist()).fillna(0.0) > 0.25).any():
        return "upstream-change"
    if evidence["label_coverage"][-1] < 0.8:
        return "label-delay"
    if evidence["calendar"][-1]:
        return "seasonality"
    if (psi > 0.25).any():
        return "feature-drift"
    return "concept-drift"
