"""OneHotEncoder with its default handle_unknown='error': the first customer with a new
plan, region or payment method crashes the scoring job.

fails: unseen-example, unseen-categories
"""

from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler


def make_pipeline():
    numeric = ["tenure_months", "monthly_charges", "support_calls_90d",
               "days_since_last_login", "age"]
    categorical = ["plan", "region", "payment_method"]
    numeric_steps = Pipeline([("impute", SimpleImputer(strategy="median")),
                              ("scale", StandardScaler())])
    preprocess = ColumnTransformer(
        [("numeric", numeric_steps, numeric),
         ("categorical", OneHotEncoder(), categorical)])
    return Pipeline([("preprocess", preprocess), ("model", LogisticRegression(max_iter=1000))])
