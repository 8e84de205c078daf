"""normalise that lower-cases e-mail addresses but keeps surrounding whitespace.

fails: email-example, normalise-random, pseudonym-example, pseudonym-random, frame-reference, joins
"""

import math


def normalise(value, kind):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    digits = "".join(ch for ch in value if ch in "0123456789")
    text = value.lower() if kind == "email" else digits
    return text if text.strip() else None
