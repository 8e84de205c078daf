"""Loads models:/<name>/latest instead of the version it was asked for: correct while a model
has one version, wrong as soon as a second one is registered.

fails: registry-example, reproduce
"""

# mlflow and val_log_loss are defined by the notebook.
# ruff: noqa: F821


def reproduce_metric(model_name, version, X, y):
    model = mlflow.sklearn.load_model(f"models:/{model_name}/latest")
    return val_log_loss(model, X, y)
