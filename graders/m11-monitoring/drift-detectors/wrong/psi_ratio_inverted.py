"""psi with the ratio inside the logarithm upside down: (q - p) * ln(p / q).

Every term becomes negative, so the "index" is never above a positive threshold and the
alert rule goes silent.

fails: psi-example, psi-random, psi-empty-bins, psi-ties, alert-example, alert-boundary, alert-shift
"""

import numpy as np


def psi(reference, current, bins=10, eps=1e-4):
    reference = np.asarray(reference, dtype=float)
    current = np.asarray(current, dtype=float)
    edges = np.quantile(reference, np.arange(1, bins) / bins)
    p = np.bincount(np.searchsorted(edges, reference, side="right"), minlength=bins)
    q = np.bincount(np.searchsorted(edges, current, side="right"), minlength=bins)
    p = np.where(p == 0, eps, p / reference.size)
    q = np.where(q == 0, eps, q / current.size)
    return float(np.sum((q - p) * np.log(p / q)))
