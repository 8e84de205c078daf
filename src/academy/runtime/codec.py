"""Plain-data codec shared by the grader, the sandbox runner and the learner's kernel.

Only plain data crosses the sandbox boundary: ``None``, ``bool``, ``int``,
``float``, ``str``, lists, dicts with string keys, numeric numpy arrays, and
pandas frames and series whose columns hold numbers or text (missing text is
``None``; a frame's index is not kept). Values are checked by *exact* type,
so a student object that merely pretends to be a number (a subclass whose
``__eq__`` always returns True, say) is refused instead of being compared.

This file is copied into sandboxes and student builds: it imports only the
standard library and numpy (pandas if present) and nothing from ``academy``.
"""

from __future__ import annotations

import json
import math
from typing import Any

import numpy as np

try:  # pandas is optional in the learner's kernel
    import pandas as pd
except ImportError:  # pragma: no cover - the toolkit always has pandas
    pd = None

MAX_DEPTH = 32
MAX_ITEMS = 2_000_000
_ARRAY_KINDS = "biuf"
_SCALAR_TYPES: dict[type, type] = {
    np.bool_: bool,
    np.int8: int, np.int16: int, np.int32: int, np.int64: int,
    np.uint8: int, np.uint16: int, np.uint32: int, np.uint64: int,
    np.float16: float, np.float32: float, np.float64: float,
}
_DTYPES = {
    "bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32",
    "uint64", "float16", "float32", "float64",
}


class NotPlainData(TypeError):
    """A value that may not cross the sandbox boundary."""


def _float(value: float) -> Any:
    if math.isfinite(value):
        return value
    return {"__float__": "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")}


def _array(arr: np.ndarray) -> dict[str, Any]:
    if arr.dtype.kind not in _ARRAY_KINDS or arr.dtype.name not in _DTYPES:
        raise NotPlainData(f"a numpy array of dtype {arr.dtype} is not plain data")
    if arr.size > MAX_ITEMS:
        raise NotPlainData(f"an array of {arr.size} items is too large to return")
    flat = np.ascontiguousarray(arr).reshape(-1).tolist()
    if arr.dtype.kind == "f":
        flat = [_float(v) for v in flat]
    return {"__ndarray__": {"dtype": arr.dtype.name, "shape": list(arr.shape), "data": flat}}


def _is_missing(value: Any) -> bool:
    return value is None or (type(value) is float and math.isnan(value)) or \
        (pd is not None and value is pd.NA)


def _column(series: Any) -> dict[str, Any]:
    """A pandas column: numbers as an array, text as a list of str or None."""
    dtype = series.dtype
    if isinstance(dtype, pd.CategoricalDtype) or pd.api.types.is_object_dtype(dtype) or \
            pd.api.types.is_string_dtype(dtype):
        values = series.tolist()
        if len(values) > MAX_ITEMS:
            raise NotPlainData(f"a column of {len(values)} items is too large to return")
        out: list[str | None] = []
        for item in values:
            if _is_missing(item):
                out.append(None)
            elif type(item) is str:
                out.append(item)
            else:
                raise NotPlainData(f"a text column holds a {type(item).__name__}; "
                                   "a column must hold numbers or text")
        return {"__strings__": out}
    if pd.api.types.is_extension_array_dtype(dtype):  # Int64, Float64, boolean
        if bool(series.isna().any()):
            return _array(series.to_numpy(dtype="float64", na_value=np.nan))
        return _array(series.to_numpy(dtype=dtype.numpy_dtype))
    return _array(np.asarray(series.to_numpy()))


def _decode_strings(spec: Any) -> list[str | None]:
    if not isinstance(spec, list) or len(spec) > MAX_ITEMS or \
            not all(v is None or type(v) is str for v in spec):
        raise ValueError("malformed text column")
    return list(spec)


def encode(value: Any, _depth: int = 0) -> Any:
    """Turn *value* into JSON-ready plain data, refusing anything else."""
    if _depth > MAX_DEPTH:
        raise NotPlainData("the value is nested too deeply")
    kind = type(value)
    if value is None or kind is bool or kind is str:
        return value
    if kind is int:
        return value
    if kind is float:
        return _float(value)
    if kind in _SCALAR_TYPES:
        return encode(_SCALAR_TYPES[kind](value), _depth + 1)
    if kind is list or kind is tuple:
        return [encode(v, _depth + 1) for v in value]
    if kind is dict:
        out = {}
        for key, item in value.items():
            if type(key) is not str:
                raise NotPlainData("dictionary keys must be strings")
            if key.startswith("__") and key.endswith("__"):
                raise NotPlainData(f"dictionary key {key!r} is reserved")
            out[key] = encode(item, _depth + 1)
        return out
    if kind is np.ndarray:
        return _array(value)
    if pd is not None and kind is pd.Series:
        return _column(value)
    if pd is not None and kind is pd.DataFrame:
        columns = [str(c) for c in value.columns]
        if len(set(columns)) != len(columns):
            raise NotPlainData("a table with duplicate column names is not plain data")
        return {
            "__frame__": {
                "columns": columns,
                "data": [_column(value.iloc[:, i]) for i in range(value.shape[1])],
            }
        }
    raise NotPlainData(
        f"a value of type {kind.__name__} is not plain data; return a number, "
        "string, bool, list, dict or numpy array"
    )


def _decode_array(spec: Any) -> np.ndarray:
    if not isinstance(spec, dict) or set(spec) != {"dtype", "shape", "data"}:
        raise ValueError("malformed array")
    dtype, shape, data = spec["dtype"], spec["shape"], spec["data"]
    if dtype not in _DTYPES or not isinstance(shape, list) or not isinstance(data, list):
        raise ValueError("malformed array")
    if not all(type(n) is int and n >= 0 for n in shape) or len(shape) > 8:
        raise ValueError("malformed array shape")
    if math.prod(shape) != len(data) or len(data) > MAX_ITEMS:
        raise ValueError("array data does not match its shape")
    values = [decode_float(v) if isinstance(v, dict) else v for v in data]
    if not all(type(v) in (int, float, bool) for v in values):
        raise ValueError("array data must be numbers")
    return np.array(values, dtype=dtype).reshape(shape)


def decode_float(spec: Any) -> float:
    if isinstance(spec, dict) and set(spec) == {"__float__"}:
        text = spec["__float__"]
        if text in ("nan", "inf", "-inf"):
            return float(text)
    raise ValueError("malformed float")


def decode(value: Any, _depth: int = 0) -> Any:
    """Rebuild plain data produced by :func:`encode`; raises ValueError if malformed."""
    if _depth > MAX_DEPTH:
        raise ValueError("nested too deeply")
    if value is None or type(value) in (bool, int, float, str):
        return value
    if type(value) is list:
        return [decode(v, _depth + 1) for v in value]
    if type(value) is dict:
        if set(value) == {"__float__"}:
            return decode_float(value)
        if set(value) == {"__ndarray__"}:
            return _decode_array(value["__ndarray__"])
        if set(value) == {"__strings__"}:
            return _decode_strings(value["__strings__"])
        if set(value) == {"__frame__"}:
            spec = value["__frame__"]
            if not isinstance(spec, dict) or set(spec) != {"columns", "data"}:
                raise ValueError("malformed frame")
            cols = spec["columns"]
            if not isinstance(cols, list) or not all(type(c) is str for c in cols) or \
                    not isinstance(spec["data"], list) or len(set(cols)) != len(cols):
                raise ValueError("malformed frame")
            columns: list[Any] = []
            for item in spec["data"]:
                if isinstance(item, dict) and set(item) == {"__ndarray__"}:
                    columns.append(_decode_array(item["__ndarray__"]))
                elif isinstance(item, dict) and set(item) == {"__strings__"}:
                    columns.append(pd.Series(_decode_strings(item["__strings__"]),
                                             dtype=object) if pd is not None else None)
                else:
                    raise ValueError("malformed frame column")
            if pd is None or len(cols) != len(columns) or \
                    len({len(c) for c in columns}) > 1:
                raise ValueError("malformed frame")
            return pd.DataFrame(dict(zip(cols, columns, strict=True)))
        for key in value:
            if type(key) is not str or (key.startswith("__") and key.endswith("__")):
                raise ValueError("malformed mapping")
        return {k: decode(v, _depth + 1) for k, v in value.items()}
    raise ValueError(f"unexpected {type(value).__name__}")


def dumps(value: Any) -> str:
    """Encode and serialise in one step (strict JSON: no NaN literals)."""
    return json.dumps(encode(value), allow_nan=False, separators=(",", ":"))


def _describe(value: Any) -> str:
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    if pd is not None and isinstance(value, pd.DataFrame):
        return f"a table with columns {list(value.columns)}"
    return f"a {type(value).__name__}"


def compare(actual: Any, expected: Any, rtol: float = 1e-6, atol: float = 1e-9) -> str | None:
    """Compare two plain values; return None if they match, else a short reason.

    Both sides must already be plain data (decoded from :func:`encode`).
    The reason never shows the expected value, so it is safe to show learners.
    """
    if isinstance(expected, bool) or expected is None or isinstance(expected, str):
        if type(actual) is not type(expected) or actual != expected:
            return f"got {_describe(actual)} with a different value"
        return None
    if isinstance(expected, (int, float)):
        if isinstance(actual, bool) or not isinstance(actual, (int, float)):
            return f"expected a number, got {_describe(actual)}"
        if math.isnan(expected) and math.isnan(actual):
            return None
        if not math.isclose(actual, expected, rel_tol=rtol, abs_tol=atol):
            return "the number is not the expected value"
        return None
    if isinstance(expected, np.ndarray) or isinstance(expected, list) and isinstance(actual, np.ndarray):
        try:
            got = np.asarray(actual, dtype=float)
            want = np.asarray(expected, dtype=float)
        except (TypeError, ValueError):
            return f"expected an array, got {_describe(actual)}"
        if got.shape != want.shape:
            return f"expected an array of shape {want.shape}, got shape {got.shape}"
        if not np.allclose(got, want, rtol=rtol, atol=atol, equal_nan=True):
            bad = int(np.sum(~np.isclose(got, want, rtol=rtol, atol=atol, equal_nan=True)))
            return f"{bad} of {want.size} values differ from the expected ones"
        return None
    if isinstance(expected, list):
        if not isinstance(actual, list):
            return f"expected a list, got {_describe(actual)}"
        if len(actual) != len(expected):
            return f"expected a list of {len(expected)} items, got {len(actual)}"
        for i, (a, e) in enumerate(zip(actual, expected, strict=True)):
            reason = compare(a, e, rtol, atol)
            if reason:
                return f"item {i}: {reason}"
        return None
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return f"expected a dict, got {_describe(actual)}"
        if set(actual) != set(expected):
            missing = sorted(set(expected) - set(actual))
            extra = sorted(set(actual) - set(expected))
            parts = []
            if missing:
                parts.append(f"missing keys {missing}")
            if extra:
                parts.append(f"unexpected keys {extra}")
            return "; ".join(parts)
        for key in expected:
            reason = compare(actual[key], expected[key], rtol, atol)
            if reason:
                return f"key {key!r}: {reason}"
        return None
    if pd is not None and isinstance(expected, pd.DataFrame):
        if not isinstance(actual, pd.DataFrame):
            return f"expected a table, got {_describe(actual)}"
        if list(actual.columns) != list(expected.columns):
            return f"expected columns {list(expected.columns)}, got {list(actual.columns)}"
        if len(actual) != len(expected):
            return f"expected {len(expected)} rows, got {len(actual)}"
        for col in expected.columns:
            want, got = expected[col], actual[col]
            if _is_text(want) or _is_text(got):
                reason = compare([None if _is_missing(v) else v for v in got.tolist()],
                                 [None if _is_missing(v) else v for v in want.tolist()])
            else:
                reason = compare(got.to_numpy(dtype=float, na_value=np.nan),
                                 want.to_numpy(dtype=float, na_value=np.nan), rtol, atol)
            if reason:
                return f"column {col!r}: {reason}"
        return None
    return f"cannot compare with {_describe(expected)}"


def _is_text(series: Any) -> bool:
    dtype = series.dtype
    return bool(pd.api.types.is_object_dtype(dtype) or pd.api.types.is_string_dtype(dtype)
                or isinstance(dtype, pd.CategoricalDtype))
