"""A two-stage build: a virtual environment made in a builder stage and copied into the
runtime stage, a .dockerignore for the training data, python -m uvicorn as entrypoint."""

from pathlib import Path

Path("data/server/.dockerignore").write_text("training/\n**/__pycache__\n*.md\n")
Path("data/server/Dockerfile").write_text("""\
FROM python:3.11-slim AS build
RUN python -m venv /opt/app
COPY requirements.txt /tmp/requirements.txt
RUN /opt/app/bin/pip install --no-cache-dir --require-hashes -r /tmp/requirements.txt

FROM python:3.11-slim
RUN groupadd --gid 2000 svc && useradd --uid 2000 --gid svc --no-create-home svc
COPY --from=build /opt/app /opt/app
WORKDIR /home/svc
COPY . .
USER svc:svc
ENV PATH=/opt/app/bin:$PATH
EXPOSE 8000
ENTRYPOINT ["python", "-m", "uvicorn", "app.main:app"]
CMD ["--host=0.0.0.0", "--port=8000"]
""")
