"""Logs the metric and the model and registers it, but never logs the hyperparameters: the
registered version cannot say what it was trained with.

fails: job-example, logged-params
"""

# mlflow, train, val_log_loss, METRIC and PIP_REQUIREMENTS are defined by the notebook.
# ruff: noqa: F821


def log_run(experiment_name, params, X_train, y_train, X_val, y_val):
    mlflow.set_experiment(experiment_name)
    with mlflow.start_run() as run:
        model = train(params, X_train, y_train)
        mlflow.log_metric(METRIC, val_log_loss(model, X_val, y_val))
        info = mlflow.sklearn.log_model(model, name="model", serialization_format="cloudpickle",
                                        pip_requirements=PIP_REQUIREMENTS)
    return {"run_id": run.info.run_id, "model_uri": info.model_uri}
