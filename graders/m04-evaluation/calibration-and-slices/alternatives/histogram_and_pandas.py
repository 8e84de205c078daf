"""A correct solution written differently: np.histogram for the bins, pandas groupby for
the slices."""

import numpy as np
import pandas as pd


def reliability_table(y_true, y_prob, n_bins=10):
    # np.histogram's last bin is closed on the right, exactly the convention required
    p = np.asarray(y_prob, dtype=float)
    y = np.asarray(y_true, dtype=float)
    count, edges = np.histogram(p, bins=n_bins, range=(0.0, 1.0))
    sum_prob, _ = np.histogram(p, bins=n_bins, range=(0.0, 1.0), weights=p)
    sum_true, _ = np.histogram(p, bins=n_bins, range=(0.0, 1.0), weights=y)
    full = count > 0
    return {
        "bin_lower": edges[:-1][full],
        "bin_upper": edges[1:][full],
        "count": count[full],
        "mean_prob": sum_prob[full] / count[full],
        "frac_positive": sum_true[full] / count[full],
    }


def expected_calibration_error(y_true, y_prob, n_bins=10):
    table = pd.DataFrame(reliability_table(y_true, y_prob, n_bins))
    gap = (table["frac_positive"] - table["mean_prob"]).abs()
    return float((table["count"] * gap).sum() / table["count"].sum())


def slice_metrics(y_true, y_pred, slice_ids):
    df = pd.DataFrame({"t": np.asarray(y_true) == 1, "p": np.asarray(y_pred) == 1,
                       "s": [str(x) for x in slice_ids]})
    df["tp"] = df["t"] & df["p"]
    sums = df.groupby("s").agg(n=("t", "size"), n_pos=("t", "sum"), predicted=("p", "sum"),
                               tp=("tp", "sum"))
    sums["precision"] = (sums["tp"] / sums["predicted"].where(sums["predicted"] > 0)).fillna(0.0)
    sums["recall"] = (sums["tp"] / sums["n_pos"].where(sums["n_pos"] > 0)).fillna(0.0)
    return {str(name): {"n": int(row.n), "n_pos": int(row.n_pos),
                        "precision": float(row.precision), "recall": float(row.recall)}
            for name, row in sums.iterrows()}


def release_gate(y_true, y_pred, slice_ids, min_recall, min_positives):
    table = pd.DataFrame.from_dict(slice_metrics(y_true, y_pred, slice_ids), orient="index")
    enough = table["n_pos"] >= min_positives
    failing = sorted(table.index[enough & (table["recall"] < min_recall)])
    return {"passed": len(failing) == 0, "failing": [str(k) for k in failing],
            "insufficient": sorted(str(k) for k in table.index[~enough])}
