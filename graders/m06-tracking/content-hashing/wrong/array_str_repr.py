"""Hashes the printed form of the array: str(a) rounds every value to 8 significant digits
and shows only the corners of arrays with more than 1,000 values. Frames and models build on
fingerprint_array: a coefficient changed in its last digit goes unseen, so a near-duplicate
model passes for a registered version.

fails: array-example, array-reference, array-sensitivity, frame-example, frame-reference, model-example, model-reference, model-sensitivity, find-version
"""

import hashlib

import numpy as np


def fingerprint_array(a):
    return hashlib.sha256(str(np.asarray(a)).encode("utf-8")).hexdigest()
