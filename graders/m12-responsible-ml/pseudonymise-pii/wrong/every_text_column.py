"""pseudonymise that tokenises every text column "to be safe", including columns nobody
asked for (a city, a phone column not listed), and treats them all as e-mails.

fails: frame-reference
"""

import pandas as pd


def pseudonymise(frame, key, columns):
    out = frame.copy()
    for name in frame.columns:
        if name in columns:
            kind = columns[name]
        elif frame[name].dtype == object or pd.api.types.is_string_dtype(frame[name]):
            kind = "email"
        else:
            continue
        out[name] = [pseudonym(v, key, kind) for v in frame[name].tolist()]  # noqa: F821
    return out
