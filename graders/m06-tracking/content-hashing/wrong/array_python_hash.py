"""Uses Python's built-in hash() on the canonical bytes and dresses it up as sha256. hash()
of bytes and str is salted per process (PYTHONHASHSEED), so the same array gets another
fingerprint in the next process: it never agrees with fingerprints computed elsewhere (within
one process it looks perfectly consistent). Frames and models build on fingerprint_array, so
their comparisons with the reference fail too.

fails: array-example, array-reference, frame-example, frame-reference, model-example, model-reference
"""

# canonical_json and the other fingerprint functions are defined by the notebook.
# ruff: noqa: F821

import hashlib

import numpy as np


def fingerprint_array(a):
    a = np.asarray(a)
    header = canonical_json({"dtype": a.dtype.str, "shape": list(a.shape)})
    salted = hash(header + b"\n" + a.tobytes())
    return hashlib.sha256(str(salted).encode("ascii")).hexdigest()
