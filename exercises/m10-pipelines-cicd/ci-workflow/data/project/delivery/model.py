"""The late-delivery model."""

from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from delivery.features import add_features

NUMERIC = ["distance_km", "is_rush_hour", "is_long_distance", "value_per_km"]
CATEGORICAL = ["city"]
FEATURES = NUMERIC + CATEGORICAL
LABEL = "late"


def train(orders):
    """Fit the model on labelled orders."""
    frame = add_features(orders)
    model = make_pipeline(
        ColumnTransformer([
            ("numeric", StandardScaler(), [f for f in FEATURES if f in NUMERIC]),
            ("categorical", OneHotEncoder(handle_unknown="ignore"),
             [f for f in FEATURES if f in CATEGORICAL]),
        ]),
        LogisticRegression(max_iter=1000),
    )
    return model.fit(frame[FEATURES], frame[LABEL])


def predict_proba(model, orders):
    """Probability that each order is delivered late."""
    return model.predict_proba(add_features(orders)[FEATURES])[:, 1]
