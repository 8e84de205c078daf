"""The night window always treated as wrapping past midnight.

hour >= night_start or hour < night_end is right for the default 22-6, but a
window such as 1-5 then covers every hour of the day.

fails: custom-example, custom-config
"""

import pandas as pd

_model_build_features = build_features  # noqa: F821 - the model solution's function


def build_features(frame: pd.DataFrame, config: FeatureConfig) -> pd.DataFrame:  # noqa: F821
    """Order features of `frame` under `config`."""
    out = _model_build_features(frame, config)
    hour = frame["hour"]
    out["is_night"] = ((hour >= config.night_start) | (hour < config.night_end)).astype("int64")
    return out
