"""Uses actions/checkout@main and actions/setup-python@main: the workflow runs
whatever those branches hold on the day, and a compromised or breaking push changes CI
without any change in this repository.

fails: workflow-review, pinned-actions
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
      - uses: actions/checkout@main
      - uses: actions/setup-python@main
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
