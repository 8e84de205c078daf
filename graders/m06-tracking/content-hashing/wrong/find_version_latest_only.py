"""Compares the model with the latest registered version only, so after a rollback a retrained
model equal to an older version is registered again as a duplicate.

fails: find-version-example, find-version
"""

# canonical_json and the other fingerprint functions are defined by the notebook.
# ruff: noqa: F821


def find_version(model, registered):
    if registered and registered[-1] == fingerprint_model(model):
        return len(registered)
    return None
