"""A correct solution written differently: vectorised pandas string methods for the
normalisation, hmac.digest for the token, and Series.map over the column."""

import hmac

import pandas as pd


def _clean(series, kind):
    text = series.astype(object).where(series.notna(), None)
    if kind == "email":
        text = text.str.strip().str.lower()
    else:
        text = text.str.replace(r"[^0-9]", "", regex=True)
    return text.where(text.str.len() > 0, None)


def normalise(value, kind):
    return _clean(pd.Series([value], dtype=object), kind).iloc[0]


def pseudonym(value, key, kind):
    norm = normalise(value, kind)
    if norm is None:
        return None
    return hmac.digest(key.encode("utf-8"), norm.encode("utf-8"), "sha256").hex()


def pseudonymise(frame, key, columns):
    secret = key.encode("utf-8")
    result = frame.copy(deep=True)
    for name, kind in columns.items():
        clean = _clean(frame[name], kind)
        result[name] = clean.map(
            lambda v: None if v is None else hmac.digest(secret, v.encode("utf-8"), "sha256").hex())
        result[name] = result[name].astype(object).where(result[name].notna(), None)
    return result
