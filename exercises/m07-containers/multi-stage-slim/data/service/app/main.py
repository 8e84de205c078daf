"""The churn model server: serves the model that train.py wrote to model.json beside it.

GET  /health   -> {"status": "ok", "model_version": ...}
POST /predict  {"rows": [[x1, x2, x3, x4], ...]} -> {"probabilities": [...]}
"""

import json
from pathlib import Path

import numpy as np
from fastapi import FastAPI
from pydantic import BaseModel, Field

MODEL = json.loads((Path(__file__).parent / "model.json").read_text())
COEF = np.asarray(MODEL["coef"], dtype=float)
INTERCEPT = float(MODEL["intercept"])

app = FastAPI(title="churn model server")


class Rows(BaseModel):
    rows: list[list[float]] = Field(min_length=1, max_length=1000)


@app.get("/health")
def health() -> dict:
    return {"status": "ok", "model_version": MODEL["version"]}


@app.post("/predict")
def predict(request: Rows) -> dict:
    X = np.asarray(request.rows, dtype=float)
    if X.ndim != 2 or X.shape[1] != COEF.size:
        return {"error": f"each row needs {COEF.size} numbers"}
    scores = X @ COEF + INTERCEPT
    return {"probabilities": (1.0 / (1.0 + np.exp(-scores))).tolist()}
