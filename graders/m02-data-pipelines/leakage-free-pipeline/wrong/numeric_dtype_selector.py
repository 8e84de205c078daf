"""Columns chosen by dtype: "every numeric column" quietly includes refund_amount, the
column billing fills in after a customer leaves.

fails: holdout-quality, quality-no-leak
"""

from sklearn.compose import ColumnTransformer, make_column_selector
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler


def make_pipeline():
    numeric_steps = Pipeline([("impute", SimpleImputer(strategy="median")),
                              ("scale", StandardScaler())])
    preprocess = ColumnTransformer(
        [("numeric", numeric_steps, make_column_selector(dtype_include="number")),
         ("categorical", OneHotEncoder(handle_unknown="ignore"),
          make_column_selector(dtype_exclude="number"))])
    return Pipeline([("preprocess", preprocess), ("model", LogisticRegression(max_iter=1000))])
