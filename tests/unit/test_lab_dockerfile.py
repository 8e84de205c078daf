"""The Dockerfile reader the container checks judge with, and .dockerignore as the CLI
applies it (the engine does not filter a tar context)."""

from __future__ import annotations

import pytest

from academy.lab import dockerfile as df

TEXT = """\
# syntax=docker/dockerfile:1
ARG PY=3.11
FROM python:3.11-slim AS build
RUN python -m pip install --no-cache-dir \\
      fastapi==0.165.0 numpy && echo done
FROM build AS test
FROM python:latest
COPY --from=build /opt/venv /opt/venv
RUN /opt/venv/bin/pip install -r requirements.txt --require-hashes
user app:app
CMD ["uvicorn", "app.main:app", "--port", "8000"]
"""


def test_instructions_stages_and_continuations():
    ins = df.parse(TEXT)
    assert [i.keyword for i in ins] == ["ARG", "FROM", "RUN", "FROM", "FROM", "COPY", "RUN",
                                        "USER", "CMD"]
    assert ins[2].line == 4 and "numpy && echo done" in ins[2].value
    assert [i.stage for i in ins] == [0, 0, 0, 1, 2, 2, 2, 2, 2]
    assert ins[-1].words() == ["uvicorn", "app.main:app", "--port", "8000"]


def test_facts_checks_judge():
    ins = df.parse(TEXT)
    assert df.unpinned_bases(ins) == ["python:latest"]  # `build` is a stage, not an image
    assert df.final_user(ins) == "app:app" and not df.is_root("app:app")
    assert df.is_root("") and df.is_root("0:0") and df.is_root("root")
    installs = df.pip_installs(ins)
    assert [args for _, args in installs] == [
        ["--no-cache-dir", "fastapi==0.165.0", "numpy"],
        ["-r", "requirements.txt", "--require-hashes"]]
    assert df.unpinned_packages(installs[0][1]) == ["numpy"]
    assert df.unpinned_packages(installs[1][1]) == []
    assert df.requirement_files(installs[1][1]) == ["requirements.txt"]
    assert df.image_tag("registry.local:5000/team/model") is None
    assert df.image_tag("python@sha256:abc") == "@sha256:abc"


@pytest.mark.parametrize("text, reason", [
    ("", "no FROM"),
    ("RUN echo hi\nFROM python:3.11-slim\n", "before the first FROM"),
    ("FROM python:3.11-slim\nRUN echo \\\n", "line continuation"),
    ("FROM python:3.11-slim\nraise NotImplementedError()\n", "not a Dockerfile instruction"),
])
def test_not_a_dockerfile_is_one_sentence(text, reason):
    with pytest.raises(df.DockerfileError, match=reason):
        df.parse(text)


def test_dockerignore_filters_the_context():
    files = {"Dockerfile": b"", ".dockerignore": b"", "app/main.py": b"",
             "training/train.csv": b"", "notes/a.md": b"", "keep.md": b""}
    kept = df.apply_dockerignore(files, "training/\nnotes\n*.md\n!keep.md\n")
    assert sorted(kept) == [".dockerignore", "Dockerfile", "app/main.py", "keep.md"]
    assert df.apply_dockerignore(files, None) == files


def test_hadolint_gives_advice():
    advice = df.hadolint_advice("FROM python:latest\nRUN pip install fastapi\n")
    assert any("DL3007" in a for a in advice) and any("DL3013" in a for a in advice)
