"""A correct solution with another layout.

The service: Annotated types with Field constraints declared once and reused, the model
held in a small class built by create_app, an error body that lists the field names only,
and the model files found beside app.py.
The image: uvicorn as ENTRYPOINT and its options as CMD, a user created with adduser and
a numeric USER with its group, the code under /opt/scorer.
The manifests: the pod replaces the command (command: [uvicorn], args: [...]), as the
kubelet does with the image's ENTRYPOINT; the environment comes from a ConfigMap
(envFrom); probes and the Service refer to the port by name; pod-level runAsGroup."""

from pathlib import Path

SCORER = Path("data/scorer")
for old in (SCORER / "k8s").glob("*.yaml"):
    old.unlink()

(SCORER / "app.py").write_text('''\
import hashlib
import json
import pickle
from pathlib import Path
from typing import Annotated, Literal

import numpy as np
import pandas as pd
from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

FOLDER = Path(__file__).parent
Money = Annotated[float, Field(allow_inf_nan=False)]
Years = Annotated[float, Field(ge=0, le=82, allow_inf_nan=False)]


class Application(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=False)

    age: Annotated[int, Field(ge=18, le=100)]
    income: Annotated[Money, Field(gt=0)]
    loan_amount: Annotated[Money, Field(ge=1000, le=25000)]
    term_months: Literal[12, 24, 36, 60]
    debt_to_income: Annotated[Money, Field(ge=0, le=1.5)]
    credit_history_years: Years
    num_late_payments: Annotated[int, Field(ge=0)]
    home_ownership: Literal["rent", "own", "mortgage"]
    purpose: Literal["car", "home_improvement", "debt_consolidation", "other"]


class Scorer:
    def __init__(self, model_path, metadata_path):
        self.meta = json.loads(Path(metadata_path).read_text())
        raw = Path(model_path).read_bytes()
        if hashlib.sha256(raw).hexdigest() != self.meta["file_sha256"]:
            raise RuntimeError("model file and metadata disagree")
        self.pipeline = pickle.loads(raw)
        self.columns = list(self.meta["features"])
        check = self.meta["self_test"]
        try:
            self.ok = bool(np.isclose(self.score(check["input"]), check["probability"],
                                      rtol=0, atol=1e-9))
        except (KeyError, ValueError):
            self.ok = False

    def score(self, record):
        row = pd.DataFrame({c: [record[c]] for c in self.columns})
        return float(self.pipeline.predict_proba(row)[0][1])


def create_app(model_path=FOLDER / "model.pkl", metadata_path=FOLDER / "model.json"):
    scorer = Scorer(model_path, metadata_path)
    api = FastAPI(title="risk scorer")

    async def refuse(request, exc):
        fields = sorted({str(error["loc"][-1]) for error in exc.errors()})
        return JSONResponse(status_code=422, content={"invalid_fields": fields})

    api.add_exception_handler(RequestValidationError, refuse)

    @api.get("/health")
    def health():
        return {"status": "ok"}

    @api.get("/ready")
    def ready():
        if scorer.ok:
            return {"status": "ready", "model_hash": scorer.meta["model_hash"]}
        return JSONResponse(status_code=503, content={"status": "self-test failed"})

    @api.post("/predict")
    def predict(application: Application):
        return {"default_probability": scorer.score(application.model_dump()),
                "model_hash": scorer.meta["model_hash"]}

    return api


app = create_app()
''')

(SCORER / "Dockerfile").write_text("""\
FROM docker.io/library/python:3.11.9-slim-bookworm
RUN adduser --system --uid 1500 --group --no-create-home scorer
WORKDIR /opt/scorer
COPY requirements.txt ./
RUN pip install --no-cache-dir --disable-pip-version-check -r requirements.txt
COPY --chown=root:root app.py model.pkl model.json ./
USER 1500:1500
EXPOSE 8000
ENTRYPOINT ["uvicorn", "app:app"]
CMD ["--host", "0.0.0.0", "--port", "8000", "--no-access-log"]
""")

(SCORER / "k8s" / "config.yaml").write_text("""\
apiVersion: v1
kind: ConfigMap
metadata:
  name: scorer-settings
data:
  OMP_NUM_THREADS: "1"
  PYTHONUNBUFFERED: "1"
""")
(SCORER / "k8s" / "workload.yaml").write_text("""\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: risk-scorer
spec:
  replicas: 2
  selector:
    matchExpressions:
      - {key: component, operator: In, values: [scorer]}
  template:
    metadata:
      labels:
        component: scorer
    spec:
      securityContext:
        runAsNonRoot: true
        runAsUser: 1500
        runAsGroup: 1500
      containers:
        - name: scorer
          image: registry.example.com/fernhill/risk-scorer:2024.06.1
          command: ["uvicorn"]
          args: ["app:app", "--host", "0.0.0.0", "--port", "8000"]
          envFrom:
            - configMapRef: {name: scorer-settings}
          ports:
            - name: web
              containerPort: 8000
          readinessProbe:
            httpGet: {path: /ready, port: web}
          livenessProbe:
            httpGet: {path: /health, port: web}
            initialDelaySeconds: 15
          resources:
            requests: {cpu: 200m, memory: 256Mi}
            limits: {cpu: 500m, memory: 1Gi}
---
apiVersion: v1
kind: Service
metadata:
  name: risk-scorer
spec:
  selector:
    component: scorer
  ports:
    - name: web
      port: 8080
      targetPort: web
""")
