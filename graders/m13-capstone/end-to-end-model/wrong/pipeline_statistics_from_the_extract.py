"""Standardisation with means and standard deviations computed once on the notebook's
whole extract (2024 included) and frozen into the pipeline: fit never updates them.
Retrained on data that record amounts in thousands of euros, the pipeline still divides
by the old numbers, and the regularised model changes.

fails: pipeline-example, pipeline-fit-statistics
"""

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder

_EXTRACT_MEAN = applications[NUMERIC].mean().to_numpy(dtype=float)  # noqa: F821
_EXTRACT_STD = applications[NUMERIC].std().to_numpy(dtype=float)  # noqa: F821


class ExtractScaler(TransformerMixin, BaseEstimator):
    """Standardise with the extract's statistics."""

    def fit(self, X, y=None):
        self.mean_, self.scale_ = _EXTRACT_MEAN, _EXTRACT_STD
        return self

    def transform(self, X):
        return (np.asarray(X, dtype=float) - self.mean_) / self.scale_


def build_pipeline(C=1.0):
    return Pipeline([
        ("prep", ColumnTransformer([
            ("num", ExtractScaler(), NUMERIC),  # noqa: F821
            ("cat", OneHotEncoder(handle_unknown="ignore"), CATEGORICAL),  # noqa: F821
        ])),
        ("clf", LogisticRegression(C=C, max_iter=1_000)),
    ])
