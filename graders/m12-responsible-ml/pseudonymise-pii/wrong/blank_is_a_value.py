"""normalise that returns '' for a blank value instead of None, so every blank e-mail and
every phone placeholder gets one shared token: a fake customer that joins them all.

fails: normalise-random, pseudonym-random, frame-reference, joins
"""

import math


def normalise(value, kind):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if kind == "email":
        return value.strip().lower()
    return "".join(ch for ch in value if ch in "0123456789")
