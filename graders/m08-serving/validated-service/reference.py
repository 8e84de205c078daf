"""The oracle for validated-service: the contract, the seeded model the grader bakes into
each image, the hidden requests it sends and the probabilities the service must answer.

Runs only in the grader. The notebook's locked setup cell holds a copy of ``make_model``
(it writes the sample ``data/service/model.json``); the two must stay identical.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np

NUMERIC = ["distance_km", "parcels", "weight_kg", "hour"]
REGIONS = ["north", "south", "east", "west", "central"]
FIELDS = ["distance_km", "parcels", "weight_kg", "hour", "express", "region", "zone"]
ZONES = 12000
EMBEDDING = 32
HIDDEN = (16, 8)
MEMBERS = 48
MAX_ROWS = 1000
SAMPLE_SEED = 10  # the notebook's sample model


def make_model(seed: int, version: str) -> dict[str, Any]:
    """A bag of small MLPs sharing a zone embedding, as plain data: ``model.json`` (about 3 MB)."""
    rng = np.random.default_rng(seed)
    sizes = [len(NUMERIC) + 1 + len(REGIONS) + EMBEDDING, *HIDDEN, 1]
    shapes = list(zip(sizes[:-1], sizes[1:], strict=True))
    shared = [rng.normal(0.0, 2.0 / np.sqrt(fan_in), size=(fan_in, fan_out))
              for fan_in, fan_out in shapes]
    members = []
    for _ in range(MEMBERS):  # bagged members: the shared weights plus their own noise
        layers = []
        for (fan_in, fan_out), base in zip(shapes, shared, strict=True):
            weights = base + rng.normal(0.0, 0.8 / np.sqrt(fan_in), size=(fan_in, fan_out))
            layers.append({"weights": np.round(weights, 4).tolist(),
                           "bias": np.round(rng.normal(0.0, 0.2, size=fan_out), 4).tolist()})
        members.append({"layers": layers})
    return {
        "version": version,
        "numeric": NUMERIC,
        "mean": np.round([rng.uniform(60, 140), rng.uniform(3, 8), rng.uniform(8, 25),
                          rng.uniform(10, 14)], 3).tolist(),
        "scale": np.round([rng.uniform(40, 90), rng.uniform(2, 5), rng.uniform(5, 15),
                           rng.uniform(4, 7)], 3).tolist(),
        "regions": REGIONS,
        "zone_embedding": np.round(rng.normal(0.0, 0.7, size=(ZONES, EMBEDDING)), 4).tolist(),
        "members": members,
    }


def seeded_model(rng: np.random.Generator) -> dict[str, Any]:
    """A model the learner has never seen: new weights and a new version on every run."""
    version = (f"late-{int(rng.integers(2025, 2028))}.{int(rng.integers(1, 13)):02d}-"
               f"{int(rng.integers(16**5, 16**6)):06x}")
    return make_model(int(rng.integers(1_000, 2**31)), version)


def model_json(model: dict[str, Any]) -> bytes:
    return json.dumps(model, separators=(",", ":")).encode()


def features(model: dict[str, Any], rows: list[dict[str, Any]]) -> np.ndarray:
    numeric = np.array([[float(r[k]) for k in model["numeric"]] for r in rows])
    numeric = (numeric - np.asarray(model["mean"])) / np.asarray(model["scale"])
    express = np.array([[1.0 if r["express"] else 0.0] for r in rows])
    regions = np.array([r["region"] for r in rows])[:, None] == np.array(model["regions"])
    zones = np.asarray(model["zone_embedding"])[[int(r["zone"]) for r in rows]]
    return np.hstack([numeric, express, regions.astype(float), zones])


def probabilities(model: dict[str, Any], rows: list[dict[str, Any]]) -> list[float]:
    """The mean of the members' probabilities (ReLU hidden layers, sigmoid output)."""
    x = features(model, rows)
    total = np.zeros(len(rows))
    for member in model["members"]:
        h = x
        layers = member["layers"]
        for layer in layers[:-1]:
            h = np.maximum(h @ np.asarray(layer["weights"]) + np.asarray(layer["bias"]), 0.0)
        z = h @ np.asarray(layers[-1]["weights"]) + np.asarray(layers[-1]["bias"])
        total += 1.0 / (1.0 + np.exp(-z[:, 0]))
    return (total / len(model["members"])).tolist()


# --- requests ------------------------------------------------------------------------------

def random_row(rng: np.random.Generator, edge: bool = False) -> dict[str, Any]:
    """A valid row; with *edge*, some fields sit exactly on a bound of the contract."""
    row = {
        "distance_km": round(float(rng.uniform(0.05, 500.0)), 3),
        "parcels": int(rng.integers(1, 21)),
        "weight_kg": round(float(rng.uniform(0.05, 70.0)), 3),
        "hour": int(rng.integers(0, 24)),
        "express": bool(rng.random() < 0.3),
        "region": str(rng.choice(REGIONS)),
        "zone": int(rng.integers(0, ZONES)),
    }
    if edge:
        bounds = {"distance_km": 500.0, "parcels": [1, 20], "weight_kg": 70.0,
                  "hour": [0, 23], "zone": [0, ZONES - 1]}
        for name in rng.choice(list(bounds), size=3, replace=False):
            value = bounds[str(name)]
            row[str(name)] = int(rng.choice(value)) if isinstance(value, list) else value
    return row


def valid_batches(rng: np.random.Generator) -> list[list[dict[str, Any]]]:
    sizes = [1, int(rng.integers(2, 9)), int(rng.integers(20, 60)), int(rng.integers(150, 300))]
    return [[random_row(rng, edge=rng.random() < 0.2) for _ in range(n)] for n in sizes]


WRONG_TYPES = {
    "distance_km": ["far", [12.5], {"km": 3}, None],
    "parcels": ["two", [3], {"n": 2}, None],
    "weight_kg": ["heavy", [1.5], {"kg": 2}, None],
    "hour": ["noon", [9], {"h": 12}, None],
    "express": ["maybe", [True], {"yes": 1}, None, 2.5],
    "region": [3, ["north"], {"name": "north"}, None],
    "zone": ["Z-17", [17], {"id": 4}, None],
}
UNKNOWN_REGIONS = ["northeast", "midlands", "islands", "centre", "southwest", "harbour"]


def out_of_range(rng: np.random.Generator, name: str) -> float | int:
    low = bool(rng.random() < 0.5)
    if name == "distance_km":
        return -round(float(rng.uniform(0, 50)), 2) if low else round(float(rng.uniform(500.5, 2000)), 2)
    if name == "weight_kg":
        return -round(float(rng.uniform(0.1, 20)), 2) if low else round(float(rng.uniform(70.5, 500)), 2)
    if name == "parcels":
        return int(rng.integers(-5, 1)) if low else int(rng.integers(21, 200))
    if name == "hour":
        return int(rng.integers(-24, 0)) if low else int(rng.integers(24, 100))
    return int(rng.integers(-5000, 0)) if low else int(rng.integers(ZONES, 3 * ZONES))


def malformed_requests(rng: np.random.Generator) -> list[dict[str, Any]]:
    """Seeded bad requests: ``{"kind", "field", "body"}``; ``field`` is what the 422 body
    must name (None for a body that is not JSON). A body given as text is sent as is."""
    cases: list[dict[str, Any]] = []

    def batch(n: int) -> list[dict[str, Any]]:
        return [random_row(rng) for _ in range(n)]

    for name in rng.choice(FIELDS, size=2, replace=False):
        rows = batch(int(rng.integers(1, 6)))
        del rows[int(rng.integers(len(rows)))][str(name)]
        cases.append({"kind": "missing field", "field": str(name), "body": {"rows": rows}})
    for name in rng.choice(FIELDS, size=2, replace=False):
        rows = batch(int(rng.integers(1, 6)))
        choices = WRONG_TYPES[str(name)]
        rows[int(rng.integers(len(rows)))][str(name)] = choices[int(rng.integers(len(choices)))]
        cases.append({"kind": "wrong type", "field": str(name), "body": {"rows": rows}})
    for name in rng.choice(NUMERIC + ["zone"], size=3, replace=False):
        rows = batch(int(rng.integers(1, 6)))
        rows[int(rng.integers(len(rows)))][str(name)] = out_of_range(rng, str(name))
        cases.append({"kind": "out of range", "field": str(name), "body": {"rows": rows}})
    rows = batch(int(rng.integers(1, 6)))
    rows[int(rng.integers(len(rows)))]["region"] = str(rng.choice(UNKNOWN_REGIONS))
    cases.append({"kind": "unknown category", "field": "region", "body": {"rows": rows}})
    cases.append({"kind": "empty batch", "field": "rows", "body": {"rows": []}})
    cases.append({"kind": "over-long batch", "field": "rows",
                  "body": {"rows": batch(MAX_ROWS + int(rng.integers(1, 80)))}})
    text = json.dumps({"rows": batch(2)})
    cut = int(rng.integers(5, len(text) - 5))
    cases.append({"kind": "not JSON", "field": None,
                  "body": text[:cut] if rng.random() < 0.5 else "rows=" + text[cut:]})
    order = rng.permutation(len(cases))
    return [cases[i] for i in order]
