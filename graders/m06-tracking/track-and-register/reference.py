"""Oracle for track-and-register. Runs only in the grader, never in a sandbox.

The learner's store lives in the sandbox and never comes out; what comes out is what the
learner's code read back from it (params, metrics, run ids, version numbers, reproduced
metrics). The reference recomputes the values those answers must hold: the params as
MLflow stores them (strings) and the metric of the model the provided training code fits.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss

METRIC = "val_log_loss"


def train(params: dict, X_train: Any, y_train: Any) -> LogisticRegression:
    """The notebook's provided training code."""
    return LogisticRegression(**params).fit(np.asarray(X_train), np.asarray(y_train))


def val_log_loss(model: LogisticRegression, X: Any, y: Any) -> float:
    """The notebook's provided metric."""
    return float(log_loss(np.asarray(y), model.predict_proba(np.asarray(X)), labels=[0, 1]))


def metric(params: dict, X_train: Any, y_train: Any, X: Any, y: Any) -> float:
    """The metric a model trained with ``params`` scores on (X, y)."""
    return val_log_loss(train(params, X_train, y_train), X, y)


def logged_params(params: dict) -> dict[str, str]:
    """How MLflow stores params: every value as str(value)."""
    return {key: str(value) for key, value in params.items()}


def demo_job(params: dict, X_train: Any, y_train: Any, X_val: Any, y_val: Any) -> dict:
    """What the notebook's demo_job entry point answers for a correct job."""
    loss = metric(params, X_train, y_train, X_val, y_val)
    return {"version": 1, "params": logged_params(params), "val_log_loss": loss,
            "reproduced": loss}


def demo_two_versions(params_a: dict, params_b: dict, X_train: Any, y_train: Any,
                      X_val: Any, y_val: Any) -> dict:
    """What the notebook's demo_two_versions entry point answers for a correct job."""
    return {"versions": [1, 2], "lineage": [True, True],
            "reproduced": [metric(params_a, X_train, y_train, X_val, y_val),
                           metric(params_b, X_train, y_train, X_val, y_val)]}
