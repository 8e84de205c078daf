"""Preprocessing fitted once on all the data in the notebook, before any split, and
wrapped into the pipeline as a fixed function: its medians, means and scales are
constants that fit never updates - on the public files they even include the rows later
used for testing. Retrained on another market's data, the pipeline keeps the old numbers.

fails: learns-from-training
"""

import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler

_everything = pd.concat([pd.read_csv("data/churn_history.csv"),
                         pd.read_csv("data/churn_holdout.csv")], ignore_index=True)
_prepared = ColumnTransformer(
    [("numeric", Pipeline([("impute", SimpleImputer(strategy="median")),
                           ("scale", StandardScaler())]),
      ["tenure_months", "monthly_charges", "support_calls_90d", "days_since_last_login",
       "age"]),
     ("categorical", OneHotEncoder(handle_unknown="ignore"),
      ["plan", "region", "payment_method"])]).fit(_everything)


def make_pipeline():
    return Pipeline([("preprocess", FunctionTransformer(_prepared.transform)),
                     ("model", LogisticRegression(max_iter=1000))])
