"""Sets targetPort to the Service's own port 80; the container listens on 8080, so
connections are refused.

fails: service-routes
"""

from pathlib import Path

BEFORE = 'targetPort: http'
AFTER = 'targetPort: 80'

path = Path("data/k8s/service.yaml")
text = path.read_text()
assert BEFORE in text, "the model solution changed: update this wrong solution"
path.write_text(text.replace(BEFORE, AFTER))
