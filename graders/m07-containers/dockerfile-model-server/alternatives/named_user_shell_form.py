"""One stage, python -m pip, a named user that owns the app folder, and a shell-form CMD
that still runs uvicorn in the foreground."""

from pathlib import Path

Path("data/server/Dockerfile").write_text("""\
FROM python:3.11-slim-bookworm
RUN useradd --create-home --shell /bin/bash scorer
WORKDIR /home/scorer
COPY --chown=scorer requirements.txt ./
RUN python -m pip install --no-cache-dir --disable-pip-version-check \\
        --require-hashes --requirement requirements.txt
COPY --chown=scorer app ./app
USER scorer
CMD exec uvicorn app.main:app --host 0.0.0.0 --port 8000 --workers 1
""")
