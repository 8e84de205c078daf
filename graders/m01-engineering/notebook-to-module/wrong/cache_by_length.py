"""Results memoised in a module-level dict keyed on (len(frame), config).

The idea was to skip recomputation when the pipeline calls build_features twice
on the same batch, but the key does not identify the data: any later batch of
the same length gets the first batch's features back.

fails: repeatable
"""

import pandas as pd

_model_build_features = build_features  # noqa: F821 - the model solution's function
_CACHE: dict = {}


def build_features(frame: pd.DataFrame, config: FeatureConfig) -> pd.DataFrame:  # noqa: F821
    """Order features of `frame` under `config` (memoised)."""
    key = (len(frame), config)
    if key not in _CACHE:
        _CACHE[key] = _model_build_features(frame, config)
    return _CACHE[key].copy()
