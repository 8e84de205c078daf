"""A typo in COPY (requirement.txt): the build stops, so nothing can be run or measured.

fails: builds, serves-health, predicts, non-root, small, layer-cache"""

from pathlib import Path

Path("data/server/Dockerfile").write_text("""\
FROM python:3.11-slim
WORKDIR /srv
COPY requirement.txt requirements.txt
RUN pip install --no-cache-dir --require-hashes -r requirements.txt
COPY app/ app/
RUN useradd --uid 10001 --no-create-home --shell /usr/sbin/nologin model
USER 10001
EXPOSE 8000
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]
""")
