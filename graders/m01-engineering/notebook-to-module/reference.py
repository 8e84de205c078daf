"""Oracle for notebook-to-module. Runs only in the grader, never in a sandbox.

The checks call the notebook's adapter ``build_from_plain(data, config)``, which
builds ``FeatureConfig(**config)`` and calls the learner's ``build_features``.
``build_from_plain`` here gives what that call must return, for the same plain
inputs: ``config`` holds only the fields that differ from the defaults.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

REQUIRED = ("amount", "n_items", "hour", "country")
OUTPUT = ("amount", "log_amount", "amount_per_item", "is_night", "country")
DEFAULTS: dict[str, Any] = {
    "amount_cap": 5000.0,
    "night_start": 22,
    "night_end": 6,
    "known_countries": ("DE", "FR", "GB", "NL", "US"),
    "other_label": "other",
}


def missing_columns(frame: pd.DataFrame) -> list[str]:
    return [name for name in REQUIRED if name not in frame.columns]


def build_features(frame: pd.DataFrame, config: dict[str, Any]) -> pd.DataFrame:
    """The specified features of *frame* under *config* (defaults for absent fields)."""
    cfg = {**DEFAULTS, **config}
    missing = missing_columns(frame)
    if missing:
        raise ValueError(f"missing required columns: {missing}")
    amount = frame["amount"].astype(float).fillna(0.0).clip(0.0, float(cfg["amount_cap"]))
    n_items = frame["n_items"].astype(float)
    per_item = (amount / n_items.where(n_items != 0)).fillna(0.0)
    hour = frame["hour"]
    start, end = cfg["night_start"], cfg["night_end"]
    wraps = start > end  # e.g. 22 to 6: the window runs past midnight
    night = ((hour >= start) | (hour < end)) if wraps else ((hour >= start) & (hour < end))
    country = frame["country"].astype(object)
    known = country.isin(list(cfg["known_countries"])) & country.notna()
    return pd.DataFrame({
        "amount": amount,
        "log_amount": np.log1p(amount),
        "amount_per_item": per_item,
        "is_night": night.astype("int64"),
        "country": country.where(known, cfg["other_label"]),
    }, index=frame.index)


def build_from_plain(data: Any, config: dict[str, Any]) -> pd.DataFrame:
    frame = data if isinstance(data, pd.DataFrame) else pd.DataFrame(data)
    return build_features(frame, config)
