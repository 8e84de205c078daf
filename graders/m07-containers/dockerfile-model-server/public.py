"""Public checks, shipped to learners: the notebook's own static review of the Dockerfile.

Grading runs these too, and then builds and probes the image (hidden checks)."""

PUBLIC_CHECKS = [
    {
        "id": "dockerfile-review",
        "title": "The Dockerfile passes the notebook's static review",
        "points": 1,
        "function": "dockerfile_problems",
        "args": ["data/server/Dockerfile"],
        "expected": [],
        "message": "the static review found problems in data/server/Dockerfile",
        "hints": [
            "Print dockerfile_problems('data/server/Dockerfile'): each line names one problem.",
            "Pin the base image tag, install from requirements.txt, copy the app after "
            "installing, and end with USER set to an unprivileged user.",
        ],
    },
]
