"""A correct workflow written differently: the checks in one multi-line run step (bash -e stops
at the first command that fails, so any failure still turns the run red), pip3 install with
-r glued to its file, a pull_request filter on branches, and a setup-python step with a name."""

from pathlib import Path

Path("data/project/.github/workflows/ci.yml").write_text("""\
name: Continuous integration
on:
  pull_request:
    branches: ["main"]
  push:
jobs:
  all-checks:
    name: Tests, data and model
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4.1.1
      - name: Set up Python
        uses: actions/setup-python@v5
        with:
          python-version: '3.11'
      - name: Install, test, check the data, smoke-test the model
        run: |
          pip3 install -rrequirements.txt
          python -m pytest --quiet tests
          python scripts/check_data.py data/orders.csv
          python scripts/smoke_test_model.py
""")
