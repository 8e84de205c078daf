"""Sets the cpu limit (250m) below the request (500m); the API server rejects such a pod.

fails: resources
"""

from pathlib import Path

BEFORE = """              cpu: "1"
"""
AFTER = """              cpu: 250m
"""

path = Path("data/k8s/deployment.yaml")
text = path.read_text()
assert BEFORE in text, "the model solution changed: update this wrong solution"
path.write_text(text.replace(BEFORE, AFTER))
