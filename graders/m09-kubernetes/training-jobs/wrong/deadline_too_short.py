"""Sets the deadline to 30 minutes: a normal run of 20 to 40 minutes is killed before it
finishes (the runs in the grader's container are short, so they still pass).

fails: job-policy
"""

from pathlib import Path

BEFORE = """  activeDeadlineSeconds: 7200
"""
AFTER = """  activeDeadlineSeconds: 1800
"""

path = Path("data/k8s/train-job.yaml")
text = path.read_text()
assert BEFORE in text, "the model solution changed: update this wrong solution"
path.write_text(text.replace(BEFORE, AFTER))
