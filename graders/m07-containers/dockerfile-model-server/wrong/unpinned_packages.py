"""Packages installed by name, with no versions: every build may get new ones.

fails: dockerfile-review, pinned"""

from pathlib import Path

Path("data/server/Dockerfile").write_text("""\
FROM python:3.11-slim
WORKDIR /srv
RUN pip install --no-cache-dir fastapi uvicorn numpy
COPY app/ app/
RUN useradd --uid 10001 --no-create-home --shell /usr/sbin/nologin model
USER 10001
EXPOSE 8000
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]
""")
