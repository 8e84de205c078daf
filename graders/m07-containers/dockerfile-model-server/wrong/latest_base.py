"""The base image is python:latest, which changes under the build.

fails: dockerfile-review, pinned"""

from pathlib import Path

Path("data/server/Dockerfile").write_text("""\
FROM python:latest
WORKDIR /srv
COPY requirements.txt .
RUN pip install --no-cache-dir --require-hashes -r requirements.txt
COPY app/ app/
RUN useradd --uid 10001 --no-create-home --shell /usr/sbin/nologin model
USER 10001
EXPOSE 8000
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]
""")
