"""pseudonymise that builds one token per row from all its PII values together ("a
customer key") and writes it into every PII column: a row whose phone changed no longer
joins on its e-mail.

fails: frame-reference, joins
"""

import hashlib
import hmac


def pseudonymise(frame, key, columns):
    out = frame.copy()
    tokens = []
    for _, row in frame.iterrows():
        parts = [normalise(row[name], kind) for name, kind in columns.items()]  # noqa: F821
        if all(p is None for p in parts):
            tokens.append(None)
            continue
        message = "|".join(p or "" for p in parts).encode("utf-8")
        tokens.append(hmac.new(key.encode("utf-8"), message, hashlib.sha256).hexdigest())
    for name in columns:
        out[name] = tokens
    return out
