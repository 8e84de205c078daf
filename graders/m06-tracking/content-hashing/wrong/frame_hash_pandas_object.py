"""Hashes pandas' own row hashes (pd.util.hash_pandas_object): deterministic, but they cover
the values only, so renaming a column leaves the fingerprint unchanged.

fails: frame-example, frame-reference, frame-sensitivity
"""

import hashlib

import pandas as pd


def fingerprint_frame(df):
    rows = pd.util.hash_pandas_object(df, index=False).to_numpy()
    return hashlib.sha256(rows.tobytes()).hexdigest()
