"""Keeps the Deployment habit restartPolicy: Always in the Job's pod template; the API server
rejects it, since a pod that always restarts never completes.

fails: job-policy
"""

from pathlib import Path

BEFORE = """      restartPolicy: Never
"""
AFTER = """      restartPolicy: Always
"""

path = Path("data/k8s/train-job.yaml")
text = path.read_text()
assert BEFORE in text, "the model solution changed: update this wrong solution"
path.write_text(text.replace(BEFORE, AFTER))
