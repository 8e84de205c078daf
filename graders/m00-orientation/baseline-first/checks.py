"""Checks for baseline-first: the public examples plus hidden random inputs.

The hidden classification inputs include a label shift between training and
test data (so a baseline fitted on the test labels, or on both sets, scores
differently) and a tie between the two most frequent training labels with the
larger one seen first. The regression targets are skewed, so the median and
the mean differ. The decisions of ``beats_baseline`` are judged in two checks:
one far from the margin (direction only) and one near it (margin only), with
boundary cases built from numbers that are exact in binary floating point.
"""

from __future__ import annotations

import numpy as np

from academy.grading.checks import AgreesWithReference, Suite, public_checks

from . import reference
from .public import PUBLIC_CHECKS

# --- baseline_scores: classification -----------------------------------------------------


def labels(rng: np.random.Generator, counts: dict) -> list:
    """A shuffled list holding each label as many times as ``counts`` says."""
    return rng.permutation(np.repeat(np.array(list(counts), dtype=object),
                                     list(counts.values()))).tolist()


def larger_tied_label_first(y: list, small: object, large: object) -> list:
    """Swap the first occurrences of two tied labels so that the larger one comes first."""
    y = list(y)
    i, j = y.index(small), y.index(large)
    if i < j:
        y[i], y[j] = y[j], y[i]
    return y


def classification_inputs(rng: np.random.Generator) -> list:
    cases = []
    # Imbalanced binary labels as integer arrays.
    y_train = (rng.random(int(rng.integers(300, 500))) < 0.15).astype(np.int64)
    y_test = (rng.random(int(rng.integers(100, 200))) < 0.15).astype(np.int64)
    cases.append(((y_train, y_test, "classification"), {}))
    # Label shift: the majority differs between training, test, and both together.
    k = int(rng.integers(2, 5))
    y_train = labels(rng, {"approve": 40 * k, "review": 35 * k, "decline": 25 * k})
    y_test = labels(rng, {"approve": 50 * k, "review": 120 * k, "decline": 30 * k})
    cases.append(((y_train, y_test, "classification"), {}))
    # A tie between 'spam' and 'ham' in training, 'spam' seen first; mostly 'spam' in test.
    k = int(rng.integers(20, 60))
    y_train = larger_tied_label_first(labels(rng, {"spam": k, "ham": k, "phishing": k // 4}),
                                      "ham", "spam")
    y_test = labels(rng, {"spam": int(rng.integers(30, 60)), "ham": int(rng.integers(5, 20))})
    cases.append(((y_train, y_test, "classification"), {}))
    # Small multi-class integer lists.
    y_train = rng.choice(4, size=int(rng.integers(30, 60)), p=[0.1, 0.2, 0.45, 0.25]).tolist()
    y_test = rng.choice(4, size=int(rng.integers(10, 25))).tolist()
    cases.append(((y_train, y_test, "classification"), {}))
    return cases


# --- baseline_scores: regression ---------------------------------------------------------


def regression_inputs(rng: np.random.Generator) -> list:
    cases = []
    # Skewed targets (prices, durations): median and mean differ. Odd-sized training set.
    y_train = rng.lognormal(3.0, 0.8, size=2 * int(rng.integers(100, 200)) + 1)
    y_test = rng.lognormal(3.0, 0.8, size=int(rng.integers(80, 160)))
    cases.append(((y_train, y_test, "regression"), {}))
    # Even-sized training set with a few large outliers, as Python lists.
    y_train = np.r_[rng.normal(20, 4, size=196), rng.uniform(80, 120, size=4)]
    y_test = rng.normal(20, 4, size=int(rng.integers(40, 80)))
    cases.append(((rng.permutation(y_train).tolist(), y_test.tolist(), "regression"), {}))
    # The test period drifted upwards: a baseline fitted on it would look far too good.
    y_train = rng.gamma(2.0, 5.0, size=int(rng.integers(150, 250)))
    y_test = rng.gamma(2.0, 5.0, size=int(rng.integers(50, 100))) + float(rng.uniform(3, 6))
    cases.append(((y_train, y_test, "regression"), {}))
    # Tiny integer targets.
    y_train = rng.integers(0, 30, size=6).tolist()
    y_test = rng.integers(0, 30, size=5).tolist()
    cases.append(((y_train, y_test, "regression"), {}))
    return cases


# --- beats_baseline ----------------------------------------------------------------------


def _scale(rng: np.random.Generator, higher_is_better: bool) -> tuple[float, float]:
    """A baseline score and the scale of the metric: accuracy-like or error-like."""
    if higher_is_better:
        return float(rng.uniform(0.3, 0.7)), 0.2
    return float(rng.uniform(5.0, 50.0)), 5.0


def direction_inputs(rng: np.random.Generator) -> list:
    """Both directions, models clearly better and clearly worse: the margin never decides."""
    cases = []
    for higher in (True, False):
        for better in (True, False, True):
            baseline, scale = _scale(rng, higher)
            margin = round(float(rng.uniform(0.0, 0.05)) * scale, 4)
            gap = margin + float(rng.uniform(0.2, 0.5)) * scale
            model = baseline + gap if higher == better else baseline - gap
            cases.append(((model, baseline, higher, margin), {}))
    return cases


def margin_inputs(rng: np.random.Generator) -> list:
    """Models that are better, by less than, exactly, or more than the margin."""
    cases = []
    for higher in (True, False):
        sign = 1.0 if higher else -1.0
        baseline, scale = _scale(rng, higher)
        margin = float(rng.uniform(0.02, 0.1)) * scale
        cases.append(((baseline + sign * margin * float(rng.uniform(0.2, 0.8)), baseline,
                       higher, margin), {}))                             # within the margin
        cases.append(((baseline + sign * margin * float(rng.uniform(1.5, 4.0)), baseline,
                       higher, margin), {}))                             # beyond it
    # Exactly the margin, with numbers that are exact in binary floating point.
    baseline, margin = int(rng.integers(16, 40)) / 64, 1 / 16
    cases.append(((baseline + margin, baseline, True, margin), {}))
    baseline, margin = int(rng.integers(40, 400)) / 8, 0.5
    cases.append(((baseline - margin, baseline, False, margin), {}))
    return cases


SUITE = Suite(
    exercise="m00-orientation/baseline-first",
    checks=[
        *public_checks(PUBLIC_CHECKS),
        AgreesWithReference(
            "classification-random", "classification baselines on random labels", 2,
            "baseline_scores", classification_inputs, reference.baseline_scores, rtol=1e-9,
            message="the classification baseline disagrees with the accuracy, on y_test, of "
                    "always predicting the most frequent label of y_train",
            hints=["Try data where the most frequent label of y_train is not the most frequent "
                   "of y_test, and where two labels tie for first place in y_train with the "
                   "larger one seen first.",
                   "Learn the label from y_train ONLY, and on ties take the smallest label "
                   "(np.unique sorts the labels; Counter.most_common and value_counts keep the "
                   "first seen). Then score it on y_test: np.mean(np.asarray(y_test) == label)."]),
        AgreesWithReference(
            "regression-random", "regression baselines on random targets", 2,
            "baseline_scores", regression_inputs, reference.baseline_scores, rtol=1e-9,
            message="the regression baselines disagree with the MAE of the training median and "
                    "the RMSE of the training mean, measured on y_test",
            hints=["Try skewed targets, where the median and the mean are far apart, and a test "
                   "set whose values have drifted away from the training set's.",
                   "Fit the constants on y_train only: c = np.median(y_train) for 'mae' and "
                   "m = np.mean(y_train) for 'rmse'; then mae = mean(|y_test - c|) and "
                   "rmse = sqrt(mean((y_test - m) ** 2))."]),
        AgreesWithReference(
            "beats-direction", "beats_baseline for metrics where lower is better", 1,
            "beats_baseline", direction_inputs, reference.beats_baseline, rtol=0, atol=0,
            message="beats_baseline decides wrongly when the model is far from the baseline, "
                    "in one direction or the other",
            hints=["An RMSE of 3 against a baseline of 5 is an improvement. Does your function "
                   "agree? And is a model far WORSE than the baseline ever worth shipping?",
                   "Compute the gain in the metric's direction: model - baseline when higher is "
                   "better, baseline - model when lower is better (errors). Do not take an "
                   "absolute value: a large loss is not a gain."]),
        AgreesWithReference(
            "beats-margin", "beats_baseline near the margin", 2,
            "beats_baseline", margin_inputs, reference.beats_baseline, rtol=0, atol=0,
            message="beats_baseline decides wrongly when the model is better than the baseline "
                    "by less than, exactly, or more than the margin",
            hints=["Try a model that is better than the baseline, but by less than the margin; "
                   "and one that is better by exactly the margin.",
                   "Ship only when gain >= margin: a smaller gain is within the noise of the "
                   "test set (False); a gain of exactly the margin is enough (True)."]),
    ],
)
