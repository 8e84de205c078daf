"""Trains and evaluates first and asks the gate afterwards: the decision is still "reject",
but the run trained on the broken batch (a batch in metres yields a model and metrics; a
batch without a column crashes the job instead of reporting the problem).

fails: rejects-broken-batch
"""

# validate_batch, train, evaluate and gate are defined by the notebook.
# ruff: noqa: F821


def run_pipeline(batch, holdout, production_metrics, policy=POLICY):
    model = train(batch)
    metrics = evaluate(model, holdout)
    problems = validate_batch(batch)
    verdict = gate(metrics, production_metrics, problems, policy)
    return {**verdict, "problems": problems, "metrics": metrics}
