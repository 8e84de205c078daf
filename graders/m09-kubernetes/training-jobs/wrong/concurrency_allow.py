"""Allows concurrent runs (the default): when a retraining runs long, next week's starts
beside it and both register a model.

fails: cron-policy
"""

from pathlib import Path

BEFORE = """  concurrencyPolicy: Forbid
"""
AFTER = """  concurrencyPolicy: Allow
"""

path = Path("data/k8s/retrain-cronjob.yaml")
text = path.read_text()
assert BEFORE in text, "the model solution changed: update this wrong solution"
path.write_text(text.replace(BEFORE, AFTER))
