"""The Service selects app: risk-scorer, a label the pods do not carry: it has no endpoints
and routes nothing, although every object is valid.

fails: static-review, manifests-valid-and-consistent"""

from pathlib import Path

SERVICE = Path("data/scorer/k8s/service.yaml")
text = SERVICE.read_text()
old = "  selector: {app.kubernetes.io/name: risk-scorer}"
assert old in text
SERVICE.write_text(text.replace(old, "  selector: {app: risk-scorer}"))
