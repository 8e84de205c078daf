"""Public checks for track-and-register: one small job, and two versions of one model.

Shipped to learners (their check() cells run these) and run again at grading time. The
checks call the notebook's entry points demo_job and demo_two_versions, which run the
learner's job on a fresh model name, so they give the same answer however often they run.
Plain data only: this file must import nothing.
"""

X_TRAIN = [[1.05, 1.78], [-2.55, -0.14], [1.01, 1.35], [0.65, 1.5], [0.29, 0.55],
           [0.18, -1.07], [-0.85, 0.38], [-0.58, 1.27], [1.29, 1.8], [-0.03, 1.38],
           [-0.91, -0.82], [0.08, 0.28], [-1.6, -1.73], [0.36, -0.86], [1.21, 0.39],
           [0.31, 0.21]]
Y_TRAIN = [1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1]
X_VAL = [[0.1, -1.46], [0.79, 1.02], [-0.24, -0.02], [-1.5, -1.52], [-0.39, 0.63],
         [-0.47, 0.29], [0.97, 0.1], [0.57, 1.45], [-1.25, 0.74], [-1.88, 0.43]]
Y_VAL = [1, 0, 0, 0, 0, 0, 1, 0, 0, 0]

PUBLIC_CHECKS = [
    {
        "id": "job-example",
        "title": "one run of the job: params, validation metric, version 1, reproduced metric",
        "points": 1,
        "function": "demo_job",
        "args": [{"C": 0.5, "max_iter": 300}, X_TRAIN, Y_TRAIN, X_VAL, Y_VAL],
        "expected": {"version": 1, "params": {"C": "0.5", "max_iter": "300"},
                     "val_log_loss": 0.3673542197390719, "reproduced": 0.3673542197390719},
        "rtol": 1e-9,
        "message": "the job's answer differs from the worked example",
        "hints": [
            "Print demo_job(...) with the example's arguments and compare it key by key with "
            "the expected answer: version 1 of a new model, the params as strings, "
            "val_log_loss = 0.36735... twice.",
            "Log the params with mlflow.log_params(params); log val_log_loss(model, X_val, y_val)"
            " (validation data, not training data) unrounded under the name 'val_log_loss'; "
            "register info.model_uri and return int(version.version).",
        ],
    },
    {
        "id": "registry-example",
        "title": "two versions of one model: numbers, lineage, and each version's own metric",
        "points": 1,
        "function": "demo_two_versions",
        "args": [{"C": 0.5, "max_iter": 300}, {"C": 0.05, "max_iter": 300},
                 X_TRAIN, Y_TRAIN, X_VAL, Y_VAL],
        "expected": {"versions": [1, 2], "lineage": [True, True],
                     "reproduced": [0.3673542197390719, 0.5288815192713862]},
        "rtol": 1e-9,
        "message": "two versions of one model are not numbered, traced or reloaded correctly",
        "hints": [
            "Registering the same name twice must give versions 1 and 2; run_of_version and "
            "reproduce_metric must use the version they are given, even when it is not the "
            "latest one.",
            "Use mlflow.register_model (it creates the registered model when needed), "
            "MlflowClient().get_model_version(name, str(version)).run_id, and load "
            "f'models:/{name}/{version}', never 'models:/{name}/latest'.",
        ],
    },
]
