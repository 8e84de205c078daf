"""recovery_amount fed to the model as one more number. In the warehouse it is filled in
by collections after a default, so the later months' ROC-AUC looks spectacular, but the
predictions move when the column changes, and at application time it does not exist.

fails: pipeline-example, pipeline-no-leak
"""

from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler


def build_pipeline(C=1.0):
    return Pipeline([
        ("prep", ColumnTransformer([
            ("num", StandardScaler(), NUMERIC + ["recovery_amount"]),  # noqa: F821
            ("cat", OneHotEncoder(handle_unknown="ignore"), CATEGORICAL),  # noqa: F821
        ])),
        ("clf", LogisticRegression(C=C, max_iter=1_000)),
    ])
