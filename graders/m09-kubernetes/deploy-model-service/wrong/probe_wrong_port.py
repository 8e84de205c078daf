"""Probes port 8000, the server's usual default, while it serves on 8080: readiness never
succeeds and the liveness probe kills the pod again and again.

fails: probes, pod-runs
"""

from pathlib import Path

BEFORE = """              port: http
"""
AFTER = """              port: 8000
"""

path = Path("data/k8s/deployment.yaml")
text = path.read_text()
assert BEFORE in text, "the model solution changed: update this wrong solution"
path.write_text(text.replace(BEFORE, AFTER))
