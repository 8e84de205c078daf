"""Lets the autoscaler go down to one replica at night: a single pod's restart or
node drain takes the service down.

fails: hpa
"""

from pathlib import Path

BEFORE = 'minReplicas: 2'
AFTER = 'minReplicas: 1'

path = Path("data/k8s/hpa.yaml")
text = path.read_text()
assert BEFORE in text, "the model solution changed: update this wrong solution"
path.write_text(text.replace(BEFORE, AFTER))
