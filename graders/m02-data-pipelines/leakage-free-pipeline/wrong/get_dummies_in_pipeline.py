"""pd.get_dummies inside a FunctionTransformer: the dummy columns are those of the batch at
hand, so a batch without some category (a single customer, say) or with a new one has
another number of columns than the model was trained on.

fails: batch-example, batch-independent, unseen-example, unseen-categories
"""

import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer, StandardScaler


def make_pipeline():
    numeric = ["tenure_months", "monthly_charges", "support_calls_90d",
               "days_since_last_login", "age"]
    categorical = ["plan", "region", "payment_method"]
    numeric_steps = Pipeline([("impute", SimpleImputer(strategy="median")),
                              ("scale", StandardScaler())])
    dummies = FunctionTransformer(lambda X: pd.get_dummies(X, dtype=float))
    preprocess = ColumnTransformer(
        [("numeric", numeric_steps, numeric), ("categorical", dummies, categorical)])
    return Pipeline([("preprocess", preprocess), ("model", LogisticRegression(max_iter=1000))])
