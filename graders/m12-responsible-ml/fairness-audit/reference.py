"""Oracle for fairness-audit. Runs only in the grader, never in a sandbox.

Conventions (the notebook states them to the learner):

* a rate that has no denominator in a group is ``nan``: TPR without actual
  positives, FPR without actual negatives;
* a gap is the largest minus the smallest value over the groups where the rate
  is defined (``nanmax - nanmin``); equalized odds takes the larger of the TPR
  and FPR gaps;
* a group's threshold flags the rows with ``score >= threshold``; ``inf`` flags
  nothing.
"""

from __future__ import annotations

import math

import numpy as np


def _arrays(y_true, y_pred, group) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return (np.asarray(y_true).astype(int), np.asarray(y_pred).astype(int),
            np.asarray(group).astype(str))


def _rate(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator > 0 else math.nan


def group_metrics(y_true, y_pred, group) -> dict[str, dict[str, float]]:
    """Per group: n, selection rate, TPR and FPR (nan without a denominator)."""
    y, p, g = _arrays(y_true, y_pred, group)
    out = {}
    for name in sorted(set(g.tolist())):
        m = g == name
        yy, pp = y[m], p[m]
        pos, neg = int(np.sum(yy == 1)), int(np.sum(yy == 0))
        out[str(name)] = {
            "n": int(m.sum()),
            "selection_rate": float(pp.mean()),
            "tpr": _rate(int(np.sum((pp == 1) & (yy == 1))), pos),
            "fpr": _rate(int(np.sum((pp == 1) & (yy == 0))), neg),
        }
    return out


def _gap(values: list[float]) -> float:
    defined = [v for v in values if not math.isnan(v)]
    return float(max(defined) - min(defined)) if defined else math.nan


def fairness_gaps(y_true, y_pred, group) -> dict[str, float]:
    """Demographic parity, equal opportunity and equalized odds differences."""
    per = group_metrics(y_true, y_pred, group).values()
    dp = _gap([m["selection_rate"] for m in per])
    eo = _gap([m["tpr"] for m in per])
    fpr = _gap([m["fpr"] for m in per])
    return {"demographic_parity_difference": dp, "equal_opportunity_difference": eo,
            "equalized_odds_difference": float(max(eo, fpr))}


# --- post-processing: one threshold per group -----------------------------------------------

def group_table(scores, y_true) -> tuple[np.ndarray, np.ndarray, np.ndarray, int, int]:
    """For one group: candidate thresholds (unique scores, then inf), TP and FP at each."""
    s = np.asarray(scores, dtype=float)
    y = np.asarray(y_true).astype(bool)
    cands = np.append(np.unique(s), np.inf)
    pos, neg = np.sort(s[y]), np.sort(s[~y])
    tp = len(pos) - np.searchsorted(pos, cands, side="left")
    fp = len(neg) - np.searchsorted(neg, cands, side="left")
    return cands, tp, fp, len(pos), len(neg)


def group_thresholds(scores, y_true, group, max_tpr_gap) -> dict[str, float]:
    """Per-group thresholds maximising accuracy subject to a TPR gap <= max_tpr_gap.

    The band sweep: in an optimal solution every group's TPR lies in [lo, lo + gap],
    where lo is the smallest TPR, which is one of the achievable TPR values. For each
    such lo the groups are independent: each takes its most accurate threshold inside
    the band. The best lo wins. Ties (equal accuracy) go to the earliest lo, and within a
    group to the largest threshold.
    """
    s = np.asarray(scores, dtype=float)
    y = np.asarray(y_true).astype(int)
    g = np.asarray(group).astype(str)
    names = sorted(set(g.tolist()))
    tables = {}
    for name in names:
        m = g == name
        cands, tp, fp, n_pos, n_neg = group_table(s[m], y[m])
        tpr = tp / n_pos  # the hidden inputs give every group positives
        correct = tp + (n_neg - fp)
        tables[name] = (cands, tpr, correct)
    levels = np.unique(np.concatenate([t[1] for t in tables.values()]))
    eps = 1e-12
    best_total, best = -1, None
    for lo in levels:
        total, choice = 0, {}
        for name in names:
            cands, tpr, correct = tables[name]
            ok = (tpr >= lo - eps) & (tpr <= lo + max_tpr_gap + eps)
            if not ok.any():
                break
            idx = np.flatnonzero(ok)
            top = correct[idx].max()
            pick = idx[correct[idx] == top].max()  # largest threshold among the best
            total += int(top)
            choice[name] = float(cands[pick])
        else:
            if total > best_total:
                best_total, best = total, choice
    if best is None:
        raise ValueError("no thresholds satisfy the TPR gap")
    return best


def apply_thresholds(scores, group, thresholds) -> np.ndarray:
    """Decisions: 1 where score >= the threshold of the row's group."""
    s = np.asarray(scores, dtype=float)
    g = np.asarray(group).astype(str)
    t = np.array([float(thresholds[name]) for name in g.tolist()])
    return (s >= t).astype(int)


def outcome(scores, y_true, group, thresholds) -> tuple[float, float, int]:
    """TPR gap, accuracy and number of correct decisions of a set of thresholds."""
    y = np.asarray(y_true).astype(int)
    pred = apply_thresholds(scores, group, thresholds)
    gaps = fairness_gaps(y, pred, group)
    correct = int(np.sum(pred == y))
    return gaps["equal_opportunity_difference"], correct / len(y), correct
