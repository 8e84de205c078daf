"""Public checks for test-the-features: the notebook's own small harness.

Shipped to learners (their check() cells run these) and run again at grading
time. Both call helpers that the notebook defines in a locked cell: they run the
learner's test_* functions against the given add_features and against two demo
mutants that the notebook shows. Plain data only: this file must import nothing.
"""

PUBLIC_CHECKS = [
    {
        "id": "given-passes",
        "title": "your tests all pass on the given add_features",
        "points": 1,
        "function": "given_verdict",
        "args": [],
        "expected": "passed",
        "message": "your tests do not all pass on the given add_features (run "
                   "print(given_verdict()) to see which fail)",
        "hints": [
            "A test suite must accept the correct function before it can catch a wrong one. "
            "Run report() and read the error of each test that fails on the given function.",
            "Check the contract in the docstring: a missing value is NaN, and NaN == NaN is "
            "False, so use np.isnan(...) or pd.isna(...); compare floats with pytest.approx. "
            "Tests must be plain functions whose names start with test_ and that take no "
            "arguments (except those filled by pytest.mark.parametrize).",
        ],
    },
    {
        "id": "demo-mutants",
        "title": "your tests catch the two demo mutants",
        "points": 1,
        "function": "demo_mutants_caught",
        "args": [],
        "expected": ["inverted_ratio", "refunds_not_clipped"],
        "message": "your tests do not catch both demo mutants (run report() to see which "
                   "one survives)",
        "hints": [
            "A mutant is caught when at least one test that passes on the given function fails "
            "on the mutant. Which behaviour does each demo mutant change?",
            "Test a debt-to-income value you can work out by hand (300 / 1000 = 0.3), and a "
            "refund: a negative amount must give log_amount == 0.0.",
        ],
    },
]
