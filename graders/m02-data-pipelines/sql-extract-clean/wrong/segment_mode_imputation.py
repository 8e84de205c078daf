"""A missing segment filled with the most frequent segment of the whole table: a
statistic learned during cleaning, on rows that include the future test set.

fails: clean-example, clean-values, clean-no-statistics
"""

import pandas as pd


def clean(frame):
    updated = pd.to_datetime(frame["updated_at"], format="%Y-%m-%d %H:%M:%S")
    latest = (frame.assign(_updated=updated)
                   .sort_values(["customer_id", "_updated"], kind="stable")
                   .drop_duplicates("customer_id", keep="last"))
    age = pd.to_numeric(latest["age"].str.strip(), errors="coerce")
    age = age.where(age.between(18, 100))
    segment = latest["segment"].str.strip().str.lower()
    segment = segment.where(segment.notna() & (segment != ""))
    segment = segment.fillna(segment.mode().iloc[0])
    return pd.DataFrame({
        "customer_id": latest["customer_id"],
        "segment": segment,
        "age": age.astype(float),
        "age_missing": age.isna().astype(int),
        "tenure_days": latest["tenure_days"],
        "n_orders": latest["n_orders"],
        "revenue": latest["revenue"],
    }).reset_index(drop=True)
