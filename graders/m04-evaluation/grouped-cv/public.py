"""Public checks for grouped-cv: small worked examples with one correct answer.

Shipped to learners (their check() cells run these) and run again at grading
time. Plain data only: this file must import nothing.

Each fold example has exactly one answer that meets the rules stated in the
notebook, written in the notebook's canonical order (each fold sorted, folds
ordered by their smallest index).
"""

PUBLIC_CHECKS = [
    {
        "id": "group-kfold-example",
        "title": "group_kfold on ten visits of five patients",
        "points": 1,
        "function": "group_kfold",
        "args": [["ben", "ana", "cid", "ana", "ben", "dee", "ana", "eve", "ben", "ana"], 3],
        "expected": [[0, 4, 8], [1, 3, 6, 9], [2, 5, 7]],
        "message": "group_kfold gives other folds than the only balanced grouped answer",
        "hints": [
            "Count the visits per patient first: ana 4, ben 3, cid, dee and eve 1 each. Which "
            "three folds of whole patients have sizes as close to 10 / 3 as possible?",
            "Give ana a fold, ben a fold, and the three one-visit patients the third. Then sort "
            "the indices inside each fold and order the folds by their smallest index.",
        ],
    },
    {
        "id": "stratified-example",
        "title": "stratified_group_kfold on twelve visits of five patients",
        "points": 1,
        "function": "stratified_group_kfold",
        "args": [[0, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 1],
                 [105, 103, 103, 105, 102, 105, 104, 101, 103, 102, 104, 101], 2],
        "kwargs": {"seed": 0},
        "expected": [[0, 3, 5, 7, 11], [1, 2, 4, 6, 8, 9, 10]],
        "message": "stratified_group_kfold gives other folds than the only stratified answer",
        "hints": [
            "Patients 101 and 103 have only positive visits (2 and 3 of them), patients 102, 104 "
            "and 105 only negative ones (2, 2 and 3). Overall 5 of 12 visits are positive.",
            "A fold of 6 visits cannot hold a positive rate within 0.04 of 5/12 here; the only "
            "answer pairs patient 101 with 105 (2 of 5 positive) and 103 with 102 and 104 "
            "(3 of 7 positive).",
        ],
    },
    {
        "id": "cv-loss-example",
        "title": "cv_log_loss on sixteen patients and four given folds",
        "points": 1,
        "function": "cv_log_loss",
        "args": [
            [[72.0, 0.8], [54.0, 2.0], [36.0, 1.4], [41.0, 1.3], [60.0, 2.1], [18.0, 0.7],
             [63.0, 2.1], [42.0, 1.4], [52.0, 1.0], [35.0, 1.2], [51.0, 1.0], [30.0, 1.0],
             [52.0, 1.6], [40.0, 1.6], [49.0, 1.5], [63.0, 0.8]],
            [1, 1, 0, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1],
            [[0, 5, 10, 15], [1, 6, 11, 12], [2, 7, 8, 13], [3, 4, 9, 14]],
        ],
        "expected": [0.23833164550553682, 0.4713777249992018, 0.42517641772224324,
                     0.3269277932442137],
        "message": "cv_log_loss gives other fold losses than the honest pipeline",
        "hints": [
            "For fold i, every row that is not in folds[i] is training data; the fold itself is "
            "only ever passed to predict_proba and to the loss.",
            "Build a fresh make_pipeline(StandardScaler(), LogisticRegression(C=1.0, "
            "max_iter=1000)) for each fold and fit it on the training rows only - the scaler "
            "included. Score with log_loss(y_test, proba_of_class_1, labels=[0, 1]).",
        ],
    },
]
