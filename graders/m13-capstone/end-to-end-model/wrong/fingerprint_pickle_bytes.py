"""The fingerprint is the sha256 of the pickled model. Pickle bytes record how the object
was stored, not only what it computes: a pickle round trip and a refit on the same
applications with the columns in another order both change them.

fails: fingerprint-example, fingerprint-stable
"""

import hashlib
import pickle


def fingerprint_pipeline(pipe):
    return hashlib.sha256(pickle.dumps(pipe)).hexdigest()
