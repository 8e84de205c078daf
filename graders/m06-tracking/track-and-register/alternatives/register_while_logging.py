"""A correct solution written differently: the job registers the model in the same call that
logs it (log_model's registered_model_name), logs params and metric through one
mlflow.start_run(experiment_id=...) call, and finds a version's run through the registry's
model URI (mlflow.models.get_model_info)."""

# mlflow, MlflowClient, train, val_log_loss, METRIC and PIP_REQUIREMENTS are defined by the
# notebook.
# ruff: noqa: F821


def _experiment_id(name):
    client = MlflowClient()
    found = client.get_experiment_by_name(name)
    return found.experiment_id if found else client.create_experiment(name)


def _logged(experiment_name, params, X_train, y_train, X_val, y_val, model_name=None):
    with mlflow.start_run(experiment_id=_experiment_id(experiment_name)) as run:
        model = train(params, X_train, y_train)
        for key, value in params.items():
            mlflow.log_param(key, value)
        mlflow.log_metrics({METRIC: val_log_loss(model, X_val, y_val)})
        info = mlflow.sklearn.log_model(model, name="model", serialization_format="cloudpickle",
                                        pip_requirements=PIP_REQUIREMENTS,
                                        registered_model_name=model_name)
    return run.info.run_id, info


def log_run(experiment_name, params, X_train, y_train, X_val, y_val):
    run_id, info = _logged(experiment_name, params, X_train, y_train, X_val, y_val)
    return {"run_id": run_id, "model_uri": info.model_uri}


def run_of_version(model_name, version):
    return mlflow.models.get_model_info(f"models:/{model_name}/{version}").run_id


def train_and_register(experiment_name, model_name, params, X_train, y_train, X_val, y_val):
    run_id, info = _logged(experiment_name, params, X_train, y_train, X_val, y_val, model_name)
    version = int(info.registered_model_version)
    data = MlflowClient().get_run(run_id).data
    return {"run_id": run_id, "version": version, "params": dict(data.params),
            "metrics": dict(data.metrics),
            "reproduced": reproduce_metric(model_name, version, X_val, y_val)}
