"""Runs the tests and the smoke test but not the data check: orders that break
the contract (an unknown city, a negative value) still train a good model, so nothing
notices.

fails: workflow-review, catches-bad-data
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
      - name: Model quality smoke test
        run: python scripts/smoke_test_model.py
""")
