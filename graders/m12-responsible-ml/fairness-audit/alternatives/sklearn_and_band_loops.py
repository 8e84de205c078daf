"""A correct solution with scikit-learn's confusion_matrix for the counts and the band sweep
written as plain loops over sorted scores; ties go to the smallest threshold."""

import math

from sklearn.metrics import confusion_matrix


def group_metrics(y_true, y_pred, group):
    y_true, y_pred = list(y_true), list(y_pred)
    out = {}
    for name in sorted({str(x) for x in group}):
        idx = [i for i, x in enumerate(group) if str(x) == name]
        yt = [int(y_true[i]) for i in idx]
        yp = [int(y_pred[i]) for i in idx]
        tn, fp, fn, tp = confusion_matrix(yt, yp, labels=[0, 1]).ravel()
        out[name] = {
            "n": len(idx),
            "selection_rate": (tp + fp) / len(idx),
            "tpr": tp / (tp + fn) if tp + fn else math.nan,
            "fpr": fp / (fp + tn) if fp + tn else math.nan,
        }
    return out


def fairness_gaps(y_true, y_pred, group):
    per = list(group_metrics(y_true, y_pred, group).values())

    def gap(key):
        vals = [m[key] for m in per if not math.isnan(m[key])]
        return max(vals) - min(vals)

    return {"demographic_parity_difference": gap("selection_rate"),
            "equal_opportunity_difference": gap("tpr"),
            "equalized_odds_difference": max(gap("tpr"), gap("fpr"))}


def _table(rows):
    """(threshold, tpr, correct) for each candidate, walking the scores from high to low."""
    rows = sorted(rows, reverse=True)
    n_pos = sum(y for _, y in rows)
    n_neg = len(rows) - n_pos
    table = [(math.inf, 0.0, n_neg)]  # approve nobody
    tp = fp = 0
    for i, (score, label) in enumerate(rows):
        tp += label
        fp += 1 - label
        if i + 1 == len(rows) or rows[i + 1][0] != score:  # end of a run of tied scores
            table.append((score, tp / n_pos, tp + n_neg - fp))
    return table


def group_thresholds(scores, y_true, group, max_tpr_gap):
    by_group = {}
    for s, y, g in zip(scores, y_true, group, strict=True):
        by_group.setdefault(str(g), []).append((float(s), int(y)))
    tables = {g: _table(rows) for g, rows in by_group.items()}
    levels = sorted({tpr for table in tables.values() for _, tpr, _ in table})
    best_total, best = -1, None
    for lo in levels:
        total, choice = 0, {}
        for g, table in tables.items():
            high = lo + max_tpr_gap + 1e-12
            inside = [(c, -t) for t, tpr, c in table if lo - 1e-12 <= tpr <= high]
            if not inside:
                break
            c, neg_t = max(inside)  # most correct, then the smallest threshold
            total += c
            choice[g] = -neg_t
        else:
            if total > best_total:
                best_total, best = total, choice
    return best
