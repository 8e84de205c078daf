"""Points the readiness probe at /healthz: a pod whose token or configuration is missing
is alive, so it receives traffic and answers every request with an error.

fails: probes
"""

from pathlib import Path

BEFORE = """path: /ready
              port: http
            periodSeconds: 5"""
AFTER = """path: /healthz
              port: http
            periodSeconds: 5"""

path = Path("data/k8s/deployment.yaml")
text = path.read_text()
assert BEFORE in text, "the model solution changed: update this wrong solution"
path.write_text(text.replace(BEFORE, AFTER))
