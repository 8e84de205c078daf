"""Right values, but computed in place on the caller's frame: after clean(raw), raw is
no longer the raw extract (sorted, de-duplicated, ages already numbers).

fails: clean-no-mutation
"""

import pandas as pd


def clean(frame):
    frame["_updated"] = pd.to_datetime(frame["updated_at"], format="%Y-%m-%d %H:%M:%S")
    frame.sort_values(["customer_id", "_updated"], kind="stable", inplace=True)
    frame.drop_duplicates("customer_id", keep="last", inplace=True)
    frame.drop(columns="_updated", inplace=True)
    age = pd.to_numeric(frame["age"].str.strip(), errors="coerce")
    frame["age"] = age.where(age.between(18, 100)).astype(float)
    segment = frame["segment"].str.strip().str.lower()
    frame["segment"] = segment.where(segment.notna() & (segment != ""), "unknown")
    frame["age_missing"] = frame["age"].isna().astype(int)
    columns = ["customer_id", "segment", "age", "age_missing", "tenure_days", "n_orders",
               "revenue"]
    return frame[columns].reset_index(drop=True)
