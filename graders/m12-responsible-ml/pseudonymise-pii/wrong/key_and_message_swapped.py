"""pseudonym that passes the value as the HMAC key and the secret as the message.

fails: pseudonym-example, pseudonym-random, frame-reference
"""

import hashlib
import hmac


def pseudonym(value, key, kind):
    normalised = normalise(value, kind)  # noqa: F821
    if normalised is None:
        return None
    return hmac.new(normalised.encode("utf-8"), key.encode("utf-8"), hashlib.sha256).hexdigest()
