"""Types the token into the Deployment as a literal value: it ends up in git and in
every 'kubectl get deployment -o yaml', and rotating the Secret changes nothing.

fails: config-and-secret, pod-runs
"""

from pathlib import Path

BEFORE = """            - name: API_TOKEN
              valueFrom:
                secretKeyRef:
                  name: model-server-secrets
                  key: API_TOKEN"""
AFTER = """            - name: API_TOKEN
              value: dev-only-4f9c2a71"""

path = Path("data/k8s/deployment.yaml")
text = path.read_text()
assert BEFORE in text, "the model solution changed: update this wrong solution"
path.write_text(text.replace(BEFORE, AFTER))
