"""A correct solution written differently: plain Python loops and counters, no numpy."""

from collections import defaultdict


def reliability_table(y_true, y_prob, n_bins=10):
    sums = defaultdict(lambda: [0, 0.0, 0.0])  # bin -> [count, sum of p, sum of y]
    for y, p in zip(y_true, y_prob, strict=True):
        k = min(int(p * n_bins), n_bins - 1)
        sums[k][0] += 1
        sums[k][1] += float(p)
        sums[k][2] += float(y)
    table = {"bin_lower": [], "bin_upper": [], "count": [], "mean_prob": [], "frac_positive": []}
    for k in sorted(sums):
        count, sum_p, sum_y = sums[k]
        table["bin_lower"].append(k / n_bins)
        table["bin_upper"].append((k + 1) / n_bins)
        table["count"].append(count)
        table["mean_prob"].append(sum_p / count)
        table["frac_positive"].append(sum_y / count)
    return table


def expected_calibration_error(y_true, y_prob, n_bins=10):
    table = reliability_table(y_true, y_prob, n_bins)
    total = sum(table["count"])
    return sum(c / total * abs(f - m) for c, f, m in
               zip(table["count"], table["frac_positive"], table["mean_prob"], strict=True))


def slice_metrics(y_true, y_pred, slice_ids):
    counts = defaultdict(lambda: {"n": 0, "n_pos": 0, "predicted": 0, "tp": 0})
    for t, p, s in zip(y_true, y_pred, slice_ids, strict=True):
        c = counts[str(s)]
        c["n"] += 1
        c["n_pos"] += int(t == 1)
        c["predicted"] += int(p == 1)
        c["tp"] += int(t == 1 and p == 1)
    return {s: {"n": c["n"], "n_pos": c["n_pos"],
                "precision": c["tp"] / c["predicted"] if c["predicted"] else 0.0,
                "recall": c["tp"] / c["n_pos"] if c["n_pos"] else 0.0}
            for s, c in counts.items()}


def release_gate(y_true, y_pred, slice_ids, min_recall, min_positives):
    failing, insufficient = [], []
    for name, m in sorted(slice_metrics(y_true, y_pred, slice_ids).items()):
        if m["n_pos"] < min_positives:
            insufficient.append(name)
        elif m["recall"] < min_recall:
            failing.append(name)
    return {"passed": failing == [], "failing": failing, "insufficient": insufficient}
