"""psi with bins closed on the right (pandas.cut's default), so a value equal to an edge
goes to the bin below it.

Continuous samples never hit an edge, so only discrete features and edge values show it.

fails: psi-ties
"""

import numpy as np


def psi(reference, current, bins=10, eps=1e-4):
    reference = np.asarray(reference, dtype=float)
    current = np.asarray(current, dtype=float)
    edges = np.quantile(reference, np.arange(1, bins) / bins)
    p = np.bincount(np.searchsorted(edges, reference, side="left"), minlength=bins)
    q = np.bincount(np.searchsorted(edges, current, side="left"), minlength=bins)
    p = np.where(p == 0, eps, p / reference.size)
    q = np.where(q == 0, eps, q / current.size)
    return float(np.sum((q - p) * np.log(q / p)))
