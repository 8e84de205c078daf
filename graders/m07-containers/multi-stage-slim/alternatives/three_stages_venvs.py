"""Three stages: a training venv, a runtime venv built in its own stage, and a final stage
that copies the runtime venv and the model; a .dockerignore keeps training data out."""

from pathlib import Path

Path("data/service/.dockerignore").write_text("Dockerfile.bloated\n**/__pycache__\n")
Path("data/service/Dockerfile").write_text("""\
FROM python:3.11-slim AS trainer
RUN python -m venv /opt/train
COPY requirements-train.txt /tmp/
RUN /opt/train/bin/pip install --no-cache-dir --require-hashes -r /tmp/requirements-train.txt
WORKDIR /work
COPY train.py ./
COPY training ./training
RUN mkdir -p app && /opt/train/bin/python train.py

FROM python:3.11-slim AS runtime-deps
RUN python -m venv /opt/serve
COPY requirements.txt /tmp/
RUN /opt/serve/bin/pip install --no-cache-dir --require-hashes -r /tmp/requirements.txt

FROM python:3.11-slim
RUN groupadd -g 5000 app && useradd -u 5000 -g app -M app
COPY --from=runtime-deps /opt/serve /opt/serve
WORKDIR /srv
COPY app ./app
COPY --from=trainer /work/app/model.json ./app/
USER app
ENTRYPOINT ["/opt/serve/bin/uvicorn", "app.main:app", "--host", "0.0.0.0"]
CMD ["--port", "8000"]
""")
