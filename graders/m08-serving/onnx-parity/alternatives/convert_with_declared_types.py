"""A correct solution written differently: convert_sklearn with the input type declared
explicitly (a double tensor named "features" with a symbolic batch dimension) and ZipMap
disabled for the classifier only; at run time the input's type is read from the session and
the probabilities output is found among the outputs by its shape, not by name."""

import numpy as np
import onnxruntime as ort
from skl2onnx import convert_sklearn
from skl2onnx.common.data_types import DoubleTensorType
from sklearn.linear_model import LogisticRegression

RUNTIME_TYPES = {"tensor(double)": np.float64, "tensor(float)": np.float32}


def export_onnx(X_train, y_train):
    X_train = np.asarray(X_train, dtype=np.float64)
    pipeline = build_pipeline()  # noqa: F821 - defined by the notebook
    pipeline.fit(X_train, y_train)
    onnx_model = convert_sklearn(
        pipeline, name="churn_pipeline",
        initial_types=[("features", DoubleTensorType([None, X_train.shape[1]]))],
        options={LogisticRegression: {"zipmap": False}})
    return onnx_model.SerializeToString()


def onnx_predict_proba(model_bytes, X):
    session = ort.InferenceSession(model_bytes, providers=["CPUExecutionProvider"])
    source = session.get_inputs()[0]
    rows = np.asarray(X).astype(RUNTIME_TYPES[source.type])
    if rows.ndim == 1:
        rows = rows.reshape(1, -1)
    for value in session.run(None, {source.name: rows}):
        if isinstance(value, np.ndarray) and value.ndim == 2 and value.dtype.kind == "f":
            return value
    raise RuntimeError("the model has no probabilities output")
