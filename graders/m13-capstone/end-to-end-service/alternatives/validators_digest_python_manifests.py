"""A correct solution written differently throughout.

The service: ranges checked by field validators that raise ValueError (pydantic turns them
into 422 errors at the field's path), the categories as Enums, NaN refused by a validator
that runs before the type check, the model files found from the working folder (the
Dockerfile's WORKDIR), an error body {"errors": [{"loc": [...], "reason": ...}]}, and the
features ordered with DataFrame.reindex.
The image: a base pinned by release and digest, a system user with uid 2000 created by
useradd -r, python -m pip with the long option names, uvicorn on port 8080 from a
shell-form CMD, no .dockerignore (the grader's context holds nothing else).
The manifests: built as Python dicts and dumped with yaml into one file, numeric ports
everywhere, the security context on the container, a pod label the selectors do not use."""

from pathlib import Path

import yaml

SCORER = Path("data/scorer")
(SCORER / ".dockerignore").unlink(missing_ok=True)
for old in (SCORER / "k8s").glob("*.yaml"):
    old.unlink()

(SCORER / "app.py").write_text('''\
import hashlib
import json
import math
import pickle
from enum import Enum
from pathlib import Path

import pandas as pd
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, field_validator

Home = Enum("Home", {name: name for name in ("rent", "own", "mortgage")}, type=str)
Purpose = Enum("Purpose", {name: name for name in
                           ("car", "home_improvement", "debt_consolidation", "other")}, type=str)
RANGES = {"age": (18, 100), "loan_amount": (1000, 25000), "debt_to_income": (0, 1.5),
          "credit_history_years": (0, 82)}


class Application(BaseModel):
    model_config = ConfigDict(extra="forbid")

    age: int
    income: float
    loan_amount: float
    term_months: int
    debt_to_income: float
    credit_history_years: float
    num_late_payments: int
    home_ownership: Home
    purpose: Purpose

    @field_validator("income", "loan_amount", "debt_to_income", "credit_history_years",
                     mode="before")
    @classmethod
    def finite(cls, value):
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError("must be a finite number")
        return value

    @field_validator("age", "loan_amount", "debt_to_income", "credit_history_years")
    @classmethod
    def in_range(cls, value, info):
        low, high = RANGES[info.field_name]
        if not low <= value <= high:
            raise ValueError(f"must lie between {low} and {high}")
        return value

    @field_validator("income")
    @classmethod
    def positive(cls, value):
        if value <= 0:
            raise ValueError("must be positive")
        return value

    @field_validator("num_late_payments")
    @classmethod
    def not_negative(cls, value):
        if value < 0:
            raise ValueError("cannot be negative")
        return value

    @field_validator("term_months")
    @classmethod
    def known_term(cls, value):
        if value not in (12, 24, 36, 60):
            raise ValueError("must be 12, 24, 36 or 60")
        return value


def create_app(model_path="model.pkl", metadata_path="model.json"):
    meta = json.loads(Path(metadata_path).read_text())
    blob = Path(model_path).read_bytes()
    if hashlib.sha256(blob).hexdigest() != meta["file_sha256"]:
        raise ValueError("refusing a model file whose hash differs from model.json")
    pipeline = pickle.loads(blob)

    def probability(record):
        frame = pd.DataFrame([record]).reindex(columns=meta["features"])
        return float(pipeline.predict_proba(frame)[:, 1][0])

    try:
        expected = meta["self_test"]["probability"]
        passed = math.isclose(probability(meta["self_test"]["input"]), expected,
                              rel_tol=0, abs_tol=1e-9)
    except Exception:
        passed = False
    state = {"ready": passed}
    service = FastAPI()

    @service.exception_handler(RequestValidationError)
    async def rejected(request: Request, exc: RequestValidationError):
        return JSONResponse({"errors": [{"loc": [str(p) for p in error["loc"]],
                                         "reason": error["type"]} for error in exc.errors()]},
                            status_code=422)

    @service.get("/health")
    def alive():
        return {"alive": True}

    @service.get("/ready")
    def ready():
        if not state["ready"]:
            return JSONResponse({"ready": False}, status_code=503)
        return {"status": "ready", "model_hash": meta["model_hash"]}

    @service.post("/predict")
    def score(application: Application):
        record = application.model_dump(mode="json")
        return {"model_hash": meta["model_hash"], "default_probability": probability(record)}

    return service


app = create_app()
''')

(SCORER / "requirements.txt").write_text(
    "# the service's packages, at the versions the model was trained with\n"
    "fastapi == 0.165.0\nuvicorn==0.54.0\nscikit_learn==1.9.1\nnumpy==2.4.6\npandas==3.1.1\n")

(SCORER / "Dockerfile").write_text("""\
FROM python:3.11.9-slim@sha256:6f1f8a1b4a2e6c0e0b9f5a4b9c2d1e0f3a5b7c9d1e3f5a7b9c1d3e5f7a9b1c3d
RUN useradd -r -u 2000 -M scorer
WORKDIR /app
COPY requirements.txt /app/requirements.txt
RUN python -m pip install --no-cache-dir --requirement /app/requirements.txt
COPY app.py model.json model.pkl /app/
USER 2000
EXPOSE 8080/tcp
CMD exec python -m uvicorn app:app --host 0.0.0.0 --port 8080
""")

labels = {"app": "risk-scorer", "tier": "api", "version": "1.0.0"}
selector = {"app": "risk-scorer", "tier": "api"}
container = {
    "name": "api",
    "image": "registry.example.com/fernhill/risk-scorer@sha256:" + "ab" * 32,
    "ports": [{"containerPort": 8080, "protocol": "TCP"}],
    "readinessProbe": {"httpGet": {"path": "/ready", "port": 8080}, "periodSeconds": 5},
    "livenessProbe": {"httpGet": {"path": "/health", "port": 8080}, "periodSeconds": 10,
                      "initialDelaySeconds": 5},
    "resources": {"requests": {"cpu": "0.5", "memory": "300Mi"},
                  "limits": {"cpu": "1", "memory": "600Mi"}},
    "securityContext": {"runAsNonRoot": True, "runAsUser": 2000, "runAsGroup": 2000,
                        "allowPrivilegeEscalation": False, "readOnlyRootFilesystem": True},
}
objects = [
    {"apiVersion": "apps/v1", "kind": "Deployment",
     "metadata": {"name": "scorer", "labels": labels},
     "spec": {"replicas": 3, "selector": {"matchLabels": selector},
              "template": {"metadata": {"labels": labels},
                           "spec": {"containers": [container]}}}},
    {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "scorer"},
     "spec": {"type": "ClusterIP", "selector": selector,
              "ports": [{"port": 80, "targetPort": 8080, "protocol": "TCP"}]}},
]
(SCORER / "k8s" / "scorer.yaml").write_text(yaml.safe_dump_all(objects, sort_keys=False))
