"""A correct solution that builds HMAC-SHA256 from hashlib.sha256 as RFC 2104 defines it
(inner and outer padded keys), normalises with filter(), and builds the result as a
new DataFrame column by column."""

import hashlib
import math
import string

import pandas as pd

_BLOCK = 64  # SHA-256 block size in bytes


def _hmac_sha256(key: bytes, message: bytes) -> str:
    if len(key) > _BLOCK:
        key = hashlib.sha256(key).digest()
    key = key.ljust(_BLOCK, b"\0")
    inner = hashlib.sha256(bytes(b ^ 0x36 for b in key) + message).digest()
    return hashlib.sha256(bytes(b ^ 0x5C for b in key) + inner).hexdigest()


def normalise(value, kind):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if kind == "email":
        text = value.strip().lower()
    elif kind == "phone":
        text = "".join(filter(lambda ch: ch in string.digits, value))
    else:
        raise ValueError(kind)
    return text if text else None


def pseudonym(value, key, kind):
    norm = normalise(value, kind)
    return None if norm is None else _hmac_sha256(key.encode("utf-8"), norm.encode("utf-8"))


def pseudonymise(frame, key, columns):
    data = {}
    for name in frame.columns:
        if name in columns:
            data[name] = pd.Series([pseudonym(v, key, columns[name]) for v in frame[name]],
                                   dtype=object)
        else:
            data[name] = frame[name].reset_index(drop=True)
    return pd.DataFrame(data)
