"""Puts the server's arguments in command instead of args: command replaces the image's
ENTRYPOINT, so the kubelet tries to run a program called 'serve' and the pod never starts.

fails: pod-runs
"""

from pathlib import Path

BEFORE = 'args: ["serve", "--port", "8080"]'
AFTER = 'command: ["serve", "--port", "8080"]'

path = Path("data/k8s/deployment.yaml")
text = path.read_text()
assert BEFORE in text, "the model solution changed: update this wrong solution"
path.write_text(text.replace(BEFORE, AFTER))
