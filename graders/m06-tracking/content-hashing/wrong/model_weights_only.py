"""Treats "the weights are the model": hashes coef_ and intercept_ but not the class or the
hyperparameters, so a Ridge with another alpha (or a LinearRegression) with the same weights
looks identical.

fails: model-example, model-reference, model-sensitivity, find-version-example, find-version
"""

# canonical_json and the other fingerprint functions are defined by the notebook.
# ruff: noqa: F821

import hashlib

import numpy as np


def fingerprint_model(model):
    state = {"coef": fingerprint_array(np.asarray(model.coef_)),
             "intercept": fingerprint_array(np.asarray(model.intercept_))}
    return hashlib.sha256(canonical_json(state)).hexdigest()
