"""Correct behaviour, but no type hints and no docstring.

Nothing tells a caller (or mypy, or an IDE) that `frame` is a DataFrame and
`config` a FeatureConfig, or what comes back.

fails: typed-and-documented
"""

_model_build_features = build_features  # noqa: F821 - the model solution's function


def build_features(frame, config):
    return _model_build_features(frame, config)
