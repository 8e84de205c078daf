"""pseudonym that adds a fresh random salt to every value, as one would when storing
passwords: the same customer gets a different token on every run.

fails: pseudonym-example, pseudonym-random, frame-reference, keyed, joins
"""

import hashlib
import hmac
import secrets


def pseudonym(value, key, kind):
    normalised = normalise(value, kind)  # noqa: F821
    if normalised is None:
        return None
    salt = secrets.token_hex(8)
    digest = hmac.new(key.encode("utf-8"), (salt + normalised).encode("utf-8"), hashlib.sha256)
    return digest.hexdigest()
