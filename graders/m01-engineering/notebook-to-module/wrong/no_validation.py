"""No validation: a missing column surfaces as pandas' KeyError from deep inside.

KeyError: 'hour' does name the column, but it is the wrong kind of error: it
says "a lookup failed somewhere" rather than "your input is invalid", callers
cannot tell it from a bug in the function, and it names only the first
missing column the code happens to touch.

fails: missing-columns
"""

import numpy as np
import pandas as pd


def build_features(frame: pd.DataFrame, config: FeatureConfig) -> pd.DataFrame:  # noqa: F821
    """Order features of `frame` under `config`."""
    amount = frame["amount"].astype(float).fillna(0.0).clip(0.0, config.amount_cap)
    n_items = frame["n_items"]
    hour = frame["hour"]
    if config.night_start <= config.night_end:
        night = (hour >= config.night_start) & (hour < config.night_end)
    else:
        night = (hour >= config.night_start) | (hour < config.night_end)
    return pd.DataFrame({
        "amount": amount,
        "log_amount": np.log1p(amount),
        "amount_per_item": (amount / n_items.where(n_items != 0)).fillna(0.0),
        "is_night": night.astype("int64"),
        "country": frame["country"].where(frame["country"].isin(config.known_countries),
                                          config.other_label),
    }, index=frame.index)
