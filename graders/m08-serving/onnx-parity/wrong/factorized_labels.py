"""Encodes the labels as integers before fitting ("ONNX prefers numbers") with pd.factorize,
which numbers them in order of first appearance. The probability columns then follow that
order, not the sorted labels of the pipeline's classes_: a service reporting
P("gold") would report another class's probability. With labels first seen in sorted order
(the public example, integer labels 0, 1, ...) nothing shows.

fails: labels-order
"""

import numpy as np
import pandas as pd
from skl2onnx import to_onnx


def export_onnx(X_train, y_train):
    X_train = np.asarray(X_train, dtype=np.float64)
    codes, _ = pd.factorize(np.asarray(y_train))
    pipeline = build_pipeline().fit(X_train, codes)  # noqa: F821 - defined by the notebook
    onnx_model = to_onnx(pipeline, X_train[:1], options={"zipmap": False})
    return onnx_model.SerializeToString()
