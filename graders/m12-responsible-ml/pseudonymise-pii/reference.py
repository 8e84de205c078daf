"""Oracle for pseudonymise-pii. Runs only in the grader, never in a sandbox.

Conventions (the notebook states them to the learner):

* missing means None or a float nan; a value that is empty after normalisation is
  missing too (a blank is not a person);
* ``email``: surrounding whitespace stripped (``str.strip()``), then ``str.lower()``;
* ``phone``: only the ASCII digits 0-9 are kept, in order;
* token = HMAC-SHA256 with the key (UTF-8) as the key and the normalised value (UTF-8)
  as the message, as 64 lowercase hex characters.
"""

from __future__ import annotations

import hashlib
import hmac
import math

import pandas as pd

DIGITS = "0123456789"


def is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def normalise(value, kind):
    """The canonical form of one value, or None when it is missing or blank."""
    if is_missing(value):
        return None
    if kind == "email":
        out = value.strip().lower()
    elif kind == "phone":
        out = "".join(ch for ch in value if ch in DIGITS)
    else:
        raise ValueError(f"unknown kind {kind!r}")
    return out or None


def pseudonym(value, key, kind):
    """HMAC-SHA256(key, normalised value) as hex; None for a missing value."""
    norm = normalise(value, kind)
    if norm is None:
        return None
    return hmac.new(key.encode("utf-8"), norm.encode("utf-8"), hashlib.sha256).hexdigest()


def pseudonymise(frame, key, columns):
    """A new frame: the columns named in *columns* (name -> kind) replaced by tokens."""
    out = frame.copy()
    for name, kind in columns.items():
        out[name] = pd.Series([pseudonym(v, key, kind) for v in frame[name].tolist()],
                              index=frame.index, dtype=object)
    return out
