"""Forgets runs-on: GitHub rejects the workflow as invalid and runs nothing (the
grader's runner would have run its steps).

fails: workflow-review, schema-valid
"""

from pathlib import Path

Path("data/project/.github/workflows/ci.yml").write_text("""\
name: CI

on:
  push:
    branches: [main]
  pull_request:

jobs:
  test:
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
