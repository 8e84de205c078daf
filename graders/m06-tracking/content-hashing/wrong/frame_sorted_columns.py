"""Sorts the columns by name "to make the fingerprint canonical": column order is part of the
content (a model fed df.to_numpy() sees swapped features), and it is lost.

fails: frame-example, frame-reference, frame-sensitivity
"""

# canonical_json and the other fingerprint functions are defined by the notebook.
# ruff: noqa: F821

import hashlib

import numpy as np
import pandas as pd


def fingerprint_frame(df):
    df = df[sorted(df.columns, key=str)]
    names, labels, digests = [], [], []
    for i in range(df.shape[1]):
        col = df.iloc[:, i]
        names.append(str(df.columns[i]))
        if isinstance(col.dtype, np.dtype) and col.dtype.kind in "biuf":
            labels.append(col.dtype.name)
            digests.append(fingerprint_array(col.to_numpy()))
        else:
            labels.append("text")
            cells = [None if pd.isna(v) else str(v) for v in col.tolist()]
            digests.append(hashlib.sha256(canonical_json(cells)).hexdigest())
    state = {"columns": names, "dtypes": labels, "values": digests}
    return hashlib.sha256(canonical_json(state)).hexdigest()
