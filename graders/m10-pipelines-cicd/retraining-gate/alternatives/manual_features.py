"""A correct solution written differently: the contract as a table of rule functions, a
model that builds its own design matrix (standardised numbers and one-hot columns for the
categories seen in training) around a bare LogisticRegression, a rank-based ROC-AUC
(Mann-Whitney U) instead of scikit-learn's, and a gate with its rules in a list."""

# The contract constants are defined by the notebook.
# ruff: noqa: F821

import numpy as np
import pandas as pd
from scipy.stats import rankdata
from sklearn.linear_model import LogisticRegression


def _is_number(values):
    return pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)


RULES = [
    (lambda name, s: s.isna().any(), "has missing values"),
    (lambda name, s: name == "city" and not s.dropna().isin(CITIES).all(),
     "has unknown categories"),
    (lambda name, s: name != "city" and not _is_number(s), "is not numeric"),
    (lambda name, s: name in INTEGER and _is_number(s) and s.dtype.kind not in "iu",
     "is not an integer column"),
    (lambda name, s: name in RANGES and _is_number(s)
     and not s.dropna().between(*RANGES[name]).all(), "has values out of range"),
]


def validate_batch(frame):
    found = []
    if frame.shape[0] < MIN_ROWS:
        found.append(f"too few rows ({frame.shape[0]} < {MIN_ROWS})")
    missing = [c for c in COLUMNS if c not in frame]
    found += [f"missing column {c}" for c in missing]
    for name in (c for c in COLUMNS if c not in missing):
        found += [f"{name} {what}" for test, what in RULES if test(name, frame[name])]
    return found


class DeliveryModel:
    def fit(self, frame):
        numbers = frame[["order_value", "distance_km"]].to_numpy(dtype=float)
        self.mean, self.std = numbers.mean(axis=0), numbers.std(axis=0)
        self.std[self.std == 0] = 1.0
        self.levels = {c: sorted(frame[c].unique()) for c in ("hour", "city")}
        self.clf = LogisticRegression(C=1.0, max_iter=1000)
        self.clf.fit(self.design(frame), frame[LABEL].to_numpy())
        return self

    def design(self, frame):
        numbers = frame[["order_value", "distance_km"]].to_numpy(dtype=float)
        parts = [(numbers - self.mean) / self.std]
        for column, levels in self.levels.items():
            values = frame[column].to_numpy()
            parts.append(np.column_stack([values == level for level in levels]).astype(float))
        return np.hstack(parts)

    def score(self, frame):
        return self.clf.predict_proba(self.design(frame))[:, 1]


def train(frame):
    return DeliveryModel().fit(frame)


def evaluate(model, frame):
    y = frame[LABEL].to_numpy()
    ranks = rankdata(model.score(frame))
    positives = int(y.sum())
    negatives = len(y) - positives
    u = ranks[y == 1].sum() - positives * (positives + 1) / 2
    return {"roc_auc": float(u / (positives * negatives)), "rows": len(frame)}


def gate(candidate_metrics, production_metrics, problems, policy):
    metric, margin = policy["metric"], policy["min_improvement"]
    rules = [
        (lambda: bool(problems), "the batch failed validation"),
        (lambda: candidate_metrics[metric] < production_metrics[metric] + margin,
         f"{metric} does not beat production by {margin}"),
    ]
    for broken, why in rules:
        if broken():
            return {"decision": "reject", "reason": why}
    return {"decision": "promote", "reason": f"{metric} beats production by at least {margin}"}


def run_pipeline(batch, holdout, production_metrics, policy=POLICY):
    record = {"problems": validate_batch(batch), "metrics": {}}
    if not record["problems"]:
        record["metrics"] = evaluate(train(batch), holdout)
    record.update(gate(record["metrics"], production_metrics, record["problems"], policy))
    return record
