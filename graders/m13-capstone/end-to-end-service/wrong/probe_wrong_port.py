"""The liveness probe knocks on 8080 while the server listens on 8000: Kubernetes would
restart a healthy pod again and again.

fails: static-review, manifests-valid-and-consistent, pod-probes-answer"""

from pathlib import Path

DEPLOYMENT = Path("data/scorer/k8s/deployment.yaml")
text = DEPLOYMENT.read_text()
old = "httpGet: {path: /health, port: http}"
assert old in text
DEPLOYMENT.write_text(text.replace(old, "httpGet: {path: /health, port: 8080}"))
