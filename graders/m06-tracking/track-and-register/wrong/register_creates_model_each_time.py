"""Creates the registered model on every call before adding a version: the first version
works, the second raises RESOURCE_ALREADY_EXISTS, so no model ever gets a version 2.

fails: registry-example, versions, reproduce, lineage
"""

# MlflowClient is imported by the notebook.
# ruff: noqa: F821


def register(model_uri, model_name):
    client = MlflowClient()
    client.create_registered_model(model_name)
    version = client.create_model_version(model_name, model_uri)
    return int(version.version)
