"""The oracle for deploy-model-service: the facts the notebook states, the grader's model
server image, and the autoscaling policy the learner's HorizontalPodAutoscaler must follow.

Manifests have no single right text, so the checks judge properties; this file holds what
those properties are measured against.
"""

from __future__ import annotations

import math
from pathlib import Path

MANIFEST_DIR = "data/k8s/"

# The model server as the notebook describes it.
IMAGE_REPOSITORY = "academy/model-server"
IMAGE_TAG = "1.4.2"
IMAGE_ENTRYPOINT = ["model-server"]
IMAGE_CMD: list[str] = []
SERVING_PORT = 8080
SERVICE_PORT = 80
READINESS_PATH = "/ready"
LIVENESS_PATH = "/healthz"
ABOUT_PATH = "/v1/about"
MIN_MEMORY_LIMIT = 256 * 2**20

# Configuration and secret values given in the notebook (development values).
CONFIG = {"MODEL_NAME": "churn-classifier", "DECISION_THRESHOLD": "0.35", "LOG_LEVEL": "info"}
CONFIG_FROM_CONFIGMAP = ("MODEL_NAME", "DECISION_THRESHOLD")
SECRET_VARIABLE = "API_TOKEN"
SECRET_VALUE = "dev-only-4f9c2a71"

# Autoscaling policy.
MIN_REPLICAS = 2
MAX_REPLICAS = 10
TARGET_CPU_UTILIZATION = 70
HPA_TOLERANCE = 0.1
"""The controller's default tolerance: no scaling while usage/target is within 10%."""

SERVER_SOURCE = Path(__file__).with_name("server") / "model_server.py"
LAUNCHER = (b"#!/usr/local/python/bin/python\n"
            b"import sys\nsys.path.insert(0, '/srv')\n"
            b"from model_server import main\nsys.exit(main(sys.argv[1:]))\n")


def image_context(standin: str, service_base: str | None = None) -> dict[str, bytes]:
    """The build context of the grader's model-server image (ENTRYPOINT applied by the
    checker from IMAGE_ENTRYPOINT, so the image itself sets none). FROM the lab's service
    base when there is one (the wheelhouse already installed: seconds), else FROM the
    stand-in with fastapi and uvicorn installed from the wheelhouse."""
    install = "" if service_base else "RUN pip install --no-cache-dir fastapi uvicorn\n"
    dockerfile = (f"FROM {service_base or standin}\n"
                  f"{install}"
                  "COPY model_server.py /srv/model_server.py\n"
                  "COPY model-server /usr/local/bin/model-server\n"
                  "RUN chmod 0755 /usr/local/bin/model-server && chmod 0644 /srv/model_server.py\n")
    return {"Dockerfile": dockerfile.encode(), "model_server.py": SERVER_SOURCE.read_bytes(),
            "model-server": LAUNCHER}


def desired_replicas(current: int, utilization: float, *, target: float = TARGET_CPU_UTILIZATION,
                     low: int = MIN_REPLICAS, high: int = MAX_REPLICAS) -> int:
    """What the HPA controller asks for (one CPU utilisation metric, default tolerance)."""
    ratio = utilization / target
    wanted = current if abs(ratio - 1.0) <= HPA_TOLERANCE else math.ceil(current * ratio)
    return max(low, min(high, wanted))
