"""Writes the outputs into the container's root filesystem, which is read-only: the
training cannot save its metrics and exits with code 4.

fails: job-runs
"""

from pathlib import Path

BEFORE = """          volumeMounts:
            - name: outputs
              mountPath: /outputs
      volumes:
        - name: outputs
          emptyDir: {}
"""
AFTER = ""

path = Path("data/k8s/train-job.yaml")
text = path.read_text()
assert BEFORE in text, "the model solution changed: update this wrong solution"
path.write_text(text.replace(BEFORE, AFTER))
