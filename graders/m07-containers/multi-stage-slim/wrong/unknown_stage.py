"""COPY --from names a stage that does not exist: the build stops.

fails: builds, serves-trained-model, shrinks, runtime-only, non-root"""

from pathlib import Path

Path("data/service/Dockerfile").write_text("""\
FROM python:3.11-slim AS train
WORKDIR /build
COPY requirements-train.txt .
RUN pip install --no-cache-dir --require-hashes -r requirements-train.txt
COPY train.py .
COPY training/ training/
RUN mkdir app && python train.py

FROM python:3.11-slim
WORKDIR /srv
COPY requirements.txt .
RUN pip install --no-cache-dir --require-hashes -r requirements.txt
COPY app/ app/
COPY --from=training /build/app/model.json app/model.json
RUN useradd --uid 10001 --no-create-home model
USER 10001
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]
""")
