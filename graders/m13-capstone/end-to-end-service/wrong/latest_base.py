"""FROM python:latest: the base moves under the build (another Python, another glibc).

fails: static-review, image-builds-pinned-nonroot"""

from pathlib import Path

DOCKERFILE = Path("data/scorer/Dockerfile")
text = DOCKERFILE.read_text()
assert "FROM python:3.11.9-slim-bookworm" in text
DOCKERFILE.write_text(text.replace("FROM python:3.11.9-slim-bookworm", "FROM python:latest"))
