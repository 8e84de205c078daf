"""Two stages, but the final one copies the whole Python installation of the training stage, scikit-learn included.

fails: shrinks, runtime-only"""

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
COPY --from=train /usr/local /usr/local
COPY requirements.txt .
RUN pip install --no-cache-dir --require-hashes -r requirements.txt
COPY app/ app/
COPY --from=train /build/app/model.json app/model.json
RUN useradd --uid 10001 --no-create-home model
USER 10001
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]
""")
