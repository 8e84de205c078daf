"""sign_manifest over json.dumps(manifest) with the default key order and separators: the same
manifest parsed or built in another order gets another signature.

fails: sign-example, sign-random, verify-example, verify-scenarios, load-guard
"""

import hashlib
import hmac
import json


def sign_manifest(manifest, key):
    return hmac.new(key.encode("utf-8"), json.dumps(manifest).encode("utf-8"),
                    hashlib.sha256).hexdigest()
