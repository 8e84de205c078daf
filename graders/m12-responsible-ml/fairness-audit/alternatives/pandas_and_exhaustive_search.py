"""A correct solution written differently: pandas groupby for the metrics, and an
exhaustive, vectorised search over every combination of per-group thresholds (fine for
the two or three groups of the hidden inputs, with scores rounded to two decimals)."""

import numpy as np
import pandas as pd


def group_metrics(y_true, y_pred, group):
    df = pd.DataFrame({"y": np.asarray(y_true, dtype=int), "p": np.asarray(y_pred, dtype=int),
                       "g": [str(x) for x in group]})
    df["tp"] = (df.p == 1) & (df.y == 1)
    df["fp"] = (df.p == 1) & (df.y == 0)
    stats = df.groupby("g").agg(n=("y", "size"), sel=("p", "mean"), pos=("y", "sum"),
                                tp=("tp", "sum"), fp=("fp", "sum"))
    stats["neg"] = stats["n"] - stats["pos"]
    out = {}
    for name, row in stats.iterrows():
        out[str(name)] = {
            "n": int(row["n"]),
            "selection_rate": float(row["sel"]),
            "tpr": row["tp"] / row["pos"] if row["pos"] else float("nan"),
            "fpr": row["fp"] / row["neg"] if row["neg"] else float("nan"),
        }
    return out


def fairness_gaps(y_true, y_pred, group):
    table = pd.DataFrame(group_metrics(y_true, y_pred, group)).T.astype(float)
    spread = table.max() - table.min()  # pandas skips nan by default
    return {
        "demographic_parity_difference": float(spread["selection_rate"]),
        "equal_opportunity_difference": float(spread["tpr"]),
        "equalized_odds_difference": float(max(spread["tpr"], spread["fpr"])),
    }


def group_thresholds(scores, y_true, group, max_tpr_gap):
    scores = np.asarray(scores, dtype=float)
    y_true = np.asarray(y_true, dtype=int)
    group = np.array([str(x) for x in group])
    names = sorted(set(group.tolist()))
    cands, tprs, corrects = [], [], []
    for name in names:
        s, y = scores[group == name], y_true[group == name]
        c = np.append(np.unique(s), np.inf)
        flagged = s[None, :] >= c[:, None]
        cands.append(c)
        tprs.append((flagged & (y == 1)).sum(axis=1) / (y == 1).sum())
        corrects.append((flagged == (y == 1)).sum(axis=1))
    k = len(names)
    grids_tpr = [t.reshape([-1 if i == j else 1 for j in range(k)]) for i, t in enumerate(tprs)]
    grids_cor = [c.reshape([-1 if i == j else 1 for j in range(k)]) for i, c in enumerate(corrects)]
    high = np.maximum.reduce(np.broadcast_arrays(*grids_tpr))
    low = np.minimum.reduce(np.broadcast_arrays(*grids_tpr))
    total = sum(np.broadcast_arrays(*grids_cor)).astype(float)
    total[high - low > max_tpr_gap + 1e-12] = -1
    best = np.unravel_index(int(np.argmax(total)), total.shape)
    return {name: float(cands[i][best[i]]) for i, name in enumerate(names)}
