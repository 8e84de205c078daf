"""The oracle for dockerfile-model-server: the seeded model the grader bakes into each
build context, the hidden rows it sends, and the probabilities the server must answer."""

from __future__ import annotations

import numpy as np

FEATURES = ["tenure", "monthly_charges", "support_calls", "late_payments"]


def seeded_model(rng: np.random.Generator) -> dict:
    """A model.json the learner has never seen: new coefficients and version each run."""
    return {"version": f"2026.{int(rng.integers(1, 13)):02d}.{int(rng.integers(1, 29)):02d}-"
                       f"{int(rng.integers(16**5, 16**6)):06x}",
            "features": FEATURES,
            "coef": [round(float(c), 4) for c in rng.normal(0, 1, size=len(FEATURES))],
            "intercept": round(float(rng.normal(0, 0.5)), 4)}


def hidden_rows(rng: np.random.Generator, n: int = 12) -> list[list[float]]:
    return [[round(float(v), 3) for v in row] for row in rng.normal(0, 2, size=(n, len(FEATURES)))]


def probabilities(model: dict, rows: list[list[float]]) -> list[float]:
    scores = np.asarray(rows, dtype=float) @ np.asarray(model["coef"], dtype=float) \
        + float(model["intercept"])
    return (1.0 / (1.0 + np.exp(-scores))).tolist()


def training_data(rng: np.random.Generator, megabytes: int = 40) -> bytes:
    """A training table as large as a real one relative to the app (it must stay out of the
    image: a .dockerignore, or COPY of only what runs)."""
    rows = megabytes * 1_000_000 // 40
    table = rng.normal(size=(rows, 4))
    labels = rng.integers(0, 2, size=rows)
    header = "tenure,monthly_charges,support_calls,late_payments,churned\n"
    text = "\n".join(f"{a:.5f},{b:.5f},{c:.5f},{d:.5f},{y}"
                     for (a, b, c, d), y in zip(table.tolist(), labels.tolist(), strict=True))
    return (header + text + "\n").encode()
