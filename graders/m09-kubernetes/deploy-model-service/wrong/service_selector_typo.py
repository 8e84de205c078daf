"""The Service's selector has a typo: it selects no pod, so the Service has no endpoints
and every call to http://model-server fails although the pods are healthy.

fails: service-routes
"""

from pathlib import Path

BEFORE = """  selector:
    app: model-server"""
AFTER = """  selector:
    app: model-serving"""

path = Path("data/k8s/service.yaml")
text = path.read_text()
assert BEFORE in text, "the model solution changed: update this wrong solution"
path.write_text(text.replace(BEFORE, AFTER))
