"""A correct solution with another model family: histogram gradient boosting, which
handles missing ages natively, on ordinal-encoded categories (unseen ones map to -1).
Tree splits do not care about units, so no scaler is needed."""

import numpy as np
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OrdinalEncoder


def make_pipeline():
    numeric = ["tenure_months", "monthly_charges", "support_calls_90d",
               "days_since_last_login", "age"]
    categorical = ["plan", "region", "payment_method"]
    encode = OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1,
                            dtype=np.float64)
    preprocess = ColumnTransformer(
        [("numeric", "passthrough", numeric), ("categorical", encode, categorical)],
        remainder="drop")
    model = HistGradientBoostingClassifier(learning_rate=0.05, max_iter=150, max_depth=3,
                                           random_state=0)
    return Pipeline([("preprocess", preprocess), ("model", model)])
