"""Frequencies divided by all non-null values, the dropped rare ones included, so the
shares of the allowed categories do not add up to 1.

fails: contract-example, categories
"""


def category_shares(values, min_count):
    counts = values.dropna().value_counts()
    kept = sorted(str(c) for c, k in counts.items() if k >= min_count)
    total = int(counts.sum())
    return kept, {c: int(counts[c]) / total for c in kept}
