"""A reliability table whose bins are (a, b] (np.digitize with right=True): inner-edge
probabilities land one bin too low. The notebook's ECE uses the table, so it goes wrong too.

fails: table-example, table-random, ece-edges
"""

import numpy as np


def reliability_table(y_true, y_prob, n_bins=10):
    y = np.asarray(y_true, dtype=float)
    p = np.asarray(y_prob, dtype=float)
    idx = np.digitize(p, np.linspace(0.0, 1.0, n_bins + 1)[1:-1], right=True)
    table = {"bin_lower": [], "bin_upper": [], "count": [], "mean_prob": [], "frac_positive": []}
    for k in range(n_bins):
        in_bin = idx == k
        if in_bin.any():
            table["bin_lower"].append(k / n_bins)
            table["bin_upper"].append((k + 1) / n_bins)
            table["count"].append(int(in_bin.sum()))
            table["mean_prob"].append(float(p[in_bin].mean()))
            table["frac_positive"].append(float(y[in_bin].mean()))
    return table
