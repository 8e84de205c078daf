"""No USER: the service runs as root inside the container (the pod still runs as 10001,
because its securityContext says so, which is why the image check is the one that fails).

fails: static-review, image-builds-pinned-nonroot"""

from pathlib import Path

DOCKERFILE = Path("data/scorer/Dockerfile")
text = DOCKERFILE.read_text()
assert "USER 10001:10001\n" in text
DOCKERFILE.write_text(text.replace("USER 10001:10001\n", ""))
