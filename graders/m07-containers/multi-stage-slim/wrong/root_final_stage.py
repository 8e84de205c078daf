"""The USER is set in the training stage only; the final stage runs as root.

fails: stages-review, non-root"""

from pathlib import Path

Path("data/service/Dockerfile").write_text("""\
FROM python:3.11-slim AS train
RUN useradd --uid 10001 --create-home trainer
USER 10001
WORKDIR /home/trainer
COPY requirements-train.txt .
RUN python -m venv venv && venv/bin/pip install --no-cache-dir --require-hashes -r requirements-train.txt
COPY train.py .
COPY training/ training/
RUN mkdir app && venv/bin/python train.py

FROM python:3.11-slim
WORKDIR /srv
COPY requirements.txt .
RUN pip install --no-cache-dir --require-hashes -r requirements.txt
COPY app/ app/
COPY --from=train /home/trainer/app/model.json app/model.json
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]
""")
