"""normalise that only removes spaces from phone numbers, so '+44 20-7946' and
'(44) 20.7946' stay different strings.

fails: phone-example, normalise-random, pseudonym-random, frame-reference, joins
"""

import math


def normalise(value, kind):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = value.strip().lower() if kind == "email" else value.replace(" ", "").strip()
    return text or None
