"""Copies the Python files of app/ but not model.json: the server dies at start-up.

fails: serves-health, predicts"""

from pathlib import Path

Path("data/server/Dockerfile").write_text("""\
FROM python:3.11-slim
WORKDIR /srv
COPY requirements.txt .
RUN pip install --no-cache-dir --require-hashes -r requirements.txt
COPY app/__init__.py app/main.py app/
RUN useradd --uid 10001 --no-create-home --shell /usr/sbin/nologin model
USER 10001
EXPOSE 8000
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]
""")
