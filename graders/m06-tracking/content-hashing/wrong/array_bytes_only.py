"""Hashes only the raw bytes: float zeros and int zeros, or a (6,) and a (2, 3) array with
the same values, get the same fingerprint. Frames and models build on fingerprint_array, so
their comparisons with the reference fail too.

fails: array-example, array-reference, array-sensitivity, frame-example, frame-reference, model-example, model-reference
"""

import hashlib

import numpy as np


def fingerprint_array(a):
    return hashlib.sha256(np.asarray(a).tobytes()).hexdigest()
