"""A correct solution written differently: the low-level MlflowClient API instead of the
fluent one (create_run, log_batch, set_terminated), the model saved with save_model and
uploaded as run artifacts, registered from a runs:/ URI (the MLflow 2 way, still supported),
reloaded through the generic pyfunc flavour, and the log loss computed by hand with numpy."""

# mlflow, MlflowClient, train, METRIC and PIP_REQUIREMENTS are defined by the notebook.
# ruff: noqa: F821

import tempfile
import time
from pathlib import Path

import numpy as np
from mlflow.entities import Metric, Param


def _log_loss(model, X, y):
    p = np.clip(model.predict_proba(np.asarray(X, dtype=float))[:, 1], 1e-15, 1 - 1e-15)
    y = np.asarray(y, dtype=float)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def log_run(experiment_name, params, X_train, y_train, X_val, y_val):
    client = MlflowClient()
    experiment = client.get_experiment_by_name(experiment_name)
    experiment_id = (experiment.experiment_id if experiment is not None
                     else client.create_experiment(experiment_name))
    run = client.create_run(experiment_id)
    run_id = run.info.run_id
    model = train(params, X_train, y_train)
    now = int(time.time() * 1000)
    client.log_batch(run_id,
                     params=[Param(key, str(value)) for key, value in params.items()],
                     metrics=[Metric(METRIC, _log_loss(model, X_val, y_val), now, 0)])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "model"
        mlflow.sklearn.save_model(model, str(path), serialization_format="cloudpickle",
                                  pip_requirements=PIP_REQUIREMENTS)
        client.log_artifacts(run_id, str(path), artifact_path="model")
    client.set_terminated(run_id)
    return {"run_id": run_id, "model_uri": f"runs:/{run_id}/model"}


def read_run(run_id):
    data = MlflowClient().get_run(run_id).data
    return {"params": {k: v for k, v in data.params.items()},
            "metrics": {k: float(v) for k, v in data.metrics.items()}}


def register(model_uri, model_name):
    return int(mlflow.register_model(model_uri, model_name).version)


def run_of_version(model_name, version):
    found = MlflowClient().search_model_versions(f"name = '{model_name}'")
    return next(v.run_id for v in found if int(v.version) == int(version))


def reproduce_metric(model_name, version, X, y):
    model = mlflow.pyfunc.load_model(f"models:/{model_name}/{version}").get_raw_model()
    return _log_loss(model, X, y)
