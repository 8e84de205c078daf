"""The final stage copies the whole context (COPY . .), training data included.

fails: runtime-only"""

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
COPY . .
COPY --from=train /build/app/model.json app/model.json
RUN useradd --uid 10001 --no-create-home model
USER 10001
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]
""")
