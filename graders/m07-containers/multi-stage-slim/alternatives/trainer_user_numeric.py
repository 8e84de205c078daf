"""Stages named build and serve, training run as an unprivileged user too, python -m pip,
a numeric USER with a group, and the model copied by its folder."""

from pathlib import Path

Path("data/service/Dockerfile").write_text("""\
FROM python:3.11-slim-bookworm AS build
RUN useradd -m -u 1500 builder
USER builder
WORKDIR /home/builder
COPY --chown=builder requirements-train.txt train.py ./
RUN python -m venv .v && .v/bin/python -m pip install -q --no-cache-dir \\
        --require-hashes -r requirements-train.txt
COPY --chown=builder training/train.csv training/train.csv
RUN mkdir app && .v/bin/python train.py

FROM python:3.11-slim-bookworm AS serve
WORKDIR /srv
COPY requirements.txt ./
RUN python -m pip install -q --no-cache-dir --require-hashes -r requirements.txt \\
 && useradd -u 1600 -M runner
COPY app/main.py app/__init__.py app/
COPY --from=build /home/builder/app/ app/
USER 1600:1600
EXPOSE 8000
CMD ["python", "-m", "uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]
""")
