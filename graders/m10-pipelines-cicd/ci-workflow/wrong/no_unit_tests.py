"""Runs the data check and the smoke test but not the unit tests: a bug in the
feature code that barely moves the model's quality goes through green.

fails: workflow-review, catches-broken-code
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
      - name: Data check
        run: python scripts/check_data.py data/orders.csv
      - name: Model quality smoke test
        run: python scripts/smoke_test_model.py
""")
