"""A correct solution written differently: the array's buffer hashed through a memoryview of a
C-contiguous copy, text digests through Series.where for the missing values, and find_version as
a lookup table built from the last version to the first (so the earliest one wins)."""

# canonical_json and the other fingerprint functions are defined by the notebook.
# ruff: noqa: F821

import hashlib

import numpy as np


def fingerprint_array(a):
    a = np.asarray(a)
    if a.dtype == object:
        raise TypeError("object arrays cannot be fingerprinted")
    header = canonical_json({"shape": [int(n) for n in a.shape], "dtype": a.dtype.str})
    body = memoryview(np.ascontiguousarray(a).reshape(-1).view(np.uint8))
    return hashlib.sha256(b"".join([header, b"\n", body])).hexdigest()


def _column_digest(col):
    if isinstance(col.dtype, np.dtype) and np.issubdtype(col.dtype, np.number) \
            and col.dtype.kind != "c" or col.dtype == np.bool_:
        return col.dtype.name, fingerprint_array(col.to_numpy(copy=True))
    kept = col.astype(object).where(col.notna(), None)  # Series.map would turn None into NaN
    cells = [v if v is None else str(v) for v in kept.tolist()]
    return "text", hashlib.sha256(canonical_json(cells)).hexdigest()


def fingerprint_frame(df):
    parts = [_column_digest(df.iloc[:, i]) for i in range(df.shape[1])]
    return hashlib.sha256(canonical_json({
        "columns": [str(c) for c in df.columns],
        "dtypes": [label for label, _ in parts],
        "values": [digest for _, digest in parts],
    })).hexdigest()


def fingerprint_model(model):
    return hashlib.sha256(canonical_json({
        "class": type(model).__name__,
        "coef": fingerprint_array(model.coef_),
        "intercept": fingerprint_array(model.intercept_),
        "params": model.get_params(),
    })).hexdigest()


def find_version(model, registered):
    first = {fp: version for version, fp in reversed(list(enumerate(registered, start=1)))}
    return first.get(fingerprint_model(model))
