"""keep='last' without sorting by time: the last row in the frame's current order wins.
Right on the public example (which comes in extract order), wrong on shuffled input.

fails: clean-duplicates
"""

import pandas as pd


def clean(frame):
    latest = frame.drop_duplicates("customer_id", keep="last").sort_values("customer_id")
    age = pd.to_numeric(latest["age"].str.strip(), errors="coerce")
    age = age.where(age.between(18, 100))
    segment = latest["segment"].str.strip().str.lower()
    segment = segment.where(segment.notna() & (segment != ""), "unknown")
    return pd.DataFrame({
        "customer_id": latest["customer_id"],
        "segment": segment,
        "age": age.astype(float),
        "age_missing": age.isna().astype(int),
        "tenure_days": latest["tenure_days"],
        "n_orders": latest["n_orders"],
        "revenue": latest["revenue"],
    }).reset_index(drop=True)
