"""Public check for training-jobs: the manifests can be read and hold a Job and a CronJob.

Shipped to learners (their check() cells run it) and run again at grading time. It calls
``manifest_problems``, which a locked setup cell of the notebook defines. Plain data only:
this file must import nothing.
"""

PUBLIC_CHECKS = [
    {
        "id": "manifests-parse",
        "title": "the manifests in data/k8s/ parse and hold a Job and a CronJob",
        "points": 1,
        "function": "manifest_problems",
        "args": ["data/k8s/"],
        "expected": [],
        "message": "manifest_problems('data/k8s/') found problems; print it to see them",
        "hints": [
            "Run print(manifest_problems('data/k8s/')): each line names a file and what is "
            "wrong with it. Run every %%writefile cell again after editing it.",
            "Each object needs apiVersion (batch/v1 for both), kind and metadata.name; YAML "
            "indents with spaces, never tabs.",
        ],
    },
]
