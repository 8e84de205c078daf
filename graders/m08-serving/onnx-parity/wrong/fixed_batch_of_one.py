"""Declares the input with a fixed batch size of 1 and makes up for it by scoring the rows one
at a time. The answers are right, but the model cannot score a batch in one run: a service
pays one inference call per row.

fails: model-example, dynamic-batch
"""

import numpy as np
import onnxruntime as ort
from skl2onnx import convert_sklearn
from skl2onnx.common.data_types import DoubleTensorType


def export_onnx(X_train, y_train):
    X_train = np.asarray(X_train, dtype=np.float64)
    pipeline = build_pipeline().fit(X_train, y_train)  # noqa: F821 - defined by the notebook
    onnx_model = convert_sklearn(
        pipeline, initial_types=[("X", DoubleTensorType([1, X_train.shape[1]]))],
        options={"zipmap": False})
    return onnx_model.SerializeToString()


def onnx_predict_proba(model_bytes, X):
    session = ort.InferenceSession(model_bytes, providers=["CPUExecutionProvider"])
    name = session.get_inputs()[0].name
    X = np.asarray(X, dtype=np.float64)
    rows = [session.run(["probabilities"], {name: X[i:i + 1]})[0] for i in range(len(X))]
    return np.vstack(rows)
