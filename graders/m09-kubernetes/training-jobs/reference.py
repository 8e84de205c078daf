"""The oracle for training-jobs: the facts the notebook states, the grader's trainer image
(with training data drawn from the grading seed) and the metrics it must report, and the
retraining cadence.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import numpy as np

MANIFEST_DIR = "data/k8s/"

IMAGE_REPOSITORY = "academy/churn-trainer"
IMAGE_TAG = "2.3.0"
IMAGE_ENTRYPOINT: list[str] = []
IMAGE_CMD = ["python", "-m", "trainer", "--help"]
ENTRYPOINT_MODULE = "trainer.train"
JOB_DATA_VERSION = "2024-06"
CRON_DATA_VERSION = "latest"
OUTPUT_DIR = "/outputs"
ENV = {"MLFLOW_TRACKING_URI": "http://mlflow.mlops.svc:5000", "MODEL_NAME": "churn-classifier"}

MAX_RETRIES = 3
MAX_SECONDS = 2 * 3600
RUN_MINUTES = (20, 40)
"""A normal training run takes this long; one retry must still fit in the deadline."""

# "every Monday at 03:00 UTC"
CADENCE = "0 3 * * 1"
CADENCE_WORDS = "every Monday at 03:00 UTC"
UTC_ZONES = ("UTC", "Etc/UTC", "Etc/GMT", "GMT", "Etc/Universal", "Universal", "Zulu")

HERE = Path(__file__).parent
VERSIONS = ("2024-05", "2024-06", "2024-07")


def training_data(rng: np.random.Generator) -> dict[str, str]:
    """One CSV per data version (x, churned), different for every grading seed."""
    out = {}
    for version in VERSIONS:
        n = int(rng.integers(150, 400))
        cut = float(rng.uniform(-0.5, 0.5))
        x = np.round(rng.normal(size=n), 3)
        y = ((x + rng.normal(scale=0.6, size=n)) > cut).astype(int)
        out[version] = "x,churned\n" + "".join(f"{a:.3f},{b}\n" for a, b in zip(x, y, strict=True))
    return out


def fit_threshold(rows: list[tuple[float, int]]) -> tuple[float, int]:
    """The trainer's rule, written again: the threshold with the most rows right."""
    rows = sorted(rows)
    positives = sum(y for _, y in rows)
    best = (rows[0][0] - 1.0, positives)
    below_neg = below_pos = 0
    for i, (x, y) in enumerate(rows):
        below_neg += 1 - y
        below_pos += y
        if i + 1 < len(rows) and rows[i + 1][0] == x:
            continue
        correct = below_neg + (positives - below_pos)
        if correct > best[1]:
            best = (x, correct)
    return best


def expected_metrics(data: dict[str, str], version: str) -> dict:
    version = sorted(data)[-1] if version == "latest" else version
    rows = [(float(a), int(b)) for a, b in
            (line.split(",") for line in data[version].splitlines()[1:])]
    threshold, correct = fit_threshold(rows)
    return {"data_version": version, "rows": len(rows), "threshold": threshold,
            "accuracy": round(correct / len(rows), 6), "model_name": ENV["MODEL_NAME"]}


def image_context(standin: str, data: dict[str, str]) -> dict[str, bytes]:
    files = {"trainer/__init__.py": b"", "trainer/train.py": (HERE / "trainer" / "train.py").read_bytes(),
             "trainer/__main__.py": b"print('usage: python -m trainer.train --data-version V "
                                    b"--output-dir DIR')\n"}
    files.update({f"trainer/data/{v}.csv": text.encode() for v, text in data.items()})
    dockerfile = (f"FROM {standin}\n"
                  "COPY trainer /app/trainer\n"
                  "RUN chmod -R a+rX /app\n"
                  "WORKDIR /app\n"
                  "ENV PYTHONPATH=/app PYTHONDONTWRITEBYTECODE=1\n"
                  f"CMD {json.dumps(IMAGE_CMD)}\n")
    return {"Dockerfile": dockerfile.encode(), **files}


def cadence_fires(moment: datetime.datetime) -> bool:
    return moment.weekday() == 0 and moment.hour == 3 and moment.minute == 0


def backoff_delay(failures: int) -> float:
    """The Job controller's delay before the next pod after *failures* failures."""
    return min(10.0 * 2 ** (failures - 1), 360.0)
