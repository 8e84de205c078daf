"""Public checks, shipped to learners: the notebook's own static review of the stages.

Grading runs it too, then builds both images and compares them (hidden checks)."""

PUBLIC_CHECKS = [
    {
        "id": "stages-review",
        "title": "The Dockerfile passes the notebook's review of its stages",
        "points": 1,
        "function": "stage_problems",
        "args": ["data/service/Dockerfile"],
        "expected": [],
        "message": "the review of the stages found problems in data/service/Dockerfile",
        "hints": [
            "Print stage_problems('data/service/Dockerfile'): each line names one problem.",
            "Two stages at least (FROM ... AS train, then FROM ...), a COPY --from in the "
            "final stage, and a USER in the final stage.",
        ],
    },
]
