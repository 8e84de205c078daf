"""Validation that stops at the first missing column.

With two columns missing, the caller fixes one, runs again, and only then hears
about the second: an error message should report everything that is wrong.

fails: missing-columns
"""

import pandas as pd

_model_build_features = build_features  # noqa: F821 - the model solution's function


def build_features(frame: pd.DataFrame, config: FeatureConfig) -> pd.DataFrame:  # noqa: F821
    """Order features of `frame` under `config`; raises ValueError on a missing column."""
    for name in ("amount", "n_items", "hour", "country"):
        if name not in frame.columns:
            raise ValueError(f"missing required column: {name}")
    return _model_build_features(frame, config)
