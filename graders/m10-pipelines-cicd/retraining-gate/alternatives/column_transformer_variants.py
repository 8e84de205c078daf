"""A correct solution written differently: validation collects a per-column report with
dtype predicates in one pass, the model is an explicit Pipeline with make_column_transformer
and a dense OneHotEncoder, the ROC-AUC comes from roc_curve + auc, and the pipeline raises
and catches its own validation error."""

# The contract constants are defined by the notebook.
# ruff: noqa: F821

import pandas as pd
from sklearn.compose import make_column_transformer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import auc, roc_curve
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

KIND = {"order_value": "number", "distance_km": "number", "hour": "integer",
        "late": "integer", "city": "category"}


class BatchRejected(Exception):
    def __init__(self, problems):
        super().__init__("; ".join(problems))
        self.problems = problems


def validate_batch(frame):
    report = []
    if not len(frame) >= MIN_ROWS:
        report.append("volume")
    for column, kind in KIND.items():
        if column not in frame.columns:
            report.append(f"{column}: absent")
            continue
        s = frame[column]
        if s.isnull().sum() > 0:
            report.append(f"{column}: nulls")
        if kind == "category":
            bad = ~s.dropna().isin(CITIES)
            if bad.any():
                report.append(f"{column}: {int(bad.sum())} unknown")
            continue
        numeric = pd.api.types.is_numeric_dtype(s) and s.dtype != bool
        if not numeric:
            report.append(f"{column}: type {s.dtype}")
            continue
        if kind == "integer" and not pd.api.types.is_integer_dtype(s):
            report.append(f"{column}: not integer")
        lo, hi = RANGES[column]
        if s.min() < lo or s.max() > hi:
            report.append(f"{column}: out of [{lo}, {hi}]")
    return report


def train(frame):
    columns = make_column_transformer(
        (StandardScaler(), ["order_value", "distance_km"]),
        (OneHotEncoder(handle_unknown="ignore", sparse_output=False), ["hour", "city"]),
    )
    model = Pipeline([("features", columns),
                      ("classifier", LogisticRegression(C=1.0, max_iter=1000))])
    model.fit(frame.loc[:, FEATURES], frame.loc[:, LABEL])
    return model


def evaluate(model, frame):
    scores = model.predict_proba(frame.loc[:, FEATURES])[:, list(model.classes_).index(1)]
    fpr, tpr, _ = roc_curve(frame[LABEL], scores)
    return {"rows": frame.shape[0], "roc_auc": float(auc(fpr, tpr))}


def gate(candidate_metrics, production_metrics, problems, policy):
    if len(problems) > 0:
        return {"decision": "reject", "reason": "invalid batch: " + "; ".join(problems)}
    key = policy["metric"]
    needed = production_metrics[key] + policy["min_improvement"]
    decision = "promote" if candidate_metrics[key] >= needed else "reject"
    return {"decision": decision,
            "reason": f"candidate {candidate_metrics[key]:.4f}, needed {needed:.4f}"}


def run_pipeline(batch, holdout, production_metrics, policy=POLICY):
    try:
        problems = validate_batch(batch)
        if problems:
            raise BatchRejected(problems)
    except BatchRejected as rejected:
        verdict = gate({}, production_metrics, rejected.problems, policy)
        return dict(verdict, problems=rejected.problems, metrics={})
    metrics = evaluate(train(batch), holdout)
    return dict(gate(metrics, production_metrics, [], policy), problems=[], metrics=metrics)
