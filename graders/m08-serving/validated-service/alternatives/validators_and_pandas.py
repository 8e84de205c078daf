"""A correct service written differently: the ranges checked by field validators that raise
ValueError (pydantic turns them into 422 errors at the field's path), the region as a
Literal built from a tuple, the model loaded in a lifespan into a dict, features assembled
with pandas (get_dummies with fixed categories), an async handler that hands the numpy work
to a thread, and the members' probabilities averaged in a list."""

from pathlib import Path

Path("data/service/main.py").write_text('''\
import json
import os
from contextlib import asynccontextmanager
from typing import Literal

import numpy as np
import pandas as pd
from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, field_validator

REGIONS = ("north", "south", "east", "west", "central")
LIMITS = {"distance_km": (0, 500, False), "weight_kg": (0, 70, False),
          "parcels": (1, 20, True), "hour": (0, 23, True), "zone": (0, 11_999, True)}
STATE = {}


class Delivery(BaseModel):
    distance_km: float
    parcels: int
    weight_kg: float
    hour: int
    express: bool
    region: Literal[REGIONS]
    zone: int

    @field_validator("distance_km", "parcels", "weight_kg", "hour", "zone")
    @classmethod
    def in_range(cls, value, info):
        low, high, low_allowed = LIMITS[info.field_name]
        if not (value >= low if low_allowed else value > low) or not value <= high \\
                or value != value:
            raise ValueError(f"must be {'at least' if low_allowed else 'more than'} {low} "
                             f"and at most {high}")
        return value


class Batch(BaseModel):
    rows: list[Delivery]

    @field_validator("rows")
    @classmethod
    def size(cls, rows):
        if not 1 <= len(rows) <= 1000:
            raise ValueError("a batch holds 1 to 1000 rows")
        return rows


@asynccontextmanager
async def lifespan(app):
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "model.json")
    with open(path) as f:
        spec = json.load(f)
    STATE["version"] = spec["version"]
    STATE["numeric"] = spec["numeric"]
    STATE["mean"] = pd.Series(spec["mean"], index=spec["numeric"])
    STATE["scale"] = pd.Series(spec["scale"], index=spec["numeric"])
    STATE["regions"] = spec["regions"]
    STATE["zones"] = np.array(spec["zone_embedding"])
    STATE["members"] = [[(np.array(l["weights"]), np.array(l["bias"])) for l in m["layers"]]
                        for m in spec["members"]]
    yield
    STATE.clear()


app = FastAPI(lifespan=lifespan)


def score(rows):
    frame = pd.DataFrame([r.model_dump() for r in rows])
    numeric = (frame[STATE["numeric"]] - STATE["mean"]) / STATE["scale"]
    region = pd.get_dummies(pd.Categorical(frame["region"], categories=STATE["regions"]))
    x = np.hstack([numeric.to_numpy(float), frame[["express"]].to_numpy(float),
                   region.to_numpy(float), STATE["zones"][frame["zone"].to_numpy()]])
    outputs = []
    for layers in STATE["members"]:
        h = x
        for i, (weights, bias) in enumerate(layers):
            h = h @ weights + bias
            if i < len(layers) - 1:
                h = np.where(h > 0, h, 0.0)
        outputs.append(1.0 / (1.0 + np.exp(-h[:, 0])))
    return np.mean(outputs, axis=0)


@app.get("/health")
async def health():
    return {"status": "ok", "model_version": STATE["version"]}


@app.post("/predict")
async def predict(batch: Batch):
    probabilities = await run_in_threadpool(score, batch.rows)
    return {"model_version": STATE["version"], "probabilities": probabilities.tolist()}
''')
