"""A broken export (the scaler is left out of the graph) hidden behind a redefined locked
wrapper that answers scikit-learn's own probabilities: every check that trusts the
notebook's answers passes; running the exported bytes in the grader does not.

fails: model-parity"""

import numpy as np
from skl2onnx import to_onnx


def export_onnx(X_train, y_train):
    X_train = np.asarray(X_train, dtype=np.float64)
    pipeline = build_pipeline().fit(X_train, y_train)  # noqa: F821 - defined by the notebook
    return to_onnx(pipeline[-1], X_train[:1], options={"zipmap": False}).SerializeToString()


def export_and_predict(X_train, y_train, batches):
    pipeline = build_pipeline().fit(np.asarray(X_train, dtype=np.float64), y_train)  # noqa: F821
    return [pipeline.predict_proba(np.asarray(X, dtype=np.float64)) for X in batches]
