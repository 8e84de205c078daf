"""Turns every text cell into a string with str(v), missing values included: None becomes the
text 'None' (and NaN 'nan'), indistinguishable from a real value spelled that way.

fails: frame-example, frame-reference, frame-sensitivity
"""

# canonical_json and the other fingerprint functions are defined by the notebook.
# ruff: noqa: F821

import hashlib

import numpy as np


def fingerprint_frame(df):
    names, labels, digests = [], [], []
    for i in range(df.shape[1]):
        col = df.iloc[:, i]
        names.append(str(df.columns[i]))
        if isinstance(col.dtype, np.dtype) and col.dtype.kind in "biuf":
            labels.append(col.dtype.name)
            digests.append(fingerprint_array(col.to_numpy()))
        else:
            labels.append("text")
            cells = [str(v) for v in col.tolist()]
            digests.append(hashlib.sha256(canonical_json(cells)).hexdigest())
    state = {"columns": names, "dtypes": labels, "values": digests}
    return hashlib.sha256(canonical_json(state)).hexdigest()
