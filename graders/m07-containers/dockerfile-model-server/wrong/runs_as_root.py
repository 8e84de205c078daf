"""No USER: the server runs as root inside the container.

fails: dockerfile-review, non-root"""

from pathlib import Path

Path("data/server/Dockerfile").write_text("""\
FROM python:3.11-slim
WORKDIR /srv
COPY requirements.txt .
RUN pip install --no-cache-dir --require-hashes -r requirements.txt
COPY app/ app/
EXPOSE 8000
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]
""")
