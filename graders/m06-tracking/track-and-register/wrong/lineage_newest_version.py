"""Answers the lineage question with the newest version's run: it searches the versions of
the model and takes the highest number, whatever version was asked for.

fails: registry-example, lineage
"""

# MlflowClient is imported by the notebook.
# ruff: noqa: F821


def run_of_version(model_name, version):
    versions = MlflowClient().search_model_versions(f"name = '{model_name}'")
    newest = max(versions, key=lambda v: int(v.version))
    return newest.run_id
