"""A model on the scorecard's own feature plus the loan purpose: leakage-free and
well built, but it hardly ranks better than debt_to_income alone, so it does not reach
the brief's margin on later months.

fails: pipeline-example, pipeline-margin
"""

from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler


def build_pipeline(C=1.0):
    return Pipeline([
        ("prep", ColumnTransformer([
            ("num", StandardScaler(), ["debt_to_income"]),
            ("cat", OneHotEncoder(handle_unknown="ignore"), ["purpose"]),
        ])),
        ("clf", LogisticRegression(C=C, max_iter=1_000)),
    ])
