"""Runs on pushes only: a pull request from a fork or a branch is merged without
CI having looked at it.

fails: workflow-review, triggers
"""

from pathlib import Path

Path("data/project/.github/workflows/ci.yml").write_text("""\
name: CI

on: push

jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - name: Install the pinned dependencies
        run: python -m pip install -r requirements.txt
      - name: Unit tests
        run: python -m pytest -q
      - name: Data check
        run: python scripts/check_data.py data/orders.csv
      - name: Model quality smoke test
        run: python scripts/smoke_test_model.py
""")
