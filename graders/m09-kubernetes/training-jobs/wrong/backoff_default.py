"""Retries a failing training ten times: a broken run (bad data) burns hours of compute
before anyone is told.

fails: job-policy
"""

from pathlib import Path

BEFORE = """  backoffLimit: 3
"""
AFTER = """  backoffLimit: 10
"""

path = Path("data/k8s/train-job.yaml")
text = path.read_text()
assert BEFORE in text, "the model solution changed: update this wrong solution"
path.write_text(text.replace(BEFORE, AFTER))
