"""Checks for calibration-and-slices: the public examples plus hidden random inputs.

Probabilities that sit exactly on bin edges are only generated for bin counts
whose edges are exact binary fractions (2, 4, 8, 16 bins; 0.0, 0.5 and 1.0 with
10 bins), so that floating-point rounding of an edge such as 0.3 never decides
which bin a probability belongs to.
"""

from __future__ import annotations

import numpy as np

from academy.grading.checks import AgreesWithReference, Suite, public_checks

from . import reference
from .public import PUBLIC_CHECKS

SLICE_NAMES = ["apac", "emea", "latam", "na", "android", "ios", "kiosk", "partner", "web",
               "retail", "wholesale", "trial"]


def _labels_for(rng: np.random.Generator, prob: np.ndarray) -> np.ndarray:
    return (rng.random(prob.size) < prob).astype(np.int64)


# --- calibration ---------------------------------------------------------------------------

def random_probabilities(rng: np.random.Generator) -> list:
    """Continuous probabilities from miscalibrated and calibrated models; some bins empty."""
    cases = []
    p = rng.beta(2.0, 2.0, size=300)
    cases.append(((_labels_for(rng, p ** 1.6), p, 10), {}))          # overconfident high end
    p = rng.beta(0.4, 0.4, size=3000)
    cases.append(((_labels_for(rng, 0.5 + 0.6 * (p - 0.5)), p, 15), {}))  # too extreme
    p = rng.uniform(0.6, 0.95, size=1000)
    cases.append(((_labels_for(rng, p - 0.15), p, 20), {}))          # most bins empty
    p = rng.random(57)
    cases.append(((_labels_for(rng, p), p, 5), {}))                  # roughly calibrated
    p = rng.beta(1.0, 6.0, size=2000)
    cases.append(((_labels_for(rng, np.sqrt(p) * 0.5), p, 12), {}))  # rare positives
    return cases


def _edge_groups(rng: np.random.Generator, n_bins: int, ks, low: int = 20,
                 high: int = 120) -> tuple:
    """Groups of predictions exactly on the edges k / n_bins, with exact label counts.

    The gap of the group on edge k is +0.1 for odd k and -0.1 for even k (0 for k = 0, where
    no gap can be negative; the gap shrinks where the rate is clipped at 1). Neighbouring
    groups thus miscalibrate in opposite directions, so putting an edge group into the wrong
    bin changes the ECE: moving it next to a group whose gap has the same sign would not.
    """
    ys, ps = [], []
    for k in ks:
        size = int(rng.integers(low, high))
        p = k / n_bins
        rate = 0.0 if k == 0 else min(max(p + (0.1 if k % 2 else -0.1), 0.0), 1.0)
        y = np.zeros(size, dtype=np.int64)
        y[:round(rate * size)] = 1
        ys.append(y)
        ps.append(np.full(size, p))
    return np.concatenate(ys), np.concatenate(ps)


def _shuffle(rng: np.random.Generator, y: np.ndarray, p: np.ndarray) -> tuple:
    order = rng.permutation(y.size)
    return y[order], p[order]


def edge_probabilities(rng: np.random.Generator) -> list:
    """Probabilities exactly on bin edges (1.0 included), some mixed with inner values; empty
    bins in most cases."""
    cases = []
    # 4 bins, every probability on an edge
    cases.append((_shuffle(rng, *_edge_groups(rng, 4, range(5))) + (4,), {}))
    # 8 bins, a random subset of the edges (bins 1 and 4 always empty)
    ks = [0, 7, 8] + [k for k in (2, 3, 5, 6) if rng.random() < 0.6]
    cases.append((_shuffle(rng, *_edge_groups(rng, 8, sorted(ks))) + (8,), {}))
    # 16 bins: edges in the upper half, inner values in [0, 0.25), bins 4-7 empty
    ks = [15, 16] + [k for k in range(8, 15) if rng.random() < 0.5]
    y, p = _edge_groups(rng, 16, ks, 20, 80)
    inner = rng.uniform(0.0, 0.25, size=400)
    y = np.concatenate([y, _labels_for(rng, inner + 0.1)])
    cases.append((_shuffle(rng, y, np.concatenate([p, inner])) + (16,), {}))
    # 10 bins: on edges only 0.0, 0.5 and 1.0 (exact in binary); inner values in [0.55, 0.9)
    # are underconfident while the group at 0.5 is overconfident
    y, p = _edge_groups(rng, 10, [0, 5, 10], 50, 150)
    inner = rng.uniform(0.55, 0.9, size=600)
    y = np.concatenate([y, _labels_for(rng, np.minimum(inner + 0.2, 1.0))])
    cases.append((_shuffle(rng, y, np.concatenate([p, inner])) + (10,), {}))
    # 2 bins, edges only
    cases.append((_shuffle(rng, *_edge_groups(rng, 2, range(3))) + (2,), {}))
    # a hard classifier: probabilities are exactly 0.0 or 1.0
    y = (rng.random(300) < 0.4).astype(np.int64)
    p = np.where(rng.random(300) < 0.85, y, 1 - y).astype(float)
    cases.append(((y, p, 10), {}))
    return cases


def table_inputs(rng: np.random.Generator) -> list:
    """Reliability tables on edge values, on continuous values and with empty bins."""
    edges = edge_probabilities(rng)
    rand = random_probabilities(rng)
    return [edges[0], edges[1], edges[2], edges[3], rand[2], rand[3]]


# --- slices --------------------------------------------------------------------------------

def _shuffled_names(rng: np.random.Generator) -> list[str]:
    return [str(name) for name in rng.permutation(SLICE_NAMES)]


def _slice_block(rng: np.random.Generator, name: str, n: int, base_rate: float,
                 miss: float, false_alarm: float) -> tuple:
    y = (rng.random(n) < base_rate).astype(np.int64)
    flip = np.where(y == 1, rng.random(n) < miss, rng.random(n) < false_alarm)
    return y, np.where(flip, 1 - y, y), [name] * n


def _assemble(rng: np.random.Generator, blocks: list) -> tuple:
    y = np.concatenate([b[0] for b in blocks])
    pred = np.concatenate([b[1] for b in blocks])
    ids = [s for b in blocks for s in b[2]]
    order = rng.permutation(y.size)
    return y[order], pred[order], [ids[i] for i in order]


def slice_inputs(rng: np.random.Generator) -> list:
    """Random slices of very different sizes, including the zero-division cases."""
    cases = []
    names = _shuffled_names(rng)
    blocks = [_slice_block(rng, names[i], int(rng.integers(50, 900)), rng.uniform(0.1, 0.6),
                           rng.uniform(0.05, 0.6), rng.uniform(0.02, 0.3)) for i in range(5)]
    n = int(rng.integers(20, 60))
    blocks.append((np.ones(n, dtype=np.int64) * (rng.random(n) < 0.5),     # no predicted positives
                   np.zeros(n, dtype=np.int64), [names[5]] * n))
    n = int(rng.integers(20, 60))
    blocks.append((np.zeros(n, dtype=np.int64),                            # no actual positives
                   (rng.random(n) < 0.3).astype(np.int64), [names[6]] * n))
    blocks.append((np.array([1]), np.array([1]), [names[7]]))              # a single row
    cases.append((_assemble(rng, blocks), {}))
    names = _shuffled_names(rng)
    blocks = [_slice_block(rng, names[i], int(rng.integers(5, 25)), 0.5, 0.3, 0.3)
              for i in range(3)]
    cases.append((_assemble(rng, blocks), {}))
    names = _shuffled_names(rng)
    blocks = [_slice_block(rng, names[i], int(rng.integers(100, 400)), rng.uniform(0.05, 0.5),
                           rng.uniform(0.0, 0.8), rng.uniform(0.0, 0.2)) for i in range(4)]
    cases.append((_assemble(rng, blocks), {}))
    return cases


def _recall_block(rng: np.random.Generator, name: str, n_pos: int, found: int, n_neg: int,
                  false_alarm: float = 0.1) -> tuple:
    """A slice with exactly n_pos positives, of which exactly `found` are predicted positive."""
    y = np.concatenate([np.ones(n_pos, dtype=np.int64), np.zeros(n_neg, dtype=np.int64)])
    hits = np.zeros(n_pos, dtype=np.int64)
    hits[rng.choice(n_pos, size=found, replace=False)] = 1
    pred = np.concatenate([hits, (rng.random(n_neg) < false_alarm).astype(np.int64)])
    return y, pred, [name] * (n_pos + n_neg)


def gate_inputs(rng: np.random.Generator) -> list:
    """Gates that pass and fail, with slices exactly at the floor, slices with many rows but
    few positives, slices without positives, and several failing slices."""
    cases = []
    # A: passes. One slice exactly at the floor; small slices that would fail if judged.
    names = _shuffled_names(rng)
    k = int(rng.integers(6, 12))
    blocks = [
        _recall_block(rng, names[0], 40, int(rng.integers(31, 40)), 200),
        _recall_block(rng, names[1], 4 * k, 3 * k, 150),                 # recall exactly 0.75
        _recall_block(rng, names[2], 60, int(rng.integers(50, 61)), 100),
        _recall_block(rng, names[3], int(rng.integers(3, 15)), 1, 300),  # many rows, few positives
        _recall_block(rng, names[4], 1, 0, 2),                            # tiny
        _recall_block(rng, names[5], 0, 0, 50),                           # no positives at all
    ]
    cases.append((_assemble(rng, blocks) + (0.75, 20), {}))
    # B: fails. The overall recall clears the floor, one well-populated slice does not.
    names = _shuffled_names(rng)
    blocks = [
        _recall_block(rng, names[0], 400, int(rng.integers(360, 390)), 600),
        _recall_block(rng, names[1], 40, int(rng.integers(12, 24)), 80),  # the hidden failure
        _recall_block(rng, names[2], 40, 25, 40),                         # exactly 0.625
        _recall_block(rng, names[3], int(rng.integers(5, 25)), 2, 200),   # insufficient
    ]
    cases.append((_assemble(rng, blocks) + (0.625, 30), {}))
    # C: several failing slices (sorted output), one exactly at the floor, one insufficient.
    names = _shuffled_names(rng)
    blocks = [
        _recall_block(rng, names[0], 30, int(rng.integers(0, 14)), 30),
        _recall_block(rng, names[1], 20, int(rng.integers(0, 9)), 60),
        _recall_block(rng, names[2], 24, 12, 10),                         # exactly 0.5
        _recall_block(rng, names[3], 50, int(rng.integers(30, 50)), 50),
        _recall_block(rng, names[4], 9, 0, 40),                           # insufficient
        _recall_block(rng, names[5], 12, int(rng.integers(0, 5)), 20),
    ]
    cases.append((_assemble(rng, blocks) + (0.5, 10), {}))
    # D: random slices with random quality.
    names = _shuffled_names(rng)
    blocks = [_slice_block(rng, names[i], int(rng.integers(20, 600)), rng.uniform(0.05, 0.5),
                           rng.uniform(0.1, 0.5), 0.1) for i in range(7)]
    cases.append((_assemble(rng, blocks) + (0.7, 25), {}))
    return cases


SUITE = Suite(
    exercise="m04-evaluation/calibration-and-slices",
    checks=[
        *public_checks(PUBLIC_CHECKS),
        AgreesWithReference(
            "table-random", "reliability_table on bin edges, empty bins and random inputs", 1,
            "reliability_table", table_inputs, reference.reliability_table, rtol=1e-9,
            message="reliability_table disagrees with the equal-width binning convention",
            hints=["Test by hand: with 4 bins, where do 0.0, 0.25, 0.5, 0.75 and 1.0 go, and "
                   "does a bin that receives nothing appear in your table?",
                   "Bins are closed on the left and open on the right, except the last one, "
                   "which also holds 1.0; the table has one row per non-empty bin, in "
                   "increasing order, with the bin's edges as k / n_bins and (k + 1) / n_bins."]),
        AgreesWithReference(
            "ece-random", "expected_calibration_error on random probabilities", 1,
            "expected_calibration_error", random_probabilities,
            reference.expected_calibration_error, rtol=1e-9, atol=1e-12,
            message="expected_calibration_error disagrees with the size-weighted mean gap",
            hints=["Does a bin with 3 predictions count as much as a bin with 3,000 in your "
                   "formula? It should count 1,000 times less.",
                   "ECE = sum over non-empty bins of (count / n) * |frac_positive - mean_prob|, "
                   "with n the total number of predictions; empty bins contribute nothing."]),
        AgreesWithReference(
            "ece-edges", "expected_calibration_error with probabilities on bin edges", 2,
            "expected_calibration_error", edge_probabilities,
            reference.expected_calibration_error, rtol=1e-9, atol=1e-12,
            message="expected_calibration_error is wrong when probabilities sit on bin edges",
            hints=["Real models output 0.0, 0.5 and 1.0 exactly (hard classifiers, rounded "
                   "scores). Try a model that only outputs 0.0 and 1.0.",
                   "A probability equal to an inner edge k / n_bins belongs to bin k, the one "
                   "that starts there; 1.0 belongs to the last bin, not to a bin of its own and "
                   "not to none. np.digitize(p, edges) - 1 and np.searchsorted get one of these "
                   "wrong unless you adjust them."]),
        AgreesWithReference(
            "slices-random", "slice_metrics on random slices, empty cases included", 2,
            "slice_metrics", slice_inputs, reference.slice_metrics, rtol=1e-9,
            message="slice_metrics disagrees with per-slice counts, precision and recall",
            hints=["Think about a slice in which the model predicts nothing positive, and a "
                   "slice with no actual positives. What does your code return there?",
                   "Every slice id gets an entry, keyed by the id as a str; precision is 0.0 "
                   "when the slice has no predicted positives and recall is 0.0 when it has no "
                   "actual positives (no nan, no error)."]),
        AgreesWithReference(
            "gate-random", "release_gate on random evaluation sets", 2,
            "release_gate", gate_inputs, reference.release_gate,
            message="release_gate gives the wrong verdict or lists",
            hints=["Check each rule on a slice built for it: one exactly at the floor, one "
                   "with many rows but few positives, one with no positives at all, and a "
                   "gate where two slices fail.",
                   "A slice is judged only if it has at least min_positives actual positives "
                   "(rows do not count); it fails only if its recall is strictly below "
                   "min_recall; both lists are sorted; passed is True exactly when nothing "
                   "fails."]),
    ],
)
