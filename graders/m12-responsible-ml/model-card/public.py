"""Public checks for model-card: small worked examples.

Shipped to learners (their check() cells run these) and run again at grading
time. Plain data only: this file must import nothing.
"""

Y_TRUE = [1, 0, 1, 1, 0, 0, 0, 1, 1, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0]
Y_PRED = [1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 1]
GROUP = ["contract", "prepaid", "prepaid", "prepaid", "trial", "contract", "contract",
         "prepaid", "contract", "prepaid", "contract", "trial", "prepaid", "trial", "contract",
         "contract", "contract", "prepaid", "prepaid"]

FACTS = {
    "name": "churn-classifier",
    "version": "3.2.0",
    "owners": ["retention-ml@example.com", "a.ng@example.com"],
    "task": "Predict whether a subscriber cancels within 30 days.",
    "intended_use": ["Rank active subscribers for retention outreach."],
    "out_of_scope": ["Pricing or credit decisions.", "Subscribers in their first 30 days."],
    "training_data": {"source": "CRM snapshots", "period": "2023-01 to 2024-06", "rows": 182000},
    "evaluation": {"source": "CRM snapshots", "period": "2024-07 to 2024-09",
                   "attribute": "plan", "y_true": Y_TRUE, "y_pred": Y_PRED, "group": GROUP},
    "ethical_considerations": [
        "Outreach is a benefit: a group whose churners are missed is denied it."],
    "known_limitations": ["Trained before the 2024 price change."],
}

CARD = (
    "# Model card: churn-classifier 3.2.0\n"
    "\n"
    "## Model details\n"
    "- Owners: retention-ml@example.com, a.ng@example.com\n"
    "- Task: Predict whether a subscriber cancels within 30 days.\n"
    "\n"
    "## Intended use\n"
    "- Rank active subscribers for retention outreach.\n"
    "\n"
    "## Out-of-scope use\n"
    "- Pricing or credit decisions.\n"
    "- Subscribers in their first 30 days.\n"
    "\n"
    "## Training data\n"
    "- Source: CRM snapshots\n"
    "- Period: 2023-01 to 2024-06\n"
    "- Rows: 182000\n"
    "\n"
    "## Evaluation data\n"
    "- Source: CRM snapshots\n"
    "- Period: 2024-07 to 2024-09\n"
    "- Rows: 19\n"
    "\n"
    "## Metrics\n"
    "| slice | n | accuracy | precision | recall |\n"
    "|---|---|---|---|---|\n"
    "| overall | 19 | 0.684 | 0.667 | 0.500 |\n"
    "| plan=contract | 8 | 0.875 | 0.750 | 1.000 |\n"
    "| plan=prepaid | 8 | 0.500 | 0.500 | 0.250 |\n"
    "| plan=trial | 3 | 0.667 | n/a | 0.000 |\n"
    "\n"
    "## Limitations\n"
    "- Trained before the 2024 price change.\n"
    "- plan=prepaid: recall 0.250 is 0.250 below overall 0.500.\n"
    "- plan=trial: only 3 evaluation examples; metrics not reliable.\n"
    "\n"
    "## Ethical considerations\n"
    "- Outreach is a benefit: a group whose churners are missed is denied it.\n"
)

PUBLIC_CHECKS = [
    {
        "id": "metrics-example",
        "title": "card_metrics on nineteen predictions in three groups",
        "points": 1,
        "function": "card_metrics",
        "args": [Y_TRUE, Y_PRED, GROUP],
        "expected": {
            "overall": {"n": 19, "accuracy": 13 / 19, "precision": 2 / 3, "recall": 0.5},
            "groups": {
                "contract": {"n": 8, "accuracy": 0.875, "precision": 0.75, "recall": 1.0},
                "prepaid": {"n": 8, "accuracy": 0.5, "precision": 0.5, "recall": 0.25},
                "trial": {"n": 3, "accuracy": 2 / 3, "precision": None, "recall": 0.0},
            },
        },
        "message": "card_metrics gives the wrong metrics on the worked example",
        "hints": [
            "Compute the same four numbers for all rows and for the rows of each group. Group "
            "'trial' has no predicted positives: what is its precision?",
            "accuracy = correct / n; precision = TP / predicted positives; recall = TP / actual "
            "positives; a metric with a zero denominator is None. Groups are keyed by name.",
        ],
    },
    {
        "id": "missing-example",
        "title": "missing_fields on facts with an absent, a blank and an empty field",
        "points": 1,
        "function": "missing_fields",
        "args": [{**FACTS, "task": "   ", "out_of_scope": [], "owners": None}],
        "expected": ["out_of_scope", "owners", "task"],
        "message": "missing_fields does not list exactly the missing or empty required fields",
        "hints": [
            "A field counts as missing when it is absent, None, a string of only whitespace, or "
            "an empty list or dict.",
            "Check every name in REQUIRED with facts.get(name) and return the failing names "
            "sorted alphabetically.",
        ],
    },
    {
        "id": "card-example",
        "title": "model_card on the worked example (min_group_size=5, max_recall_gap=0.1)",
        "points": 1,
        "function": "model_card",
        "args": [FACTS, 5, 0.1],
        "expected": CARD,
        "message": "model_card does not produce the expected Markdown for the worked example",
        "hints": [
            "Print your card next to the expected one in the notebook's markdown cell and compare "
            "line by line: headings, bullets, the table and the blank lines between sections.",
            "Rows of the table: overall, then plan=contract, plan=prepaid, plan=trial (sorted). "
            "Limitations: the known one, then prepaid (recall 0.250 is 0.250 below overall 0.500) "
            "and trial (only 3 evaluation examples): a small group is not also judged on recall.",
        ],
    },
]
