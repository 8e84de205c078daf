"""Drift rule with the KS test on numeric columns only: shifts in category frequencies
go unnoticed.

fails: detect-drift, attribution
"""

from scipy import stats


def drift_pvalue(batch, column):
    spec = CONTRACT["columns"][column]  # noqa: F821
    values = batch[column].dropna()
    if spec["kind"] != "numeric" or len(values) == 0:
        return None
    reference = REFERENCE[column].dropna()  # noqa: F821
    return stats.ks_2samp(values.to_numpy(float), reference.to_numpy(float)).pvalue
