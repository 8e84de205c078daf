"""A hand-written scaler that refits in transform "to stay up to date": every batch is
standardised with its own mean and standard deviation, so a customer's features depend on
who else is scored with them, and a batch of one row has no spread at all.

fails: batch-example, batch-independent
"""

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder


class RefittingScaler(TransformerMixin, BaseEstimator):
    def fit(self, X, y=None):
        X = np.asarray(X, dtype=float)
        self.mean_ = X.mean(axis=0)
        self.scale_ = X.std(axis=0)
        return self

    def transform(self, X):
        self.fit(X)  # the bug: statistics of the batch being transformed
        return (np.asarray(X, dtype=float) - self.mean_) / self.scale_


def make_pipeline():
    numeric = ["tenure_months", "monthly_charges", "support_calls_90d",
               "days_since_last_login", "age"]
    categorical = ["plan", "region", "payment_method"]
    numeric_steps = Pipeline([("impute", SimpleImputer(strategy="median")),
                              ("scale", RefittingScaler())])
    preprocess = ColumnTransformer(
        [("numeric", numeric_steps, numeric),
         ("categorical", OneHotEncoder(handle_unknown="ignore"), categorical)])
    return Pipeline([("preprocess", preprocess), ("model", LogisticRegression(max_iter=1000))])
