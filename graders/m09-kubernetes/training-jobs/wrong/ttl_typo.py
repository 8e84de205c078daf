"""Misspells ttlSecondsAfterFinished: a strict validation (or the API server's field
validation) rejects the unknown field; a lenient one drops it silently.

fails: schema-valid
"""

from pathlib import Path

BEFORE = """  ttlSecondsAfterFinished: 86400
"""
AFTER = """  ttlSecondAfterFinished: 86400
"""

path = Path("data/k8s/train-job.yaml")
text = path.read_text()
assert BEFORE in text, "the model solution changed: update this wrong solution"
path.write_text(text.replace(BEFORE, AFTER))
