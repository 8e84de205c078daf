"""amount_per_item divided without handling n_items == 0.

pandas does not raise on a division by zero: it returns inf (or NaN for 0 / 0),
which then flows silently into the model.

fails: default-example, custom-example, default-config, custom-config
"""

import pandas as pd

_model_build_features = build_features  # noqa: F821 - the model solution's function


def build_features(frame: pd.DataFrame, config: FeatureConfig) -> pd.DataFrame:  # noqa: F821
    """Order features of `frame` under `config`."""
    out = _model_build_features(frame, config)
    out["amount_per_item"] = out["amount"] / frame["n_items"]
    return out
