"""Errors caught and turned into an empty result "so the pipeline keeps running".

The batch with a broken schema produces no features and no error; downstream,
a model scores zero rows and nobody is told why.

fails: missing-columns
"""

import pandas as pd

_model_build_features = build_features  # noqa: F821 - the model solution's function


def build_features(frame: pd.DataFrame, config: FeatureConfig) -> pd.DataFrame:  # noqa: F821
    """Order features of `frame` under `config` (an empty frame if something is wrong)."""
    try:
        return _model_build_features(frame, config)
    except (KeyError, ValueError) as exc:
        print(f"warning: could not build features: {exc}")
        return pd.DataFrame(columns=["amount", "log_amount", "amount_per_item", "is_night",
                                     "country"])
