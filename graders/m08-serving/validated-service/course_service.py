"""Late-delivery risk service: a strict contract, the model loaded once, batches at once."""
import json
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Literal

import numpy as np
from fastapi import FastAPI
from pydantic import BaseModel, ConfigDict, Field

MODEL_PATH = Path(__file__).with_name("model.json")


class Delivery(BaseModel):
    """One planned delivery; the ranges are the ones the model was trained on."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    distance_km: float = Field(gt=0, le=500)
    parcels: int = Field(ge=1, le=20)
    weight_kg: float = Field(gt=0, le=70)
    hour: int = Field(ge=0, le=23)
    express: bool
    region: Literal["north", "south", "east", "west", "central"]
    zone: int = Field(ge=0, le=11_999)


class Batch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rows: list[Delivery] = Field(min_length=1, max_length=1000)


class Predictions(BaseModel):
    model_version: str
    probabilities: list[float]


class Model:
    """The bag of networks of model.json as numpy arrays."""

    def __init__(self, spec):
        self.version = spec["version"]
        self.numeric = spec["numeric"]
        self.mean = np.asarray(spec["mean"], dtype=float)
        self.scale = np.asarray(spec["scale"], dtype=float)
        self.regions = np.asarray(spec["regions"])
        self.zones = np.asarray(spec["zone_embedding"], dtype=float)
        self.members = [[(np.asarray(layer["weights"], dtype=float),
                          np.asarray(layer["bias"], dtype=float)) for layer in member["layers"]]
                        for member in spec["members"]]

    def predict(self, rows):
        """Probabilities for a whole batch: one matrix product per layer and member."""
        numeric = np.array([[getattr(r, name) for name in self.numeric] for r in rows],
                           dtype=float)
        express = np.array([[r.express] for r in rows], dtype=float)
        region = np.array([r.region for r in rows])[:, None] == self.regions
        zones = self.zones[[r.zone for r in rows]]
        x = np.hstack([(numeric - self.mean) / self.scale, express, region, zones])
        total = np.zeros(len(rows))
        for layers in self.members:
            h = x
            for weights, bias in layers[:-1]:
                h = np.maximum(h @ weights + bias, 0.0)
            weights, bias = layers[-1]
            total += 1.0 / (1.0 + np.exp(-(h @ weights + bias)[:, 0]))
        return total / len(self.members)


@asynccontextmanager
async def lifespan(app):
    # Once per server process, before the first request: parse, convert, keep.
    app.state.model = Model(json.loads(MODEL_PATH.read_text()))
    yield


app = FastAPI(title="late-delivery risk", version="1.0.0", lifespan=lifespan)


@app.get("/health")
def health():
    return {"status": "ok", "model_version": app.state.model.version}


@app.post("/predict", response_model=Predictions)
def predict(batch: Batch):
    # A plain def: FastAPI runs it in a thread, so the event loop stays free.
    model = app.state.model
    return Predictions(model_version=model.version,
                       probabilities=model.predict(batch.rows).tolist())
