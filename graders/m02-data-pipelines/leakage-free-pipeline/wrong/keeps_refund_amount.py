"""Target leakage: refund_amount is used as a feature. It is written by billing after a
customer cancels, so in the history it nearly is the label (cross-validation looks
superb), and on the scoring date it says nothing about the coming outcome.

fails: holdout-quality, quality-no-leak
"""

from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler


def make_pipeline():
    numeric = ["tenure_months", "monthly_charges", "support_calls_90d",
               "days_since_last_login", "age", "refund_amount"]
    categorical = ["plan", "region", "payment_method"]
    numeric_steps = Pipeline([("impute", SimpleImputer(strategy="median")),
                              ("scale", StandardScaler())])
    preprocess = ColumnTransformer(
        [("numeric", numeric_steps, numeric),
         ("categorical", OneHotEncoder(handle_unknown="ignore"), categorical)])
    return Pipeline([("preprocess", preprocess), ("model", LogisticRegression(max_iter=1000))])
