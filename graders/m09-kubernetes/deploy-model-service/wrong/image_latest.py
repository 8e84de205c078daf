"""Deploys the moving tag latest: two pods of the same Deployment can run different code,
and a rollback cannot name the version to go back to.

fails: image-pinned
"""

from pathlib import Path

BEFORE = 'image: academy/model-server:1.4.2'
AFTER = 'image: academy/model-server:latest'

path = Path("data/k8s/deployment.yaml")
text = path.read_text()
assert BEFORE in text, "the model solution changed: update this wrong solution"
path.write_text(text.replace(BEFORE, AFTER))
