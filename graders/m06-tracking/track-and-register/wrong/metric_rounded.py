"""Rounds the metric to four decimals before logging it, "to keep the dashboard tidy": the
store no longer holds the value the model scores, so reproducing it fails by a hair.

fails: job-example, logged-metric
"""

# mlflow, train, val_log_loss, METRIC and PIP_REQUIREMENTS are defined by the notebook.
# ruff: noqa: F821


def log_run(experiment_name, params, X_train, y_train, X_val, y_val):
    mlflow.set_experiment(experiment_name)
    with mlflow.start_run() as run:
        mlflow.log_params(params)
        model = train(params, X_train, y_train)
        mlflow.log_metric(METRIC, round(val_log_loss(model, X_val, y_val), 4))
        info = mlflow.sklearn.log_model(model, name="model", serialization_format="cloudpickle",
                                        pip_requirements=PIP_REQUIREMENTS)
    return {"run_id": run.info.run_id, "model_uri": info.model_uri}
