"""Squeezes the output "to drop the extra dimension": a batch of one row then comes back as a
1-D array of shape (classes,) instead of (1, classes), and a caller indexing
proba[:, 1] breaks on single-row requests only.

fails: batch-sizes
"""

import numpy as np
import onnxruntime as ort


def onnx_predict_proba(model_bytes, X):
    session = ort.InferenceSession(model_bytes, providers=["CPUExecutionProvider"])
    feed = {session.get_inputs()[0].name: np.asarray(X, dtype=np.float64)}
    return np.squeeze(session.run(["probabilities"], feed)[0])
