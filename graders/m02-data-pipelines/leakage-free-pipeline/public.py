"""Public checks for leakage-free-pipeline: the hidden checks' questions, asked on the
public files by the notebook's locked helpers, which answer True or False.

Shipped to learners (their check() cells run these) and run again at grading
time. Plain data only: this file must import nothing.
"""

PUBLIC_CHECKS = [
    {
        "id": "holdout-quality",
        "title": "fitted on the history, the pipeline ranks the holdout quarter well",
        "points": 1,
        "function": "holdout_auc_at_least",
        "args": [0.75],
        "expected": True,
        "message": "fitted on the history, the pipeline's ROC-AUC on the holdout quarter is "
                   "below 0.75",
        "hints": [
            "Compare your pipeline's cross-validated AUC on the history with its AUC on the "
            "holdout. A large gap means the model relies on something that was different when "
            "the holdout customers were scored. Run the screen in section 1.",
            "refund_amount is written by billing after a customer cancels, so on the scoring "
            "date it says nothing about the coming outcome. List the columns your "
            "ColumnTransformer uses by name, without refund_amount, and keep "
            "remainder='drop'.",
        ],
    },
    {
        "id": "batch-example",
        "title": "a customer gets the same probability alone and in any batch",
        "points": 1,
        "function": "same_predictions_in_any_batch",
        "args": [],
        "expected": True,
        "message": "some customers get another probability alone, or in a padded batch, than "
                   "in their own batch",
        "hints": [
            "Which step of your pipeline computes a statistic (a mean, a median, a list of "
            "categories) in transform, from the rows it is given? A batch of one row has no "
            "spread and perhaps no observed age at all.",
            "Learn statistics in fit and only apply them in transform: use SimpleImputer, "
            "StandardScaler and OneHotEncoder inside the pipeline instead of "
            "FunctionTransformer(lambda X: X.fillna(X.median())), pd.get_dummies or a "
            "transformer whose transform recomputes the mean.",
        ],
    },
    {
        "id": "unseen-example",
        "title": "new plans, regions and payment methods do not crash predict_proba",
        "points": 1,
        "function": "handles_new_categories",
        "args": [],
        "expected": True,
        "message": "the fitted pipeline cannot score customers with categories it has not seen",
        "hints": [
            "What should a fitted encoder do with a plan called 'enterprise' that did not "
            "exist when it was fitted?",
            "OneHotEncoder(handle_unknown='ignore') encodes an unseen category as all zeros "
            "instead of raising; OrdinalEncoder has handle_unknown='use_encoded_value' with "
            "an unknown_value.",
        ],
    },
]
