"""The fingerprint hashes the pipeline's parameters (get_params): another C changes it,
but a model trained on other rows has the same parameters and so the same fingerprint,
although it computes something else.

fails: fingerprint-example, fingerprint-sensitive
"""

import hashlib
import json


def fingerprint_pipeline(pipe):
    params = json.dumps(pipe.get_params(deep=True), sort_keys=True, default=str)
    return hashlib.sha256(params.encode("utf-8")).hexdigest()
