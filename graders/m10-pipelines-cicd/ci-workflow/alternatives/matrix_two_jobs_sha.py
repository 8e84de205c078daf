"""A correct workflow written differently: on as a list, actions pinned to full commit SHAs,
the Python version from a one-entry matrix, defaults and env at the workflow level, two jobs
(the quality job needs the test job), bare pytest, --requirement, and the data check on its
default path."""

from pathlib import Path

Path("data/project/.github/workflows/ci.yml").write_text("""\
name: ci
on: [push, pull_request]

env:
  PYTHONUNBUFFERED: "1"

defaults:
  run:
    shell: bash
    working-directory: .

jobs:
  tests:
    runs-on: ubuntu-22.04
    strategy:
      matrix:
        python-version: ["3.11"]
    steps:
      - name: Check out
        uses: actions/checkout@b4ffde65f46336ab88eb53be808477a3936bae11
      - name: Python ${{ matrix.python-version }}
        uses: actions/setup-python@0a5c61591373683505ea898e09a3ea4f39ef2b9c
        with:
          python-version: ${{ matrix.python-version }}
      - name: Dependencies
        run: |
          set -x
          pip install --requirement requirements.txt
      - name: Unit tests
        run: pytest

  quality:
    needs: tests
    runs-on: ubuntu-22.04
    steps:
      - uses: actions/checkout@b4ffde65f46336ab88eb53be808477a3936bae11
      - uses: actions/setup-python@0a5c61591373683505ea898e09a3ea4f39ef2b9c
        with:
          python-version: "3.11.9"
      - run: pip install -r requirements.txt
      - name: Data contract
        run: python scripts/check_data.py
      - name: Model smoke test
        env:
          MPLBACKEND: Agg
        run: python scripts/smoke_test_model.py
""")
