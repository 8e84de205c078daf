"""pseudonym that tokenises the raw value as typed: the same customer typed with other
capitals, spaces or phone separators becomes another token, and joins lose them.

fails: pseudonym-example, pseudonym-random, frame-reference, joins
"""

import hashlib
import hmac
import math


def pseudonym(value, key, kind):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if normalise(value, kind) is None:  # noqa: F821 - blanks still count as missing
        return None
    return hmac.new(key.encode("utf-8"), value.encode("utf-8"), hashlib.sha256).hexdigest()
