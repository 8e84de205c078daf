"""Missing ages filled by a FunctionTransformer with the median of the data it is given.
FunctionTransformer is stateless: in fit that is the training median, at prediction time
it is the median of whatever batch arrives (and of a single row with no age: nothing).

fails: batch-example, batch-independent
"""

from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler


def make_pipeline():
    numeric = ["tenure_months", "monthly_charges", "support_calls_90d",
               "days_since_last_login", "age"]
    categorical = ["plan", "region", "payment_method"]
    numeric_steps = Pipeline([
        ("impute", FunctionTransformer(lambda X: X.fillna(X.median()))),
        ("scale", StandardScaler()),
    ])
    preprocess = ColumnTransformer(
        [("numeric", numeric_steps, numeric),
         ("categorical", OneHotEncoder(handle_unknown="ignore"), categorical)])
    return Pipeline([("preprocess", preprocess), ("model", LogisticRegression(max_iter=1000))])
