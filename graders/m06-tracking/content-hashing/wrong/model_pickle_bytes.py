"""Hashes the model's pickle. A pickle records how the object was built (the order its
attributes were set, the library version), so the same model built another way gets another
fingerprint, and it never matches the specified format.

fails: model-example, model-reference, model-sensitivity, find-version-example, find-version
"""

import hashlib
import pickle


def fingerprint_model(model):
    return hashlib.sha256(pickle.dumps(model)).hexdigest()
