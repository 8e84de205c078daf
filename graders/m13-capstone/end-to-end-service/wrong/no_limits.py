"""Requests without limits: a memory leak grows until the node is in trouble instead of
restarting the pod.

fails: static-review, manifests-valid-and-consistent"""

from pathlib import Path

DEPLOYMENT = Path("data/scorer/k8s/deployment.yaml")
text = DEPLOYMENT.read_text()
old = '            limits: {cpu: "1", memory: 512Mi}\n'
assert old in text
DEPLOYMENT.write_text(text.replace(old, ""))
