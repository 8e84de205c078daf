"""Returns the list index instead of the version number (versions are numbered from 1).

fails: find-version-example, find-version
"""

# canonical_json and the other fingerprint functions are defined by the notebook.
# ruff: noqa: F821


def find_version(model, registered):
    mine = fingerprint_model(model)
    for index, fingerprint in enumerate(registered):
        if fingerprint == mine:
            return index
    return None
