"""The bloated Dockerfile as it was given: one stage, everything in it.

fails: stages-review, shrinks, runtime-only"""

from pathlib import Path

Path("data/service/Dockerfile").write_text("""\
# The image as the team first wrote it: it works, and it is far too big.
FROM python:3.11-slim
WORKDIR /srv
COPY . .
RUN pip install --no-cache-dir --require-hashes -r requirements-train.txt \\
 && pip install --no-cache-dir --require-hashes -r requirements.txt
RUN python train.py
RUN useradd --uid 10001 --no-create-home model
USER 10001
EXPOSE 8000
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]
""")
