"""A memory limit of 64Mi: valid, consistent and reviewed clean, but pandas and
scikit-learn alone need more, so the container is killed before it ever answers a probe.

fails: pod-probes-answer"""

from pathlib import Path

DEPLOYMENT = Path("data/scorer/k8s/deployment.yaml")
text = DEPLOYMENT.read_text()
old_requests = "requests: {cpu: 250m, memory: 256Mi}"
old_limits = 'limits: {cpu: "1", memory: 512Mi}'
assert old_requests in text and old_limits in text
DEPLOYMENT.write_text(text.replace(old_requests, "requests: {cpu: 250m, memory: 48Mi}")
                      .replace(old_limits, 'limits: {cpu: "1", memory: 64Mi}'))
