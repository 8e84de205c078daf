"""Public check for ci-workflow: the notebook's static review of the workflow finds nothing.

Shipped to learners (their check() cell runs it) and run again at grading time. Plain data
only: this file must import nothing.
"""

PUBLIC_CHECKS = [
    {
        "id": "workflow-review",
        "title": "the static review finds no problem in ci.yml",
        "points": 1,
        "function": "workflow_problems",
        "args": ["data/project/.github/workflows/ci.yml"],
        "expected": [],
        "message": "the static review of data/project/.github/workflows/ci.yml lists problems",
        "hints": [
            "Print workflow_problems('data/project/.github/workflows/ci.yml'): each line names "
            "one rule the workflow breaks.",
            "A minimal shape: on: push and pull_request; one job with runs-on: ubuntu-latest; "
            "steps: actions/checkout@v4, actions/setup-python@v5 with python-version '3.11', "
            "pip install -r requirements.txt, then the tests and the two scripts.",
        ],
    },
]
