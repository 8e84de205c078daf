"""Leaves the threshold unquoted: YAML reads it as a number, and ConfigMap values must be
strings, so the API server rejects the ConfigMap.

fails: schema-valid
"""

from pathlib import Path

BEFORE = 'DECISION_THRESHOLD: "0.35"'
AFTER = 'DECISION_THRESHOLD: 0.35'

path = Path("data/k8s/config.yaml")
text = path.read_text()
assert BEFORE in text, "the model solution changed: update this wrong solution"
path.write_text(text.replace(BEFORE, AFTER))
