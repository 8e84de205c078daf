"""The oracle for onnx-parity (trusted; never enters the sandbox).

The reference is the scikit-learn pipeline itself: fitted here, in the grader, on the same
training data the learner's code received, its ``predict_proba`` is what the learner's ONNX
model must reproduce. The model solution's export and inference functions are kept here too,
for the public examples' expected values and for tests.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler


def build_pipeline() -> Pipeline:
    """The notebook's pipeline builder (a locked cell): scaler, then logistic regression."""
    return Pipeline([
        ("scale", StandardScaler()),
        ("model", LogisticRegression(C=1.0, tol=1e-10, max_iter=10_000)),
    ])


def fitted(X_train: Any, y_train: Any) -> Pipeline:
    return build_pipeline().fit(np.asarray(X_train, dtype=np.float64), np.asarray(y_train))


def reference_proba(X_train: Any, y_train: Any, X: Any) -> np.ndarray:
    """What the ONNX model must answer: the fitted pipeline's predict_proba, in float64."""
    return fitted(X_train, y_train).predict_proba(np.asarray(X, dtype=np.float64))


def export_onnx(X_train: Any, y_train: Any) -> bytes:
    from skl2onnx import to_onnx

    X_train = np.asarray(X_train, dtype=np.float64)
    pipeline = build_pipeline().fit(X_train, np.asarray(y_train))
    onx = to_onnx(pipeline, X_train[:1], options={"zipmap": False})
    return onx.SerializeToString()


def onnx_predict_proba(model_bytes: bytes, X: Any) -> np.ndarray:
    import onnxruntime as ort

    session = ort.InferenceSession(model_bytes, providers=["CPUExecutionProvider"])
    feed = {session.get_inputs()[0].name: np.asarray(X, dtype=np.float64)}
    (proba,) = session.run(["probabilities"], feed)
    return np.asarray(proba)
