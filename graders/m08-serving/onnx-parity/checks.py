"""Checks for onnx-parity: the public examples plus hidden checks on seeded random data.

Model bytes cannot cross the sandbox boundary, so the notebook's locked cells wrap the
learner's two functions: ``export_and_predict(X_train, y_train, batches)`` exports once and
answers ``[onnx_predict_proba(model, X) for X in batches]``; ``onnx_model_bytes(X_train,
y_train)`` answers the exported model as a uint8 array, which the grader parses (as data,
with ``onnx``; it never runs it) to read the declared input.

* ``parity``: probabilities on hidden rows (features of very different scales, some with
  large offsets such as timestamps, and rows far outside the training range) match the
  scikit-learn pipeline fitted here on the same training data, within 1e-6;
* ``labels-order``: with text labels first seen in non-sorted order, the columns follow the
  pipeline's ``classes_`` (judged on the column order that brings the answer closest to
  the reference, on nearly standardised features, so that a precision problem or a missing
  scaler does not count as an ordering problem);
* ``batch-sizes``: one model answers a batch of many rows and batches of one row with
  arrays of shape (rows, classes) that agree with each other and sum to 1;
* ``dynamic-batch``: the exported model declares one 2-D input whose first (batch)
  dimension is symbolic, so a server can send any number of rows in one run.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

import numpy as np

from academy.grading.checks import (
    Answer,
    Call,
    HiddenCheck,
    Suite,
    Verdict,
    first_error,
    public_checks,
)

from . import reference
from .public import PUBLIC_CHECKS

PARITY_ATOL = 1e-6
WORDS = ["bronze", "silver", "gold", "basic", "plus", "premium", "churn", "stay", "upgrade",
         "fraud", "legit", "review", "low", "medium", "high"]


# --- data ----------------------------------------------------------------------------------

def _labels(rng: np.random.Generator, Z: np.ndarray, k: int) -> np.ndarray:
    """Class indices that depend on the standardised features, every class present."""
    weights = rng.normal(size=(Z.shape[1], k)) * 1.5
    scores = Z @ weights + rng.gumbel(size=(Z.shape[0], k))
    y = scores.argmax(axis=1)
    y[:k] = np.arange(k)  # every class occurs, first seen in sorted order
    return y


def _varied_scales(rng: np.random.Generator, d: int) -> tuple[np.ndarray, np.ndarray]:
    """Per-feature centre and spread: spreads from 0.01 to 1000, one or two features with a
    large offset (an amount in cents, an id, a Unix timestamp)."""
    scale = 10 ** rng.uniform(-2, 3, size=d)
    centre = rng.normal(size=d) * scale * 3
    for j in rng.choice(d, size=int(rng.integers(1, 3)), replace=False):
        kind = int(rng.integers(3))
        if kind == 2:  # seconds since 1970, spread of hours to days
            centre[j], scale[j] = 1.7e9 + rng.uniform(0, 5e7), 10 ** rng.uniform(3.5, 5)
        else:
            centre[j] = (1e5 if kind == 0 else 1e6) * rng.uniform(1, 3)
    return centre, scale


def _outside(rng: np.random.Generator, n: int, d: int) -> np.ndarray:
    """Standardised rows with some features 3 to 8 standard deviations out."""
    Z = rng.normal(size=(n, d))
    far = rng.random((n, d)) < 0.5
    Z[far] = rng.uniform(3, 8, size=int(far.sum())) * rng.choice([-1, 1], size=int(far.sum()))
    return Z


def parity_data(rng: np.random.Generator, k: int) -> tuple[np.ndarray, list, np.ndarray]:
    n, d = int(rng.integers(150, 300)), int(rng.integers(3, 7))
    centre, scale = _varied_scales(rng, d)
    Z = rng.normal(size=(n, d))
    y = _labels(rng, Z, k)
    Z_test = np.vstack([rng.normal(size=(30, d)), _outside(rng, 30, d)])
    return centre + Z * scale, [int(v) for v in y], centre + Z_test * scale


def label_data(rng: np.random.Generator, k: int) -> tuple[np.ndarray, list, np.ndarray]:
    """Nearly standardised features (so that precision problems stay small here) and text
    labels whose first appearance is not sorted."""
    n, d = int(rng.integers(120, 200)), int(rng.integers(2, 5))
    centre, scale = rng.normal(size=d) * 0.05, rng.uniform(0.9, 1.1, size=d)
    Z = rng.normal(size=(n, d))
    idx = _labels(rng, Z, k)
    names = sorted(str(w) for w in rng.choice(WORDS, size=k, replace=False))
    first_seen = list(reversed(names)) if k == 2 else [names[i] for i in rng.permutation(k)]
    while first_seen == names:
        first_seen = [names[i] for i in rng.permutation(k)]
    y = [first_seen[i] for i in idx]  # y[:k] is first_seen: the first appearances
    return centre + Z * scale, y, centre + rng.normal(size=(40, d)) * scale


# --- checks --------------------------------------------------------------------------------

def _probabilities(answer: Any, rows: int, k: int) -> str | None:
    """Why an answer is not an array of shape (rows, k), or None."""
    if not isinstance(answer, np.ndarray) or answer.dtype.kind not in "fiu":
        return (f"`onnx_predict_proba` must return a numpy array of numbers, not "
                f"{type(answer).__name__}")
    if answer.shape != (rows, k):
        return (f"`onnx_predict_proba` returned shape {answer.shape} for a batch of {rows} "
                f"row(s) and {k} classes; expected ({rows}, {k}): one row per input row, one "
                "column per class")
    return None


def _batches(calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict | list:
    failed = first_error(calls, answers)
    if failed:
        return failed
    out = []
    for call, answer in zip(calls, answers, strict=True):
        batches = call.args[2]
        value = answer.value
        if not isinstance(value, list) or len(value) != len(batches):
            return Verdict(False, "`export_and_predict` must answer one array per batch "
                                  "(is `onnx_predict_proba` returning an array?)")
        k = len(set(call.args[1]))
        for X, got in zip(batches, value, strict=True):
            problem = _probabilities(got, len(X), k)
            if problem:
                return Verdict(False, problem)
        out.append(value)
    return out


class Parity(HiddenCheck):
    function = "export_and_predict"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        out = []
        for k in (2, 3, 4):
            X_train, y_train, X_test = parity_data(rng, k)
            out.append(Call(self.function, (X_train, y_train, [X_test])))
        return out

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        got = _batches(calls, answers)
        if isinstance(got, Verdict):
            return got
        worst, bad = 0.0, 0
        for call, value in zip(calls, got, strict=True):
            X_train, y_train, (X_test,) = call.args
            gap = float(np.max(np.abs(value[0] - reference.reference_proba(X_train, y_train,
                                                                           X_test))))
            if not gap <= PARITY_ATOL:  # also catches NaN
                bad, worst = bad + 1, max(worst, gap) if gap == gap else float("inf")
        if bad:
            return Verdict(False, f"on {bad} of {len(calls)} hidden data sets the ONNX "
                                  f"probabilities differ from the scikit-learn pipeline's by up "
                                  f"to {worst:.2g} (allowed: {PARITY_ATOL:g})")
        return Verdict(True, self.title)


class LabelsOrder(HiddenCheck):
    function = "export_and_predict"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        out = []
        for k in (2, 3, 4):
            X_train, y_train, X_test = label_data(rng, k)
            out.append(Call(self.function, (X_train, y_train, [X_test])))
        return out

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        got = _batches(calls, answers)
        if isinstance(got, Verdict):
            return got
        for call, value in zip(calls, got, strict=True):
            X_train, y_train, (X_test,) = call.args
            expected = reference.reference_proba(X_train, y_train, X_test)
            answer = value[0].astype(np.float64)
            if not np.all(np.isfinite(answer)):
                return Verdict(False, "`onnx_predict_proba` returned NaN or infinite values")
            # the column order under which the answer is closest to the reference
            k = expected.shape[1]
            best = min(itertools.permutations(range(k)),
                       key=lambda order: float(np.abs(answer[:, list(order)] - expected).sum()))
            if best != tuple(range(k)):
                return Verdict(False, "with text labels, the probability columns are not in "
                                      "the order of the pipeline's classes_ (sorted labels)")
        return Verdict(True, self.title)


class BatchSizes(HiddenCheck):
    function = "export_and_predict"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        X_train, y_train, X_test = parity_data(rng, 3)
        many = X_test[:int(rng.integers(20, 40))]
        picks = rng.choice(len(many), size=3, replace=False)
        batches = [many] + [many[i:i + 1] for i in picks] + [many[picks[0]:picks[0] + 2]]
        return [Call(self.function, (X_train, y_train, batches))]

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        got = _batches(calls, answers)
        if isinstance(got, Verdict):
            return got
        batches, results = calls[0].args[2], got[0]
        whole = results[0].astype(np.float64)
        if not np.all(np.abs(whole.sum(axis=1) - 1) < 1e-5):
            return Verdict(False, "the rows of the probabilities do not sum to 1 (are these "
                                  "the class probabilities, not scores or labels?)")
        for X, result in zip(batches[1:], results[1:], strict=True):
            rows = [int(np.flatnonzero((batches[0] == x).all(axis=1))[0]) for x in X]
            if not np.allclose(result, whole[rows], rtol=1e-5, atol=1e-7):
                return Verdict(False, "a batch of one or two rows gets other probabilities "
                                      "than the same rows inside a larger batch")
        return Verdict(True, self.title)


ELEM_TYPES = {1: "float", 11: "double", 7: "int64", 6: "int32", 10: "float16", 8: "string"}


def describe_model(data: Any) -> dict[str, Any] | str:
    """The declared inputs of serialised ONNX model bytes (parsed as data, never run), or
    the reason they cannot be read."""
    import onnx

    if not isinstance(data, np.ndarray) or data.dtype != np.uint8 or data.ndim != 1:
        return "`onnx_model_bytes` did not answer the model's bytes (is `export_onnx` " \
               "returning bytes, e.g. model.SerializeToString()?)"
    try:
        model = onnx.load_model_from_string(data.tobytes())
    except Exception:  # noqa: BLE001 - any parse failure is the learner's
        return "the bytes returned by `export_onnx` are not a serialised ONNX model"
    inputs = [{"name": i.name, "type": ELEM_TYPES.get(i.type.tensor_type.elem_type, "other"),
               "dims": [d.dim_value if d.HasField("dim_value") else None
                        for d in i.type.tensor_type.shape.dim]}
              for i in model.graph.input]
    return {"inputs": inputs, "outputs": [o.name for o in model.graph.output]}


class DynamicBatch(HiddenCheck):
    function = "onnx_model_bytes"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        X_train, y_train, _ = parity_data(rng, int(rng.integers(2, 4)))
        return [Call(self.function, (X_train, y_train))]

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        failed = first_error(calls, answers)
        if failed:
            return failed
        info = describe_model(answers[0].value)
        if isinstance(info, str):
            return Verdict(False, info)
        d = calls[0].args[0].shape[1]
        if len(info["inputs"]) != 1:
            return Verdict(False, f"the model declares {len(info['inputs'])} inputs; a server "
                                  "sends one 2-D array of rows")
        dims = info["inputs"][0]["dims"]
        if len(dims) != 2:
            return Verdict(False, f"the model's input has {len(dims)} dimensions; declare two: "
                                  "(rows, features)")
        if dims[0] is not None:
            return Verdict(False, f"the model's input has a fixed batch size of {dims[0]}: "
                                  "declare the first dimension as None (symbolic) so one run "
                                  "can score any number of rows")
        if dims[1] not in (None, d):
            return Verdict(False, f"the model's input declares {dims[1]} features; the "
                                  "training data has another number")
        return Verdict(True, self.title)


# Runs a learner's ONNX bytes in a separate process with memory and CPU limits: the graph is
# data executed by onnxruntime (never the learner's Python), and a hostile graph can at worst
# exhaust that process. Reads an npz (model bytes, X) on stdin, writes an npy on stdout.
RUN_ONNX = r"""
import io, resource, sys
import numpy as np
resource.setrlimit(resource.RLIMIT_AS, (2 * 2**30, 2 * 2**30))
resource.setrlimit(resource.RLIMIT_CPU, (30, 31))
import onnxruntime as ort
data = np.load(io.BytesIO(sys.stdin.buffer.read()), allow_pickle=False)
options = ort.SessionOptions()
options.intra_op_num_threads = 1
session = ort.InferenceSession(data["model"].tobytes(), options,
                               providers=["CPUExecutionProvider"])
spec = session.get_inputs()[0]
dtype = np.float32 if spec.type == "tensor(float)" else np.float64
X = data["X"].astype(dtype)
batches = [X] if not isinstance(spec.shape[0], int) else [X[i:i + 1] for i in range(len(X))]
def probabilities(outputs):
    for out in outputs:
        if isinstance(out, list) and out and isinstance(out[0], dict):
            keys = sorted(out[0])
            return np.asarray([[row[k] for k in keys] for row in out], dtype=np.float64)
    for out in outputs:
        if isinstance(out, np.ndarray) and out.ndim == 2 and out.dtype.kind == "f":
            return out.astype(np.float64)
    raise SystemExit("no probabilities output")
result = np.concatenate([probabilities(session.run(None, {spec.name: b})) for b in batches])
buffer = io.BytesIO()
np.save(buffer, result, allow_pickle=False)
sys.stdout.buffer.write(buffer.getvalue())
"""


def run_onnx(model: np.ndarray, X: np.ndarray, timeout: float = 60) -> np.ndarray | str:
    """Probabilities of serialised ONNX *model* on *X*, or why it could not run."""
    import io
    import subprocess
    import sys

    buffer = io.BytesIO()
    np.savez(buffer, model=model, X=X)
    try:
        proc = subprocess.run([sys.executable, "-c", RUN_ONNX], input=buffer.getvalue(),  # noqa: S603
                              capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return "the exported model did not finish scoring the hidden rows in time"
    if proc.returncode != 0:
        return "the exported model could not be run with onnxruntime"
    try:
        return np.load(io.BytesIO(proc.stdout), allow_pickle=False)
    except ValueError:
        return "the exported model could not be run with onnxruntime"


def kept_rows(X_train: np.ndarray) -> np.ndarray:
    """Rows the grader scores itself and never sends to the sandbox: near the training data
    and far outside it, derived from the training data so the judge can rebuild them."""
    import zlib

    rng = np.random.default_rng(zlib.crc32(np.ascontiguousarray(X_train).tobytes()))
    spread = X_train.std(axis=0)
    rows = X_train[rng.integers(0, len(X_train), 30)]
    return np.vstack([rows + rng.normal(size=rows.shape) * spread * 0.5,
                      X_train.mean(axis=0) + rng.normal(size=(10, X_train.shape[1])) * spread * 6])


class ModelParity(HiddenCheck):
    """The exported bytes themselves, run by the grader with onnxruntime on rows that never
    enter the sandbox, agree with the reference: answers cannot be produced any other way
    (a notebook that redefines the locked wrappers to answer scikit-learn's probabilities
    still fails here when its export is wrong)."""

    function = "onnx_model_bytes"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        X_train, y_train, _ = parity_data(rng, 3)
        return [Call(self.function, (X_train, y_train))]

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        failed = first_error(calls, answers)
        if failed:
            return failed
        info = describe_model(answers[0].value)
        if isinstance(info, str):
            return Verdict(False, info)
        X_train, y_train = calls[0].args
        X_kept = kept_rows(X_train)
        ran = run_onnx(answers[0].value, X_kept)
        if isinstance(ran, str):
            return Verdict(False, ran)
        expected = reference.reference_proba(X_train, y_train, X_kept)
        if ran.shape != expected.shape or not np.allclose(ran, expected, atol=PARITY_ATOL,
                                                          rtol=0):
            return Verdict(False, "run by the grader on rows it kept back, your exported "
                                  "model's probabilities differ from the scikit-learn "
                                  "pipeline's")
        return Verdict(True, self.title)


SUITE = Suite(
    exercise="m08-serving/onnx-parity",
    checks=[
        *public_checks(PUBLIC_CHECKS),
        Parity(
            "parity", "ONNX probabilities match the scikit-learn pipeline on hidden data", 2,
            hints=["The hidden data has features of very different sizes: some spread over "
                   "thousandths, others are amounts in the millions or Unix timestamps, and "
                   "some rows lie far outside the training range. Which numeric type does "
                   "your ONNX graph compute in, and how many significant digits does it keep?",
                   "float32 keeps about 7 significant digits: near 1.7e9 (a timestamp) the "
                   "closest float32 values are 128 apart, so the scaler's subtraction loses "
                   "the signal. Declare the input as DoubleTensorType([None, n_features]) (or "
                   "pass float64 data to skl2onnx.to_onnx) with options={'zipmap': False}, "
                   "feed float64, and export the whole fitted pipeline, scaler included."]),
        LabelsOrder(
            "labels-order", "probability columns follow the classes_ order for text labels", 2,
            hints=["The hidden training labels are words, and the first label in the data is "
                   "not the first in sorted order. In which order does the pipeline number "
                   "its classes, and does your export keep the labels as they are?",
                   "Fit the pipeline on y_train exactly as given: scikit-learn sorts the "
                   "labels into classes_ and skl2onnx keeps that order in the 'probabilities' "
                   "output. Re-encoding labels yourself (pd.factorize, order of first "
                   "appearance) reorders the columns."]),
        BatchSizes(
            "batch-sizes", "one model scores batches of one and of many rows consistently", 1.5,
            hints=["The hidden check sends the same rows as one batch and as batches of one "
                   "or two rows. What shape does your function return for a single row?",
                   "Always return a 2-D array of shape (rows, classes): no np.squeeze or "
                   "ravel, which turn a one-row answer into a 1-D array. Return the "
                   "'probabilities' output, whose rows sum to 1."]),
        ModelParity(
            "model-parity", "the exported model itself, run by the grader, keeps parity", 1,
            hints=["The grader runs the bytes `export_onnx` returns with onnxruntime itself, "
                   "on rows it never shows your notebook.",
                   "Export the whole fitted pipeline with a float64 input; the parity hints "
                   "apply here too."]),
        DynamicBatch(
            "dynamic-batch", "the exported model declares a symbolic batch dimension", 1.5,
            hints=["Inspect your model: onnx.load_model_from_string(b).graph.input[0] shows "
                   "the declared shape. Can a server send it 50 rows in one run?",
                   "Declare the input as DoubleTensorType([None, n_features]): None makes the "
                   "batch dimension symbolic. A fixed size of 1 forces one inference per row, "
                   "which a server cannot afford."]),
    ],
)
