"""A correct solution written differently: np.digitize on the inner edges for the bins and
scikit-learn's precision/recall per slice."""

import numpy as np
from sklearn.metrics import precision_score, recall_score


def reliability_table(y_true, y_prob, n_bins=10):
    y = np.asarray(y_true, dtype=float)
    p = np.asarray(y_prob, dtype=float)
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    # right=False: a value equal to an inner edge goes to the bin that starts there;
    # only inner edges are passed, so 1.0 stays in the last bin
    idx = np.digitize(p, edges[1:-1], right=False)
    rows = [(edges[k], edges[k + 1], int(np.sum(idx == k)), p[idx == k].mean(),
             y[idx == k].mean()) for k in np.unique(idx)]
    keys = ["bin_lower", "bin_upper", "count", "mean_prob", "frac_positive"]
    return {key: [row[i] for row in rows] for i, key in enumerate(keys)}


def expected_calibration_error(y_true, y_prob, n_bins=10):
    table = reliability_table(y_true, y_prob, n_bins)
    weights = np.asarray(table["count"]) / len(np.asarray(y_prob))
    return float(weights @ np.abs(np.subtract(table["frac_positive"], table["mean_prob"])))


def slice_metrics(y_true, y_pred, slice_ids):
    t, p = np.asarray(y_true), np.asarray(y_pred)
    s = np.array([str(x) for x in slice_ids])
    out = {}
    for name in sorted(set(s.tolist())):
        rows = s == name
        out[name] = {
            "n": int(rows.sum()), "n_pos": int((t[rows] == 1).sum()),
            "precision": float(precision_score(t[rows], p[rows], labels=[0, 1],
                                               zero_division=0.0)),
            "recall": float(recall_score(t[rows], p[rows], labels=[0, 1], zero_division=0.0)),
        }
    return out


def release_gate(y_true, y_pred, slice_ids, min_recall, min_positives):
    per_slice = slice_metrics(y_true, y_pred, slice_ids)
    verdict = {k: ("insufficient" if m["n_pos"] < min_positives
                   else "fail" if m["recall"] < min_recall else "pass")
               for k, m in per_slice.items()}
    failing = sorted(k for k, v in verdict.items() if v == "fail")
    return {"passed": not failing, "failing": failing,
            "insufficient": sorted(k for k, v in verdict.items() if v == "insufficient")}
