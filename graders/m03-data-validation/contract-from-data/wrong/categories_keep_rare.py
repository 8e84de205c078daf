"""Every value seen in the reference becomes an allowed category, misspellings included.

fails: contract-example, categories
"""


def category_shares(values, min_count):
    counts = values.dropna().value_counts()
    kept = sorted(str(c) for c in counts.index)
    total = int(counts.sum())
    return kept, {c: int(counts[c]) / total for c in kept}
