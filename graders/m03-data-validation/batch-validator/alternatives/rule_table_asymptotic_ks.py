"""A correct validator organised as a table of rules, with the KS statistic computed by hand
from the two empirical CDFs and its asymptotic p-value (Kolmogorov distribution), instead
of scipy.stats.ks_2samp. Bonferroni-corrected as the contract asks."""

import numpy as np
import pandas as pd
from scipy import stats


def _ks_pvalue(a, b):
    a, b = np.sort(a), np.sort(b)
    grid = np.concatenate([a, b])
    d = np.max(np.abs(np.searchsorted(a, grid, side="right") / len(a)
                      - np.searchsorted(b, grid, side="right") / len(b)))
    effective = np.sqrt(len(a) * len(b) / (len(a) + len(b)))
    return float(stats.kstwobign.sf(d * effective))


def _nulls(spec, values):
    return values.isna().mean() > spec["max_null_rate"]


def _range(spec, values):
    if spec["kind"] != "numeric":
        return False
    v = values.dropna().to_numpy(float)
    return bool(np.any((v < spec["min"]) | (v > spec["max"])))


def _category(spec, values):
    return spec["kind"] == "text" and not set(values.dropna()) <= set(spec["categories"])


def _drift(spec, values, column):
    level = CONTRACT["drift"]["alpha"] / len(CONTRACT["columns"])  # noqa: F821
    values, ref = values.dropna(), REFERENCE[column].dropna()  # noqa: F821
    if spec["kind"] == "numeric":
        return len(values) > 0 and _ks_pvalue(values.to_numpy(float), ref.to_numpy(float)) < level
    cats = pd.Categorical(values, categories=spec["categories"])
    observed = pd.Series(cats).value_counts(sort=False).to_numpy(float)
    shares = pd.Series(pd.Categorical(ref, categories=spec["categories"])).value_counts(
        sort=False, normalize=True).to_numpy()
    if observed.sum() == 0:
        return False
    return stats.chisquare(observed, shares * observed.sum()).pvalue < level


RULES = {"nulls": _nulls, "range": _range, "category": _category}


def validate(batch):
    batch = pd.DataFrame(batch)
    contract = CONTRACT["columns"]  # noqa: F821
    problems = []
    for column in sorted(set(batch.columns) | set(contract)):
        spec = contract.get(column)
        kind_ok = spec is not None and column in batch.columns and (
            pd.api.types.is_numeric_dtype(batch[column]) == (spec["kind"] == "numeric"))
        if not kind_ok:
            problems.append({"rule": "schema", "column": column})
            continue
        failed = [name for name, rule in RULES.items() if rule(spec, batch[column])]
        if _drift(spec, batch[column], column):
            failed.append("drift")
        problems += [{"rule": name, "column": column} for name in sorted(failed)]
    return {"valid": not problems, "problems": problems}
