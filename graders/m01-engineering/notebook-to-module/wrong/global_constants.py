"""The magic numbers moved into module-level constants instead of the config.

It reads better than the notebook, and with the default configuration it is
right, but a FeatureConfig with another cap, night window, vocabulary or label
changes nothing: the function still reads the globals.

fails: custom-example, custom-config
"""

import numpy as np
import pandas as pd

AMOUNT_CAP = 5000.0
NIGHT_START, NIGHT_END = 22, 6
KNOWN_COUNTRIES = ("DE", "FR", "GB", "NL", "US")
OTHER = "other"


def build_features(frame: pd.DataFrame, config: FeatureConfig) -> pd.DataFrame:  # noqa: F821
    """Order features (reads module constants; `config` is accepted but unused)."""
    missing = [name for name in REQUIRED_COLUMNS if name not in frame.columns]  # noqa: F821
    if missing:
        raise ValueError(f"missing required columns: {missing}")
    amount = frame["amount"].astype(float).fillna(0.0).clip(0.0, AMOUNT_CAP)
    n_items = frame["n_items"]
    hour = frame["hour"]
    return pd.DataFrame({
        "amount": amount,
        "log_amount": np.log1p(amount),
        "amount_per_item": (amount / n_items.where(n_items != 0)).fillna(0.0),
        "is_night": ((hour >= NIGHT_START) | (hour < NIGHT_END)).astype("int64"),
        "country": frame["country"].where(frame["country"].isin(KNOWN_COUNTRIES), OTHER),
    }, index=frame.index)
