"""sign_manifest as sha256(key + message), a home-made keyed hash instead of HMAC.

fails: sign-example, sign-random, verify-example, verify-scenarios, load-guard
"""

import hashlib
import json


def sign_manifest(manifest, key):
    message = json.dumps(manifest, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256((key + message).encode("utf-8")).hexdigest()
