"""Trains in the first stage but never copies the model out of it: the server has no model.json.

fails: serves-trained-model"""

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
COPY --from=train /build/train.py /srv/train.py
RUN useradd --uid 10001 --no-create-home model
USER 10001
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]
""")
