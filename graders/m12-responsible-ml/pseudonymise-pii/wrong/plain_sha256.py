"""pseudonym that hashes the normalised value with plain SHA-256 and ignores the key:
anyone with a list of e-mails or phone numbers can recompute every token.

fails: pseudonym-example, pseudonym-random, frame-reference, keyed
"""

import hashlib


def pseudonym(value, key, kind):
    normalised = normalise(value, kind)  # noqa: F821
    if normalised is None:
        return None
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()
