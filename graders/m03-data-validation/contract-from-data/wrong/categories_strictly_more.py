"""Categories kept only when seen MORE than min_count times: a category seen exactly
min_count times is dropped.

fails: contract-example, categories
"""


def category_shares(values, min_count):
    counts = values.dropna().value_counts()
    kept = sorted(str(c) for c, k in counts.items() if k > min_count)
    total = sum(int(counts[c]) for c in kept)
    return kept, {c: int(counts[c]) / total for c in kept}
