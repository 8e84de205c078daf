"""The notebook's vocabulary kept: the five most frequent countries of the batch.

In training that was the top five of a million orders; at serving time it is the
top five of whatever batch arrives, so the same country is kept in one request
and mapped to "other" in the next (training/serving skew). known_countries is ignored.

fails: default-example, custom-example, default-config, custom-config
"""

import pandas as pd

_model_build_features = build_features  # noqa: F821 - the model solution's function


def build_features(frame: pd.DataFrame, config: FeatureConfig) -> pd.DataFrame:  # noqa: F821
    """Order features of `frame` under `config`."""
    out = _model_build_features(frame, config)
    top = frame["country"].value_counts().index[:5]
    out["country"] = frame["country"].where(frame["country"].isin(top), config.other_label)
    return out
