"""A correct solution in plain Python: no numpy, a quadratic scan written as loops."""


def expected_cost(y_true, y_score, threshold, cost_fp, cost_fn):
    total = 0.0
    for label, score in zip(y_true, y_score, strict=True):
        if score >= threshold and label == 0:
            total += cost_fp
        elif score < threshold and label == 1:
            total += cost_fn
    return total / len(y_true)


def best_threshold(y_true, y_score, cost_fp, cost_fn):
    candidates = sorted({float(s) for s in y_score}, reverse=True)
    best_t, best_cost = float("inf"), expected_cost(y_true, y_score, float("inf"),
                                                    cost_fp, cost_fn)
    for t in candidates:  # descending: only a strictly lower cost replaces a larger threshold
        cost = expected_cost(y_true, y_score, t, cost_fp, cost_fn)
        if cost < best_cost:
            best_t, best_cost = t, cost
    return best_t


def threshold_for_recall(y_true, y_score, min_recall):
    positives = sorted((float(s) for s, label in zip(y_score, y_true, strict=True) if label == 1),
                       reverse=True)
    for k, score in enumerate(positives, start=1):
        if k / len(positives) >= min_recall:
            return score
    return positives[-1]
