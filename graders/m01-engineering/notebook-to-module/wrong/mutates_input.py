"""Right values, but the cleaning is written back into the caller's frame.

The notebook habit df["amount"] = df["amount"].fillna(0)... survives the
refactoring: the returned features are correct, and the caller's frame has
silently lost its missing, negative and large amounts.

fails: input-unchanged
"""

import numpy as np
import pandas as pd


def build_features(frame: pd.DataFrame, config: FeatureConfig) -> pd.DataFrame:  # noqa: F821
    """Order features of `frame` under `config` (cleans frame["amount"] in place)."""
    missing = [name for name in REQUIRED_COLUMNS if name not in frame.columns]  # noqa: F821
    if missing:
        raise ValueError(f"missing required columns: {missing}")
    frame["amount"] = frame["amount"].astype(float).fillna(0.0).clip(0.0, config.amount_cap)
    n_items = frame["n_items"]
    hour = frame["hour"]
    if config.night_start <= config.night_end:
        night = (hour >= config.night_start) & (hour < config.night_end)
    else:
        night = (hour >= config.night_start) | (hour < config.night_end)
    return pd.DataFrame({
        "amount": frame["amount"],
        "log_amount": np.log1p(frame["amount"]),
        "amount_per_item": (frame["amount"] / n_items.where(n_items != 0)).fillna(0.0),
        "is_night": night.astype("int64"),
        "country": frame["country"].where(frame["country"].isin(config.known_countries),
                                          config.other_label),
    }, index=frame.index)
