"""Names a Deployment that does not exist in scaleTargetRef: the autoscaler reports
FailedGetScale and never scales.

fails: hpa
"""

from pathlib import Path

BEFORE = """    kind: Deployment
    name: model-server"""
AFTER = """    kind: Deployment
    name: model-server-deployment"""

path = Path("data/k8s/hpa.yaml")
text = path.read_text()
assert BEFORE in text, "the model solution changed: update this wrong solution"
path.write_text(text.replace(BEFORE, AFTER))
