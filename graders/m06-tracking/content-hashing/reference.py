"""Oracle for content-hashing. Runs only in the grader, never in a sandbox.

The canonical formats are the ones the notebook specifies, to the byte:

* array: sha256 of ``canonical_json({"dtype": a.dtype.str, "shape": [...]})``, a newline,
  then the values as C-order bytes (``a.tobytes()``);
* frame: sha256 of ``canonical_json({"columns": [...], "dtypes": [...], "values": [...]})``
  where each value is the column's digest: ``fingerprint_array`` of a numeric or bool column,
  the sha256 of ``canonical_json`` of its values (missing values as null) for anything else;
* model: sha256 of ``canonical_json({"class", "params", "coef", "intercept"})`` with the
  hyperparameters from ``get_params()`` and the array fingerprints of ``coef_`` and
  ``intercept_``.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import numpy as np
import pandas as pd
from sklearn.linear_model import LinearRegression, LogisticRegression, Ridge

MODEL_CLASSES = {"LinearRegression": LinearRegression, "Ridge": Ridge,
                 "LogisticRegression": LogisticRegression}


def _plain(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def canonical_json(obj: Any) -> bytes:
    """The notebook's helper: sorted keys, no whitespace, ASCII, UTF-8 bytes."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=True,
                      default=_plain).encode("utf-8")


def fingerprint_array(a: Any) -> str:
    a = np.asarray(a)
    if a.dtype.kind == "O":
        raise TypeError("object arrays hold pointers, not values")
    header = canonical_json({"dtype": a.dtype.str, "shape": list(a.shape)})
    return hashlib.sha256(header + b"\n" + a.tobytes(order="C")).hexdigest()


def _is_numeric(dtype: Any) -> bool:
    return isinstance(dtype, np.dtype) and dtype.kind in "biuf"


def _text_digest(values: list) -> str:
    cells = [None if pd.isna(v) else str(v) for v in values]
    return hashlib.sha256(canonical_json(cells)).hexdigest()


def fingerprint_frame(df: pd.DataFrame) -> str:
    columns, dtypes, values = [], [], []
    for i in range(df.shape[1]):
        col = df.iloc[:, i]
        columns.append(str(df.columns[i]))
        if _is_numeric(col.dtype):
            dtypes.append(col.dtype.name)
            values.append(fingerprint_array(col.to_numpy()))
        else:
            dtypes.append("text")
            values.append(_text_digest(col.tolist()))
    return hashlib.sha256(canonical_json(
        {"columns": columns, "dtypes": dtypes, "values": values})).hexdigest()


def fingerprint_columns(columns: dict) -> str:
    """The notebook's entry point for public examples: a frame from a dict of columns."""
    return fingerprint_frame(pd.DataFrame(columns))


def build_model(spec: dict) -> Any:
    """The notebook's helper: a 'fitted' linear model from plain data."""
    model = MODEL_CLASSES[spec["class"]](**spec["params"])
    for name, value in spec["fitted"].items():
        setattr(model, name, np.asarray(value) if isinstance(value, (list, np.ndarray)) else value)
    return model


def fingerprint_model(model: Any) -> str:
    state = {
        "class": type(model).__name__,
        "params": model.get_params(),
        "coef": fingerprint_array(np.asarray(model.coef_)),
        "intercept": fingerprint_array(np.asarray(model.intercept_)),
    }
    return hashlib.sha256(canonical_json(state)).hexdigest()


def fingerprint_model_of(spec: dict) -> str:
    return fingerprint_model(build_model(spec))


def find_version(model: Any, registered: list[str]) -> int | None:
    """The earliest version (1-based) whose fingerprint equals the model's, else None."""
    mine = fingerprint_model(model)
    for version, fingerprint in enumerate(registered, start=1):
        if fingerprint == mine:
            return version
    return None


def find_version_of(spec: dict, registered_specs: list[dict]) -> int | None:
    registered = [fingerprint_model(build_model(s)) for s in registered_specs]
    return find_version(build_model(spec), registered)
