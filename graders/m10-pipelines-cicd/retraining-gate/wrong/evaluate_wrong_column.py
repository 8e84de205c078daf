"""Scores the holdout with predict_proba(...)[:, 0], the probability of being *on time*: the
ranking is upside down, so the reported ROC-AUC is one minus the real one and even a much
better candidate loses against production.

fails: pipeline-example, promotes-better, holdout-metric
"""

# FEATURES and LABEL are defined by the notebook.
# ruff: noqa: F821

from sklearn.metrics import roc_auc_score


def evaluate(model, frame):
    scores = model.predict_proba(frame[FEATURES])[:, 0]
    return {"roc_auc": float(roc_auc_score(frame[LABEL], scores)), "rows": len(frame)}
